import { hostPort } from "../../../templates/escape/config-values.js";
import { rsyslogParam } from "../../../templates/escape/rsyslog.js";
import { defineControl } from "../../control.js";
import { file, pkg, systemd } from "../../settings.js";
import { CIS, NETWORKED_ROLES, OWNED_HEADER, TCVN } from "./common.js";

/**
 * Every syslog message also goes to the provincial monitoring endpoint the inventory
 * names for the unit (network.logTo), over TCP, with a disk-backed queue so messages
 * written while the link is down are sent later instead of lost. Not applicable when
 * the unit names no endpoint, nor on classified machines (no network).
 */
export default defineControl({
  id: "linux.logging.forward",
  title: {
    vi: "Chuyển nhật ký về hệ thống giám sát của tỉnh",
    en: "Log forwarding to the provincial monitoring",
  },
  rationale: {
    vi: "Nhật ký được lưu ngoài máy, kẻ tấn công không xoá được dấu vết, và trung tâm giám sát thấy sự cố sớm.",
    en: "Logs kept off the machine cannot be erased by an intruder, and the monitoring centre sees incidents early.",
  },
  severity: "medium",
  requirements: ["HY-PROV-19", "HP-EDU-3", "HY-PROV-09"],
  references: {
    cis: `${CIS}: Ensure rsyslog is configured to send logs to a remote log host`,
    tcvn14423: `${TCVN}: central log collection from level 3`,
  },
  appliesTo: { os: ["linux"], roles: NETWORKED_ROLES },
  settings: (ctx) => {
    const logTo = ctx.unit.network.logTo;
    if (logTo === undefined) return [];
    // Parsed and re-printed: a value that is not host:port throws instead of reaching the file.
    const { host, port } = hostPort(logTo);
    const conf = [
      OWNED_HEADER,
      "# Forward everything to the provincial monitoring; queue on disk while it is unreachable.\n",
      `*.* action(type="omfwd" target=${rsyslogParam(host)} port=${rsyslogParam(String(port))} protocol="tcp"\n`,
      '           template="RSYSLOG_SyslogProtocol23Format"\n',
      '           queue.type="LinkedList" queue.filename="attt_forward" queue.maxDiskSpace="256m"\n',
      '           queue.saveOnShutdown="on" action.resumeRetryCount="-1")\n',
    ].join("");
    return [
      pkg("rsyslog"),
      file("/etc/rsyslog.d/60-attt-forward.conf", conf),
      systemd("rsyslog.service", "enabled"),
    ];
  },
});
