import { defineControl } from "../../control.js";
import { file, pkg, systemd } from "../../settings.js";
import { CIS, LINUX_ROLES, OWNED_HEADER, TCVN } from "./common.js";

/**
 * The kernel audit trail (auditd) for what an investigator asks first: who changed
 * accounts or sudo rights, who logged in, and whether the clock was moved. The rules
 * file goes into rules.d, which augenrules (run by auditd.service at start) merges.
 */
const RULES = [
  "## Accounts and groups",
  "-w /etc/group -p wa -k identity",
  "-w /etc/passwd -p wa -k identity",
  "-w /etc/gshadow -p wa -k identity",
  "-w /etc/shadow -p wa -k identity",
  "-w /etc/security/opasswd -p wa -k identity",
  "## Administrative rights",
  "-w /etc/sudoers -p wa -k scope",
  "-w /etc/sudoers.d -p wa -k scope",
  "## Logins and sessions",
  "-w /var/log/lastlog -p wa -k logins",
  "-w /var/run/faillock -p wa -k logins",
  "-w /var/run/utmp -p wa -k session",
  "-w /var/log/wtmp -p wa -k session",
  "-w /var/log/btmp -p wa -k session",
  "## Time changes",
  "-a always,exit -F arch=b64 -S adjtimex,settimeofday,clock_settime -k time-change",
  "-a always,exit -F arch=b32 -S adjtimex,settimeofday,clock_settime -k time-change",
  "-w /etc/localtime -p wa -k time-change",
];

export default defineControl({
  id: "linux.audit.auditd-rules",
  title: { vi: "Nhật ký kiểm toán hệ thống (auditd)", en: "System audit trail (auditd)" },
  rationale: {
    vi: "Ghi lại thay đổi tài khoản, quyền quản trị, đăng nhập và thời gian hệ thống để phát hiện và điều tra sự cố.",
    en: "Records changes to accounts, administrative rights, logins and the system clock, to detect and investigate incidents.",
  },
  severity: "medium",
  requirements: ["HP-EDU-3", "HY-PROV-19", "HY-PROV-09"],
  references: {
    cis: `${CIS}: Configure auditd rules (identity, scope, logins, session, time-change)`,
    tcvn14423: `${TCVN}: audit logging of security events at every level`,
  },
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: () => [
    pkg("auditd"),
    file("/etc/audit/rules.d/60-attt.rules", `${OWNED_HEADER}${RULES.join("\n")}\n`, "0640"),
    systemd("auditd.service", "enabled"),
  ],
});
