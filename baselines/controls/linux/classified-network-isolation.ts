import { defineControl } from "../../control.js";
import { file, pkg, systemd } from "../../settings.js";

/**
 * A classified machine talks to nothing: every packet in, out or through is dropped
 * except on loopback (local programs still talk to each other). No exception for
 * replies, DHCP, DNS or time: the machine has no network at all, by law.
 * Own table, as for the other roles: a drop in any base chain is final, so no other
 * table can reopen what this one closes.
 */
export default defineControl({
  id: "linux.classified.network-isolation",
  title: {
    vi: "Máy soạn thảo tài liệu mật: cách ly hoàn toàn khỏi mạng",
    en: "Classified machine: fully cut off from every network",
  },
  rationale: {
    vi: "Luật Bảo vệ bí mật nhà nước cấm soạn thảo, lưu trữ bí mật nhà nước trên thiết bị kết nối Internet hay mạng khác.",
    en: "The state-secrets law forbids drafting or storing state secrets on any device connected to the Internet or another network.",
  },
  severity: "critical",
  requirements: ["HY-EDU-T3", "HY-EDU-S04", "HY-EDU-S15", "HY-EDU-A06"],
  references: {
    law: "Law on Protection of State Secrets 117/2025/QH15: no networked device for state secrets",
    plan: "HY-EDU key task 6: dedicated computers for classified documents, never connected to the Internet",
  },
  appliesTo: { os: ["linux"], roles: ["classified"] },
  settings: () => {
    const rules = [
      "#!/usr/sbin/nft -f",
      "# Managed by attt-kit: edit the inventory and regenerate, not this file.",
      "# Classified machine: nothing but loopback, in or out (HY-EDU-S04, HY-EDU-S15).",
      "table inet attt_isolate",
      "delete table inet attt_isolate",
      "table inet attt_isolate {",
      "\tchain input {",
      "\t\ttype filter hook input priority filter; policy drop;",
      '\t\tiif "lo" accept',
      "\t}",
      "\tchain forward {",
      "\t\ttype filter hook forward priority filter; policy drop;",
      "\t}",
      "\tchain output {",
      "\t\ttype filter hook output priority filter; policy drop;",
      '\t\toif "lo" accept',
      "\t}",
      "}",
    ];
    return [
      pkg("nftables"),
      file("/etc/nftables.conf", `${rules.join("\n")}\n`, "0755"),
      systemd("nftables.service", "enabled"),
    ];
  },
});
