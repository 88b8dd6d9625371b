/** rsyslog drop-in forwarding this host's logs to the provincial SOC over TCP or TLS. */
import { defineVendorTemplate } from "../define.js";
import { LogForwardingValues, version } from "./schema.js";

export const logForwarding = defineVendorTemplate({
  name: "log-forwarding",
  description: {
    vi: "rsyslog: chuyển nhật ký về Trung tâm giám sát an toàn thông tin tỉnh qua TCP/TLS, có hàng đợi trên đĩa",
    en: "rsyslog drop-in: forward logs to the provincial SOC over TCP or TLS, with a disk-assisted queue",
  },
  version,
  schema: LogForwardingValues,
  files: [{ source: "forward-to-soc.conf.hbs", output: "60-attt-forward-to-soc.conf", language: "rsyslog" }],
  context: (v: LogForwardingValues) => ({
    ...v,
    // rsyslog reads every object parameter as a string; numbers are written as such.
    port: String(v.soc.port),
    maxMessages: String(v.queue.maxMessagesInMemory),
    maxDiskSpace: `${v.queue.maxDiskSpaceMegabytes}m`,
    tls: v.soc.tls && {
      ...v.soc.tls,
      // omfwd takes the permitted peers as one comma-separated list (DNS names hold no comma).
      permittedPeers: (v.soc.tls.permittedPeers ?? [v.soc.host]).join(","),
    },
    files: [...v.files],
  }),
});
