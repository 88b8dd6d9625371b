import { defineControl } from "../../control.js";
import { secedit } from "../../settings.js";
import { CIS, MS_BASELINE, TCVN, WINDOWS_ROLES } from "./lib/common.js";

export default defineControl({
  id: "win.password.complexity",
  title: {
    vi: "Mật khẩu phải đủ độ phức tạp, không lưu dạng giải mã được",
    en: "Password complexity on, no reversible encryption",
  },
  rationale: {
    vi: "TCVN 14423 yêu cầu mật khẩu không dùng xác thực đa yếu tố có đủ bốn loại ký tự; chính sách độ phức tạp của Windows buộc điều đó. Lưu mật khẩu bằng mã hóa giải ngược được tương đương lưu bản rõ, nên phải tắt.",
    en: "TCVN 14423 requires all four character classes for passwords used without MFA; Windows' complexity policy enforces that. Storing passwords with reversible encryption is the same as storing them in clear, so it is off.",
  },
  severity: "high",
  requirements: ["HY-PROV-09", "QN-EDU-2", "HP-EDU-2"],
  references: {
    tcvn14423: `${TCVN}: four character classes without MFA`,
    cis: `${CIS}: Password must meet complexity requirements = Enabled; Store passwords using reversible encryption = Disabled`,
    microsoft: `${MS_BASELINE}: PasswordComplexity 1, ClearTextPassword 0`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [secedit("PasswordComplexity", 1), secedit("ClearTextPassword", 0)],
});
