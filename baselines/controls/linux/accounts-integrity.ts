import { defineControl } from "../../control.js";
import { accounts } from "../../settings.js";
import { CIS, LINUX_ROLES } from "./common.js";

/**
 * The local account databases are consistent: every password hashed in /etc/shadow and
 * none empty, root the only account with UID 0 and the only group with GID 0, no two
 * accounts or groups sharing a number or a name, system accounts without a login shell
 * and locked, no password changed "in the future"; root's password set or locked (not
 * empty: CIS 5.4.2.4, the no-empty-passwords rule), root's login PATH without writable or
 * relative entries and no umask looser than 027 in root's start files. Measured only: when two accounts
 * share UID 0, which one is the intruder is for a person to decide, not a script.
 */
export default defineControl({
  id: "linux.accounts.integrity",
  title: {
    vi: "Tài khoản cục bộ nhất quán: không mật khẩu rỗng, chỉ root có UID 0, không trùng UID/GID/tên",
    en: "Local accounts consistent: no empty passwords, root alone with UID 0, no duplicate UIDs, GIDs or names",
  },
  rationale: {
    vi: "Tài khoản UID 0 thứ hai, mật khẩu rỗng hay UID trùng là dấu hiệu bị xâm nhập hoặc cấu hình sai; chỉ báo cáo để người quản trị xem xét, không tự sửa.",
    en: "A second UID 0 account, an empty password or a shared UID is a sign of intrusion or misconfiguration; reported for an administrator to review, never changed automatically.",
  },
  severity: "high",
  requirements: ["HY-PROV-09", "HP-EDU-2"],
  references: {
    cis: `${CIS}: sections 5.4.2 (root account) and 7.2 (local user and group settings)`,
  },
  cis: [
    "5.4.1.6",
    "5.4.2.1",
    "5.4.2.2",
    "5.4.2.3",
    "5.4.2.4",
    "5.4.2.5",
    "5.4.2.6",
    "5.4.2.7",
    "5.4.2.8",
    "7.2.1",
    "7.2.2",
    "7.2.3",
    "7.2.4",
    "7.2.5",
    "7.2.6",
    "7.2.7",
    "7.2.8",
  ],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: () => [
    accounts("shadowed-passwords"),
    accounts("no-empty-passwords"),
    accounts("groups-exist"),
    accounts("shadow-group-empty"),
    accounts("unique-uids"),
    accounts("unique-gids"),
    accounts("unique-user-names"),
    accounts("unique-group-names"),
    accounts("root-only-uid0"),
    accounts("root-only-gid0-account"),
    accounts("root-only-gid0-group"),
    accounts("system-accounts-no-shell"),
    accounts("no-shell-accounts-locked"),
    accounts("password-changes-past"),
    accounts("root-path"),
    accounts("root-umask"),
  ],
});
