import { defineControl } from "../../control.js";
import { accounts, file } from "../../settings.js";
import { CIS, LINUX_ROLES, OWNED_HEADER } from "./common.js";

/**
 * Only root may use su (pam_wheel: members of group root, which has none, and the
 * accounts check says so); administrators use sudo, which logs every command
 * (linux.sudo.logging). The file is Debian's and Ubuntu's /etc/pam.d/su with the
 * pam_wheel line CIS gives, owned whole: undo.sh puts the distribution's back.
 */
const PAM_SU = [
  OWNED_HEADER,
  "# su: only root (pam_rootok) and members of group root (kept empty) may switch user.\n",
  "auth       sufficient pam_rootok.so\n",
  "auth       required   pam_wheel.so use_uid group=root\n",
  "session    required   pam_env.so readenv=1\n",
  "session    required   pam_env.so readenv=1 envfile=/etc/default/locale\n",
  "session    optional   pam_mail.so nopen\n",
  "session    required   pam_limits.so\n",
  "@include common-auth\n",
  "@include common-account\n",
  "@include common-session\n",
].join("");

export default defineControl({
  id: "linux.su.restricted",
  title: { vi: "Chỉ root được dùng su; quản trị dùng sudo", en: "su for root only; administrators use sudo" },
  rationale: {
    vi: "Ai biết mật khẩu root không thể chuyển thành root bằng su mà không để lại dấu vết; mọi quyền quản trị đi qua sudo và được ghi nhật ký.",
    en: "Knowing root's password is not enough to become root through su without a trace; all administration goes through sudo, which is logged.",
  },
  severity: "medium",
  requirements: ["HY-PROV-09", "HP-EDU-2"],
  references: {
    cis: `${CIS}: Ensure access to the su command is restricted (pam_wheel with an empty group)`,
  },
  cis: ["5.2.7"],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: () => [file("/etc/pam.d/su", PAM_SU), accounts("su-group-empty")],
});
