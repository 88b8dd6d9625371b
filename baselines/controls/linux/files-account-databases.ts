import { defineControl } from "../../control.js";
import { permissions } from "../../settings.js";
import { CIS, LINUX_ROLES } from "./common.js";

/**
 * The account databases and their backups (the "-" copies shadow's tools leave) are
 * root's: everyone may read the public halves, only root and the shadow group the
 * password hashes, and /etc/security/opasswd (pam_pwhistory's old hashes) root alone.
 * Only modes and owners change; the files' content is the machine's own.
 */
export default defineControl({
  id: "linux.files.account-databases",
  title: {
    vi: "Quyền truy cập tệp tài khoản và mật khẩu (/etc/passwd, shadow, group, gshadow)",
    en: "Access to the account and password files (/etc/passwd, shadow, group, gshadow)",
  },
  rationale: {
    vi: "Người dùng thường không được sửa tài khoản hay đọc bản băm mật khẩu để dò mật khẩu ngoại tuyến.",
    en: "Ordinary users can neither change accounts nor read password hashes to crack them offline.",
  },
  severity: "high",
  requirements: ["HY-PROV-09", "HP-EDU-2"],
  references: {
    cis: `${CIS}: Ensure permissions on /etc/passwd, passwd-, group, group-, shadow, shadow-, gshadow, gshadow-, shells, security/opasswd are configured`,
  },
  cis: ["7.1.1", "7.1.2", "7.1.3", "7.1.4", "7.1.5", "7.1.6", "7.1.7", "7.1.8", "7.1.9", "7.1.10"],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: () => [
    permissions("/etc/passwd", "0644"),
    permissions("/etc/passwd-", "0644"),
    permissions("/etc/group", "0644"),
    permissions("/etc/group-", "0644"),
    permissions("/etc/shadow", "0640", "shadow"),
    permissions("/etc/shadow-", "0640", "shadow"),
    permissions("/etc/gshadow", "0640", "shadow"),
    permissions("/etc/gshadow-", "0640", "shadow"),
    permissions("/etc/shells", "0644"),
    permissions("/etc/security/opasswd", "0600"),
  ],
});
