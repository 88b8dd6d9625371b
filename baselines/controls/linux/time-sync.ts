import { defineControl } from "../../control.js";
import { file, pkg, systemd } from "../../settings.js";
import { CIS, NETWORKED_ROLES, OWNED_HEADER, TCVN } from "./common.js";

/**
 * The clock follows network time (systemd-timesyncd, the default on Debian 12 and
 * Ubuntu), so log lines from every machine line up during an investigation.
 * Machines that run chrony instead fail this check on purpose: installing
 * timesyncd would remove chrony, so the technician decides.
 * Not for classified machines: they have no network to synchronise from. When the
 * inventory names the province's time servers (province.timeServers), timesyncd asks
 * them instead of the distribution's pool; their names were checked by the schema
 * (letters, digits, '.' and '-'), so they cannot add a line to the file.
 */
export default defineControl({
  id: "linux.time.sync",
  title: { vi: "Đồng bộ thời gian", en: "Time synchronisation" },
  rationale: {
    vi: "Thời gian chính xác để đối chiếu nhật ký giữa các máy khi điều tra sự cố.",
    en: "Accurate time, so logs from different machines can be correlated during an investigation.",
  },
  severity: "medium",
  requirements: ["HP-EDU-3", "HY-PROV-19", "HY-PROV-09"],
  references: {
    cis: `${CIS}: Ensure a single time synchronization daemon is in use (systemd-timesyncd)`,
    tcvn14423: `${TCVN}: time synchronisation at every level`,
  },
  cis: ["2.3.1.1", "2.3.2.1", "2.3.2.2"],
  appliesTo: { os: ["linux"], roles: NETWORKED_ROLES },
  settings: (ctx) => {
    const servers = ctx.inventory.province.timeServers;
    return [
      pkg("systemd-timesyncd"),
      ...(servers === undefined
        ? []
        : [
            file(
              "/etc/systemd/timesyncd.conf.d/60-attt-servers.conf",
              `${OWNED_HEADER}[Time]\nNTP=${servers.join(" ")}\n`,
            ),
          ]),
      systemd("systemd-timesyncd.service", "enabled"),
    ];
  },
});
