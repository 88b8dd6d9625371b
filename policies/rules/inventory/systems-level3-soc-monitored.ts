import type { InventoryInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";

/**
 * QN-BCD-T2, HY-PROV-25: every system of level 3 and above is monitored 24/7 by the SOC. One
 * that is not also breaks HY-PROV-19 (monitoring extended to every system).
 */
export default definePolicy<InventoryInput>({
  id: "inv.systems.level3-soc-monitored",
  title: {
    vi: "Hệ thống cấp độ 3 trở lên được giám sát 24/7",
    en: "Level-3+ systems monitored 24/7 by the SOC",
  },
  requirements: ["QN-BCD-T2", "HY-PROV-19", "HY-PROV-25", "HY-EDU-S06", "HY-EDU-A08"],
  severity: "high",
  input: "inventory",
  check: ({ inventory, where }) => {
    const findings: Issue[] = [];
    const important = inventory.systems.filter((s) => s.level >= 3);
    for (const sys of important) {
      if (sys.protection.socMonitored) continue;
      findings.push({
        subject: `system ${sys.id}`,
        unit: sys.owner,
        message: `${sys.name} is level ${sys.level} but not monitored by the provincial SOC`,
        fix: "Forward its logs and metrics to the provincial SOC (the monitoring stack does this for data-centre services) and set protection.socMonitored",
        vi: {
          message: `${sys.name} thuộc cấp độ ${sys.level} nhưng chưa được SOC tỉnh giám sát`,
          fix: "Chuyển nhật ký và số liệu giám sát của hệ thống về SOC tỉnh (stack giám sát làm việc này cho các dịch vụ của trung tâm dữ liệu) rồi đặt protection.socMonitored",
        },
        location: where(sys, ["protection", "socMonitored"]),
      });
    }
    const ok = important.map((s) => s.protection.socMonitored);
    // QN-BCD-T2's figure also needs the national centre: inv.systems.national-soc-connected counts it.
    return { findings, measures: [share("HY-PROV-25", ok)] };
  },
});
