import { hostPort } from "../../../templates/escape/config-values.js";
import { rsyslogParam } from "../../../templates/escape/rsyslog.js";
import { defineControl } from "../../control.js";
import { file, pkg, systemd } from "../../settings.js";
import { CIS, NETWORKED_ROLES, OWNED_HEADER, TCVN } from "./common.js";

/**
 * Every syslog message also goes to the provincial monitoring endpoint the inventory
 * names for the unit (network.logTo), over TLS (RFC 5425; the SOC's port 6514 speaks
 * nothing else), with a disk-backed queue so messages written while the link is down
 * are sent later instead of lost. The server's certificate must be signed by the SOC's
 * CA (network.logCa, shipped with the bundle) or, without one, by a CA of the system
 * store, and must name the logTo host: a machine on the school network cannot be made
 * to hand its logs to an impostor. Not applicable when the unit names no endpoint, nor
 * on classified machines (no network).
 */
const SOC_CA = "/etc/ssl/attt/soc-ca.pem";
const SYSTEM_CAS = "/etc/ssl/certs/ca-certificates.crt";

export default defineControl({
  id: "linux.logging.forward",
  title: {
    vi: "Chuyển nhật ký về hệ thống giám sát của tỉnh (TLS)",
    en: "Log forwarding to the provincial monitoring (TLS)",
  },
  rationale: {
    vi: "Nhật ký được lưu ngoài máy, kẻ tấn công không xoá được dấu vết, và trung tâm giám sát thấy sự cố sớm; mã hoá TLS và xác thực máy chủ nhận.",
    en: "Logs kept off the machine cannot be erased by an intruder, and the monitoring centre sees incidents early; encrypted with TLS, the receiver authenticated.",
  },
  severity: "medium",
  requirements: ["HY-PROV-19", "HP-EDU-3", "HY-PROV-09"],
  references: {
    cis: `${CIS}: Ensure rsyslog is configured to send logs to a remote log host`,
    tcvn14423: `${TCVN}: central log collection from level 3`,
    rsyslog:
      "rsyslog documentation: omfwd with StreamDriver gtls, StreamDriverMode 1, StreamDriverAuthMode x509/name, StreamDriver.CAFile (8.2108 and later: Debian 12, Ubuntu 22.04 and 24.04)",
  },
  cis: ["6.1.3.1", "6.1.3.2", "6.1.3.6"],
  appliesTo: { os: ["linux"], roles: NETWORKED_ROLES },
  settings: (ctx) => {
    const logTo = ctx.unit.network.logTo;
    if (logTo === undefined) return [];
    // Parsed and re-printed: a value that is not host:port throws instead of reaching the file.
    const { host, port } = hostPort(logTo);
    const ca = ctx.unit.network.logCa;
    const conf = [
      OWNED_HEADER,
      "# Forward everything to the provincial monitoring over TLS; queue on disk while it is unreachable.\n",
      `*.* action(type="omfwd" target=${rsyslogParam(host)} port=${rsyslogParam(String(port))} protocol="tcp"\n`,
      '           StreamDriver="gtls" StreamDriverMode="1" StreamDriverAuthMode="x509/name"\n',
      `           StreamDriverPermittedPeers=${rsyslogParam(host)}\n`,
      `           StreamDriver.CAFile=${rsyslogParam(ca === undefined ? SYSTEM_CAS : SOC_CA)}\n`,
      '           template="RSYSLOG_SyslogProtocol23Format"\n',
      '           queue.type="LinkedList" queue.filename="attt_forward" queue.maxDiskSpace="256m"\n',
      '           queue.saveOnShutdown="on" action.resumeRetryCount="-1")\n',
    ].join("");
    return [
      pkg("rsyslog"),
      pkg("rsyslog-gnutls"),
      pkg("ca-certificates"),
      ...(ca === undefined ? [] : [file(SOC_CA, ca.endsWith("\n") ? ca : `${ca}\n`)]),
      file("/etc/rsyslog.d/60-attt-forward.conf", conf),
      systemd("rsyslog.service", "enabled"),
    ];
  },
});
