import { defineControl } from "../../control.js";
import { file, pkg } from "../../settings.js";
import { CIS, DEVSEC_OS, LINUX_ROLES, OWNED_HEADER, TCVN } from "./common.js";

/**
 * Password complexity through pam_pwquality. The file is a drop-in in
 * pwquality.conf.d (libpwquality >= 1.4.1: Debian 12, Ubuntu 22.04 and 24.04), so the
 * distribution's pwquality.conf stays untouched. Installing libpam-pwquality puts the
 * module into common-password through pam-auth-update.
 */
export default defineControl({
  id: "linux.password.quality",
  title: { vi: "Độ phức tạp mật khẩu (pam_pwquality)", en: "Password quality (pam_pwquality)" },
  rationale: {
    vi: "Mật khẩu dài và đủ loại ký tự chống dò đoán; TCVN 14423 yêu cầu ít nhất 14 ký tự, đủ 4 loại ký tự khi không có xác thực đa yếu tố.",
    en: "Long passwords with mixed character classes resist guessing; TCVN 14423 asks for at least 14 characters of all four classes where there is no multi-factor authentication.",
  },
  severity: "high",
  requirements: ["HY-PROV-09", "QN-EDU-2", "HP-EDU-2"],
  references: {
    cis: `${CIS}: Configure pam_pwquality (minlen >= 14, minclass 4 or credits, dictcheck, enforce_for_root)`,
    devsec: DEVSEC_OS,
    tcvn14423: `${TCVN}: passwords of at least 14 characters of four classes without MFA`,
  },
  cis: [
    "5.3.1.3",
    "5.3.2.3",
    "5.3.3.2.1",
    "5.3.3.2.2",
    "5.3.3.2.3",
    "5.3.3.2.4",
    "5.3.3.2.5",
    "5.3.3.2.6",
    "5.3.3.2.7",
    "5.3.3.2.8",
  ],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: (ctx) => {
    // 14 characters at every level: school machines have no second factor. Below level 3
    // three of the four classes are enough (fewer support calls); level 3 and up want all four.
    const minclass = ctx.level >= 3 ? 4 : 3;
    const content = [
      OWNED_HEADER,
      "minlen = 14\n",
      `minclass = ${minclass}\n`,
      "maxrepeat = 3\n",
      "maxsequence = 4\n",
      "difok = 5\n",
      "dictcheck = 1\n",
      "usercheck = 1\n",
      "retry = 3\n",
      "enforce_for_root\n",
    ].join("");
    return [pkg("libpam-pwquality"), file("/etc/security/pwquality.conf.d/60-attt.conf", content)];
  },
});
