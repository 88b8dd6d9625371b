import type { StacksInput } from "../../inputs.js";
import { definePolicy, type Issue } from "../../policy.js";
import { networksOf, resources, subjectOf, workloads, zoneKinds } from "./read-stacks.js";

const CLOSED = new Set(["data", "management", "backup"]);
const ZONE_VI: Record<string, string> = { data: "dữ liệu", management: "quản trị", backup: "sao lưu" };

/**
 * HY-PROV-09: sites joined through security devices, zones per TCVN 14423 /
 * Circular 12/2022: the data, management and backup zones have no route out and publish
 * no port; the zone firewall drops whatever the flow matrix does not allow.
 */
export default definePolicy<StacksInput>({
  id: "dc.zones.isolated",
  title: {
    vi: "Phân vùng mạng, vùng dữ liệu/quản trị/sao lưu cô lập",
    en: "Zones segmented; data, management and backup zones closed",
  },
  requirements: ["HY-PROV-09"],
  severity: "critical",
  input: "stacks",
  check: (input) => {
    const findings: Issue[] = [];
    const kinds = zoneKinds(input);
    for (const n of resources(input, "docker_network")) {
      const kind = n.labels.get("attt.zone-kind") ?? "";
      if (CLOSED.has(kind) && n.body.internal !== true) {
        findings.push({
          subject: subjectOf(n, "network"),
          message: `the ${kind} zone has a route out (not internal)`,
          fix: `Set the zone's internet: none`,
          vi: {
            message: `vùng ${ZONE_VI[kind] ?? kind} có đường ra ngoài (mạng không phải internal)`,
            fix: "Đặt internet: none cho vùng này",
          },
        });
      }
    }
    // A swarm's zones span hosts: their traffic between hosts crosses the host network.
    for (const n of resources(input, "docker_network")) {
      if (n.body.driver !== "overlay") continue;
      if ((n.body.options as Record<string, string> | undefined)?.encrypted === undefined)
        findings.push({
          subject: subjectOf(n, "network"),
          message:
            "overlay network not encrypted: its traffic between hosts crosses the host network in clear",
          fix: "Create the zone's overlay with the encrypted option",
          vi: {
            message: "mạng overlay không mã hóa: lưu lượng giữa các máy chủ đi qua mạng vật lý ở dạng rõ",
            fix: "Tạo mạng overlay của vùng với tùy chọn encrypted",
          },
        });
    }
    // Zones meet only in the zone firewall: anything else on two zone networks is a path
    // around its rules (on a swarm, overlay membership is what keeps zones apart).
    for (const c of workloads(input)) {
      const zones = networksOf(c).filter((n) => kinds.has(n));
      if (zones.length > 1 && c.labels.get("attt.role") !== "zone-firewall")
        findings.push({
          subject: subjectOf(c),
          message: `attached to several zones (${zones.join(", ")}): a path between them around the zone firewall`,
          fix: "Attach it to its own zone only; allow the flow in the inventory's flows",
          vi: {
            message: `nối vào nhiều vùng (${zones.join(", ")}): một đường đi giữa các vùng không qua tường lửa vùng`,
            fix: "Chỉ nối vào vùng của nó; cho phép luồng trong mục flows của danh mục",
          },
        });
    }
    for (const c of workloads(input)) {
      const closed = networksOf(c).filter((n) => CLOSED.has(kinds.get(n) ?? ""));
      const ports = (c.body.ports ?? []) as unknown[];
      if (closed.length > 0 && ports.length > 0) {
        findings.push({
          subject: subjectOf(c),
          message: `publishes ports while attached to ${closed.join(", ")}`,
          fix: "Publish ports only from the DMZ or edge zone",
          vi: {
            message: `mở cổng ra ngoài trong khi nối vào ${closed.join(", ")}`,
            fix: "Chỉ mở cổng từ vùng DMZ hoặc vùng biên (edge)",
          },
        });
      }
    }
    const rules = [...input.configFiles].find(([p]) => p.endsWith("firewall/rules.nft"))?.[1];
    if (!rules)
      findings.push({
        subject: "zone firewall",
        message: "no generated firewall rules",
        fix: "Synthesize the network stack",
        vi: { message: "không có luật tường lửa được tạo ra", fix: "Tạo (synth) stack mạng" },
      });
    else if (!/hook forward priority filter; policy drop;/.test(rules)) {
      findings.push({
        subject: "zone firewall",
        message: "the forward chain does not drop by default",
        fix: "Regenerate the firewall rules; default deny between zones",
        vi: {
          message: "chain forward không chặn (drop) theo mặc định",
          fix: "Tạo lại luật tường lửa; mặc định chặn mọi kết nối giữa các vùng",
        },
      });
    }
    return { findings };
  },
});
