import type { InventoryInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";

/**
 * QN-BCD-T2: every important system (level 3 and above) shares its 24/7 monitoring data
 * with the provincial and the national cybersecurity centres: the headline figure counts
 * the systems doing both. (HY-PROV-15, connecting the province's monitoring system to the
 * national one, is the police's task; layer 4 of each system is HY-EDU-T1 / HY-PROV-13.)
 */
export default definePolicy<InventoryInput>({
  id: "inv.systems.national-soc-connected",
  title: {
    vi: "Kết nối, chia sẻ dữ liệu giám sát với hệ thống giám sát quốc gia",
    en: "Monitoring data shared with the national monitoring system",
  },
  requirements: ["QN-BCD-T2"],
  severity: "medium",
  input: "inventory",
  check: ({ inventory, where }) => {
    const findings: Issue[] = [];
    const important = inventory.systems.filter((s) => s.level >= 3);
    for (const sys of important) {
      if (sys.protection.nationalSocConnected) continue;
      findings.push({
        requirements: ["QN-BCD-T2"],
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
          "QN-BCD-T2",
          important.map((s) => s.protection.socMonitored && s.protection.nationalSocConnected),
        ),
      ],
    };
  },
});
