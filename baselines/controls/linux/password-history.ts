import { defineControl } from "../../control.js";
import { file } from "../../settings.js";
import { CIS, LINUX_ROLES, TCVN } from "./common.js";

/**
 * Password history through pam_pwhistory, added to common-password as a
 * pam-auth-update profile (the Debian way: the distribution's common-* files stay
 * generated, and `pam-auth-update` keeps working). Options sit on the module line
 * rather than in pwhistory.conf because Ubuntu 22.04's PAM (1.4) has no pwhistory.conf.
 */
export default defineControl({
  id: "linux.password.history",
  title: { vi: "Không dùng lại mật khẩu cũ (pam_pwhistory)", en: "Password history (pam_pwhistory)" },
  rationale: {
    vi: "Ngăn người dùng quay vòng vài mật khẩu quen thuộc khi buộc phải đổi mật khẩu.",
    en: "Stops users cycling back to a few familiar passwords when a change is forced.",
  },
  severity: "medium",
  requirements: ["HY-PROV-09", "QN-EDU-2", "HP-EDU-2"],
  references: {
    cis: `${CIS}: Configure pam_pwhistory (remember >= 24, enforce_for_root)`,
    tcvn14423: `${TCVN}: the last 10 passwords not reused from level 3 (24 is stricter)`,
    windows: "Same value as the Windows baseline: PasswordHistorySize 24 (CIS, Microsoft)",
  },
  cis: ["5.3.2.4", "5.3.3.3.1", "5.3.3.3.2", "5.3.3.3.3"],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  // 24 at every level, as on Windows: the same rule on every machine a teacher uses.
  settings: () => [
    file(
      "/usr/share/pam-configs/attt-pwhistory",
      [
        "Name: attt-kit: remember the last 24 passwords (pam_pwhistory)\n",
        "Default: yes\n",
        "Priority: 1024\n",
        "Password-Type: Primary\n",
        "Password:\n",
        "\trequisite pam_pwhistory.so remember=24 enforce_for_root try_first_pass use_authtok\n",
      ].join(""),
    ),
  ],
});
