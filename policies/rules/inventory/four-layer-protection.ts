import type { InventoryInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";
import { assessmentOnTime } from "./helpers.js";

/**
 * HY-EDU-T1, HY-PROV-13, QN-BCD-L6: every system protected by the four layers of
 * Directive 14/CT-TTg: on-site staff, 24/7 monitoring, independent assessment, national link.
 */
export default definePolicy<InventoryInput>({
  id: "inv.systems.four-layer-protection",
  title: {
    vi: "Bảo vệ hệ thống thông tin theo mô hình 4 lớp",
    en: "Every system protected by the 4-layer model",
  },
  requirements: ["HY-EDU-T1", "HY-PROV-13", "QN-BCD-L6"],
  severity: "high",
  input: "inventory",
  check: ({ inventory, where, asOf }) => {
    const findings: Issue[] = [];
    const complete: boolean[] = [];
    for (const sys of inventory.systems) {
      // Each missing layer, with the field that records it.
      const missing: Array<[string, string[]]> = [];
      if (!sys.protection.onSiteStaff)
        missing.push(["1 on-site security staff (protection.onSiteStaff)", ["protection", "onSiteStaff"]]);
      if (!sys.protection.socMonitored)
        missing.push(["2 24/7 monitoring (protection.socMonitored)", ["protection", "socMonitored"]]);
      if (!assessmentOnTime(sys, asOf))
        missing.push(["3 independent periodic assessment (lastAssessmentOn)", ["lastAssessmentOn"]]);
      if (!sys.protection.nationalSocConnected)
        missing.push([
          "4 connection to the national monitoring system (protection.nationalSocConnected)",
          ["protection", "nationalSocConnected"],
        ]);
      complete.push(missing.length === 0);
      const [first] = missing;
      if (!first) continue;
      findings.push({
        subject: `system ${sys.id}`,
        unit: sys.owner,
        message: `${sys.name} lacks layer ${missing.map(([what]) => what).join("; layer ")}`,
        fix: "Complete every layer: name on-site staff, connect to the SOC, assess on time, share with the national centre",
        // At the first missing layer's field (its parent when the field is not written).
        location: where(sys, first[1]),
      });
    }
    const m = (r: string) => share(r, complete);
    return { findings, measures: [m("HY-EDU-T1"), m("HY-PROV-13"), m("QN-BCD-L6")] };
  },
});
