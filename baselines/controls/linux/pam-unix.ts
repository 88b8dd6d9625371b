import { defineControl } from "../../control.js";
import { pamArgs, pkg } from "../../settings.js";
import { CIS, LINUX_ROLES } from "./common.js";

/**
 * pam_unix, the module that checks local passwords, is in every PAM stack, hashes new
 * passwords with yescrypt or SHA-512, takes the password pam_pwquality already checked
 * (use_authtok) and keeps no history of its own (pam_pwhistory does, in
 * linux.password.history). Debian's and Ubuntu's own profile already does all this;
 * the audit proves nobody changed it. Its nullok stays: the profile belongs to
 * libpam-runtime, and empty passwords are measured instead (linux.accounts.integrity).
 */
export default defineControl({
  id: "linux.pam.unix",
  title: {
    vi: "PAM: pam_unix có mặt, băm mật khẩu mạnh, dùng mật khẩu đã kiểm tra",
    en: "PAM: pam_unix present, strong password hashing, uses the checked password",
  },
  rationale: {
    vi: "Mật khẩu mới phải qua kiểm tra độ phức tạp và được băm bằng thuật toán chậm, hiện đại.",
    en: "New passwords go through the quality check and are hashed with a slow, modern algorithm.",
  },
  severity: "medium",
  requirements: ["HY-PROV-09", "HP-EDU-2"],
  references: {
    cis: `${CIS}: Ensure PAM is installed, pam_unix is enabled, does not include remember, includes a strong password hashing algorithm and use_authtok`,
  },
  cis: ["5.3.1.1", "5.3.1.2", "5.3.2.1", "5.3.3.4.2", "5.3.3.4.3", "5.3.3.4.4"],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: () => [
    pkg("libpam-runtime"),
    pkg("libpam-modules"),
    pamArgs("common-auth", "pam_unix.so", []),
    pamArgs("common-account", "pam_unix.so", []),
    pamArgs("common-session", "pam_unix.so", []),
    pamArgs("common-password", "pam_unix.so", ["yescrypt|sha512", "use_authtok"], ["remember"]),
  ],
});
