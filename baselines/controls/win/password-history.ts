import { defineControl } from "../../control.js";
import { secedit } from "../../settings.js";
import { CIS, TCVN, WINDOWS_ROLES } from "./lib/common.js";

/**
 * History 24 at every level: TCVN 14423 asks for the last 10 from level 3 only, CIS
 * asks for 24 everywhere; the stricter value costs users nothing extra. Minimum age 1
 * day stops cycling through 24 changes at once to reuse the old password.
 */
export default defineControl({
  id: "win.password.history",
  title: { vi: "Không dùng lại 24 mật khẩu gần nhất", en: "Remember 24 previous passwords" },
  rationale: {
    vi: "TCVN 14423 cấm dùng lại 10 mật khẩu gần nhất từ cấp độ 3; CIS yêu cầu 24 ở mọi nơi. Chọn 24 cho mọi cấp độ vì không tốn thêm gì của người dùng. Tuổi tối thiểu 1 ngày để không thể đổi liền 24 lần rồi quay lại mật khẩu cũ.",
    en: "TCVN 14423 forbids reusing the last 10 passwords from level 3; CIS asks for 24 everywhere. 24 is used at every level since it costs users nothing more. A minimum age of 1 day stops changing 24 times in a row to get the old password back.",
  },
  severity: "medium",
  requirements: ["HY-PROV-09", "QN-EDU-2", "HP-EDU-2"],
  references: {
    tcvn14423: `${TCVN}: the last 10 passwords not reused, from level 3`,
    cis: `${CIS}: Enforce password history 24 or more; Minimum password age 1 or more day`,
    microsoft: "Microsoft Security Baseline (Windows 11 24H2): Enforce password history 24",
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [secedit("PasswordHistorySize", 24, "min"), secedit("MinimumPasswordAge", 1, "min")],
});
