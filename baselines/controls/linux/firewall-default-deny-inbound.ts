import { ipv4Cidr, port } from "../../../templates/escape/config-values.js";
import { defineControl } from "../../control.js";
import { file, pkg, systemd } from "../../settings.js";
import { CIS, NETWORKED_ROLES, TCVN } from "./common.js";

/**
 * Host firewall, default-deny inbound: loopback, replies to the machine's own
 * connections, the ICMP that keeps networks working, and SSH only from the unit's
 * remoteAdminFrom networks. Outbound stays open (updates, time, log forwarding).
 *
 * The rules live in their own table, replaced as a whole ("add, delete, define"),
 * never `flush ruleset`: on a Docker host, Docker keeps its NAT and container-filter
 * rules in tables of its own, which a reload must not wipe. Traffic to published
 * container ports is DNATed and crosses the forward hook, where Docker filters it.
 * When the data centre reaches its Docker hosts over tcp:// (TLS), a `server` also
 * accepts that port, from the admin networks only.
 */
export default defineControl({
  id: "linux.firewall.default-deny-inbound",
  title: {
    vi: "Tường lửa máy trạm: chặn mặc định chiều vào (nftables)",
    en: "Host firewall: default-deny inbound (nftables)",
  },
  rationale: {
    vi: "Chỉ những kết nối cần thiết được vào máy; quản trị từ xa chỉ từ các mạng quản trị được khai báo.",
    en: "Only the connections the machine needs get in; remote administration only from the declared admin networks.",
  },
  severity: "high",
  requirements: ["HP-EDU-3", "HY-PROV-09", "QN-EDU-2"],
  references: {
    cis: `${CIS}: Configure nftables (base chains with policy drop, loopback, established connections)`,
    tcvn14423: `${TCVN}: remote administration only from restricted source addresses`,
  },
  cis: ["4.1.1", "4.3.1", "4.3.2", "4.3.4", "4.3.5", "4.3.6", "4.3.7", "4.3.8", "4.3.9", "4.3.10"],
  appliesTo: { os: ["linux"], roles: NETWORKED_ROLES },
  settings: (ctx) => {
    const adminNets = ctx.unit.network.remoteAdminFrom.map(ipv4Cidr);
    const adminPorts = [22, ...(ctx.role === "server" ? dockerApiPorts(ctx.inventory.datacentre.hosts) : [])];
    const lines = [
      "#!/usr/sbin/nft -f",
      "# Managed by attt-kit: edit the inventory and regenerate, not this file.",
      "# Only this table is replaced on reload; other software's tables (Docker's) stay.",
      "table inet attt_filter",
      "delete table inet attt_filter",
      "table inet attt_filter {",
      ...(adminNets.length > 0
        ? [
            "\tset remote_admin {",
            "\t\ttype ipv4_addr",
            "\t\tflags interval",
            `\t\telements = { ${adminNets.join(", ")} }`,
            "\t}",
            "",
          ]
        : []),
      "\tchain input {",
      "\t\ttype filter hook input priority filter; policy drop;",
      '\t\tiif "lo" accept',
      '\t\tiif != "lo" ip saddr 127.0.0.0/8 drop',
      "\t\tct state established,related accept",
      "\t\tct state invalid drop",
      "\t\tip protocol icmp icmp type { echo-request, destination-unreachable, time-exceeded, parameter-problem } accept",
      "\t\tip6 nexthdr icmpv6 icmpv6 type { echo-request, destination-unreachable, packet-too-big, time-exceeded, parameter-problem, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert } accept",
      ...(adminNets.length > 0
        ? [
            `\t\tip saddr @remote_admin tcp dport ${adminPorts.length > 1 ? `{ ${adminPorts.join(", ")} }` : "22"} accept`,
          ]
        : ["\t\t# no remoteAdminFrom in the inventory: no remote login"]),
      "\t}",
      "}",
    ];
    return [
      pkg("nftables"),
      file("/etc/nftables.conf", `${lines.join("\n")}\n`, "0755"),
      systemd("nftables.service", "enabled"),
      // One firewall utility: ufw, when installed, would load rules of its own.
      systemd("ufw.service", "disabled"),
    ];
  },
});

/** Ports of the Docker API endpoints the data centre declares as tcp://host:port (TLS). */
function dockerApiPorts(hosts: { endpoint: string }[]): number[] {
  const ports = hosts
    .filter((h) => h.endpoint.startsWith("tcp://"))
    .map((h) => port(new URL(h.endpoint.replace(/^tcp:/, "https:")).port || "2376"));
  return [...new Set(ports)].sort((a, b) => a - b);
}
