import { defineControl } from "../../control.js";
import { secedit } from "../../settings.js";
import { CIS, MS_BASELINE, TCVN, WINDOWS_ROLES } from "./lib/common.js";

/**
 * 14 characters on every role and level: TCVN 14423 allows 8 only together with MFA,
 * and a Windows logon on a school machine has no second factor, so its "14 without
 * MFA" rule applies; CIS says 14 as well.
 */
export default defineControl({
  id: "win.password.min-length",
  title: { vi: "Độ dài mật khẩu tối thiểu 14 ký tự", en: "Minimum password length of 14 characters" },
  rationale: {
    vi: "Mật khẩu ngắn bị dò ra nhanh. TCVN 14423 cho phép 8 ký tự chỉ khi có xác thực đa yếu tố; đăng nhập Windows trên máy của trường không có yếu tố thứ hai nên áp dụng mức 14 ký tự ở mọi cấp độ và vai trò (CIS cũng khuyến nghị 14).",
    en: "Short passwords are guessed quickly. TCVN 14423 allows 8 characters only with multi-factor authentication; a Windows logon on a school machine has no second factor, so 14 characters apply at every level and role (CIS also recommends 14).",
  },
  severity: "high",
  requirements: ["HY-PROV-09", "QN-EDU-2", "HP-EDU-2"],
  references: {
    tcvn14423: `${TCVN}: at least 8 characters with MFA, at least 14 with four character classes without MFA`,
    cis: `${CIS}: Minimum password length 14 or more characters`,
    microsoft: `${MS_BASELINE}: Minimum password length 14`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [secedit("MinimumPasswordLength", 14, "min")],
});
