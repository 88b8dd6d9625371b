import type { InventoryInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";

/** HY-PROV-15 and layer 4 of the 4-layer model: important systems share monitoring data with the national centre. */
export default definePolicy<InventoryInput>({
  id: "inv.systems.national-soc-connected",
  title: {
    vi: "Kết nối, chia sẻ dữ liệu giám sát với hệ thống giám sát quốc gia",
    en: "Monitoring data shared with the national monitoring system",
  },
  requirements: ["HY-PROV-15"],
  severity: "medium",
  input: "inventory",
  check: ({ inventory, where }) => {
    const findings: Issue[] = [];
    const important = inventory.systems.filter((s) => s.level >= 3);
    for (const sys of important) {
      if (sys.protection.nationalSocConnected) continue;
      findings.push({
        requirements: ["HY-PROV-15"],
        subject: `system ${sys.id}`,
        unit: sys.owner,
        message: `${sys.name} (level ${sys.level}) does not share monitoring data with the national monitoring system`,
        fix: "Export its security events toward the national SOC (monitoring stack: nationalSoc endpoint) and set protection.nationalSocConnected",
        vi: {
          message: `${sys.name} (cấp độ ${sys.level}) chưa kết nối, chia sẻ dữ liệu giám sát với hệ thống giám sát quốc gia`,
          fix: "Chuyển các sự kiện an toàn thông tin của hệ thống về SOC quốc gia (stack giám sát: điểm kết nối nationalSoc) rồi đặt protection.nationalSocConnected",
        },
        location: where(sys, ["protection", "nationalSocConnected"]),
      });
    }
    return {
      findings,
      measures: [
        share(
          "HY-PROV-15",
          important.map((s) => s.protection.nationalSocConnected),
        ),
      ],
    };
  },
});
