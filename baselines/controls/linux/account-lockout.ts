import { defineControl } from "../../control.js";
import { file, keyValue } from "../../settings.js";
import { CIS, DEVSEC_OS, LINUX_ROLES, TCVN } from "./common.js";

/**
 * Lock an account after repeated failed logins (pam_faillock). The thresholds live in
 * faillock.conf (shipped, commented, by libpam-modules >= 1.4); the module enters
 * common-auth and common-account through two pam-auth-update profiles, the layout
 * the CIS Debian 12 benchmark gives (preauth before pam_unix, authfail after it).
 */
export default defineControl({
  id: "linux.account.lockout",
  title: {
    vi: "Khoá tài khoản khi đăng nhập sai nhiều lần (pam_faillock)",
    en: "Account lockout after failed logins (pam_faillock)",
  },
  rationale: {
    vi: "Khoá tạm tài khoản sau vài lần nhập sai chặn dò mật khẩu tự động mà không khoá vĩnh viễn người dùng thật.",
    en: "A temporary lock after a few wrong passwords stops automated guessing without locking real users out for good.",
  },
  severity: "high",
  requirements: ["HY-PROV-09", "QN-EDU-2", "HP-EDU-2"],
  references: {
    cis: `${CIS}: Configure pam_faillock (deny <= 5, unlock_time >= 900)`,
    devsec: `${DEVSEC_OS}: deny 5, unlock_time 600-900`,
    tcvn14423: `${TCVN}: lock after 5 failures on systems holding important data, 10 on devices`,
  },
  cis: ["5.3.2.2", "5.3.3.1.1", "5.3.3.1.2"],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: (ctx) => {
    // Level 3 and up: 4 tries (dev-sec's lower bound); below: 5 (CIS, TCVN for important data).
    const deny = ctx.level >= 3 ? 4 : 5;
    return [
      keyValue("/etc/security/faillock.conf", "deny", deny, " = ", "max"),
      keyValue("/etc/security/faillock.conf", "unlock_time", 900, " = ", "min"),
      keyValue("/etc/security/faillock.conf", "fail_interval", 900, " = ", "min"),
      file(
        "/usr/share/pam-configs/attt-faillock",
        [
          "Name: attt-kit: count failed logins (pam_faillock authfail)\n",
          "Default: yes\n",
          "Priority: 0\n",
          "Auth-Type: Primary\n",
          "Auth:\n",
          "\t[default=die] pam_faillock.so authfail\n",
        ].join(""),
      ),
      file(
        "/usr/share/pam-configs/attt-faillock-notify",
        [
          "Name: attt-kit: refuse locked accounts, reset the count on success (pam_faillock)\n",
          "Default: yes\n",
          "Priority: 1024\n",
          "Auth-Type: Primary\n",
          "Auth:\n",
          "\trequisite pam_faillock.so preauth\n",
          "Account-Type: Primary\n",
          "Account:\n",
          "\trequired pam_faillock.so\n",
        ].join(""),
      ),
    ];
  },
});
