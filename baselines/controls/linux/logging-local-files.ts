import { defineControl } from "../../control.js";
import { configAbsent, file, permissionsOfFilesUnder, pkg, systemd } from "../../settings.js";
import { CIS, LINUX_ROLES, OWNED_HEADER } from "./common.js";

/**
 * rsyslog runs on every machine, classified ones included (they keep their logs
 * locally), creates its log files readable by root and the adm group only, and
 * receives nothing from the network: school machines send logs, they are no relay.
 * The drop-in's name sorts first, so the file mode is set before any rule of
 * rsyslog.conf (which includes rsyslog.d ahead of its rules) writes a file. The log
 * files already in /var/log, whoever wrote them (dpkg and apt write 0644), are narrowed
 * to 0640 too; their owners stay. wtmp, btmp and lastlog keep their mode: the utmp
 * group writes them (0664 and 0660 are what CIS allows for them).
 */
export default defineControl({
  id: "linux.logging.local-files",
  title: {
    vi: "rsyslog: tệp nhật ký chỉ root và nhóm adm đọc được, không nhận nhật ký từ mạng",
    en: "rsyslog: log files readable by root and adm only, no logs received from the network",
  },
  rationale: {
    vi: "Nhật ký chứa thông tin nhạy cảm (tên người dùng, địa chỉ); máy trạm không được thành nơi nhận nhật ký của máy khác.",
    en: "Logs hold sensitive details (user names, addresses); a workstation must not become a receiver of other machines' logs.",
  },
  severity: "medium",
  requirements: ["HY-PROV-19", "HP-EDU-3"],
  references: {
    cis: `${CIS}: Ensure rsyslog is installed and enabled, log file creation mode is configured (0640), rsyslog does not receive logs from remote clients; Ensure access to all logfiles has been configured`,
  },
  cis: ["6.1.3.1", "6.1.3.2", "6.1.3.4", "6.1.3.7", "6.1.4.1"],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: () => [
    pkg("rsyslog"),
    systemd("rsyslog.service", "enabled"),
    file("/etc/rsyslog.d/10-attt-filemode.conf", `${OWNED_HEADER}$FileCreateMode 0640\n`),
    permissionsOfFilesUnder("/var/log", "0640", ["wtmp*", "btmp*", "lastlog*"]),
    configAbsent(
      ["/etc/rsyslog.conf", "/etc/rsyslog.d"],
      ["imtcp", "imudp", "InputTCPServerRun", "UDPServerRun"],
    ),
  ],
});
