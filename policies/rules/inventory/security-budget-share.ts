import type { InventoryInput } from "../../inputs.js";
import { percent } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";

const REQS = ["HY-EDU-A11", "QN-BCD-L2", "HY-PROV-20"];

/**
 * HY-EDU-A11 (10 %), QN-BCD-L2 and HY-PROV-20 (15 %): the security share of IT spending.
 * The thresholds are the plans' own targets, read from the catalogue.
 */
export default definePolicy<InventoryInput>({
  id: "inv.budget.security-share",
  title: { vi: "Tỷ lệ kinh phí bảo đảm an toàn thông tin", en: "Security share of the IT budget" },
  requirements: REQS,
  severity: "medium",
  input: "inventory",
  check: ({ inventory, where, targets }) => {
    const findings: Issue[] = [];
    const measures = [];
    const units = new Map(inventory.units.map((u) => [u.id, u]));
    for (const requirement of REQS) {
      const target = targets.get(requirement);
      if (!target) continue;
      const breakdown = [];
      for (const b of inventory.budgets) {
        if (b.itTotal === 0) continue;
        const pct = percent(b.security, b.itTotal);
        breakdown.push({
          key: `${b.unit} ${b.year}`,
          value: pct,
          numerator: b.security,
          denominator: b.itTotal,
        });
        if (pct >= target.value) continue;
        const needed = Math.ceil((b.itTotal * target.value) / 100);
        findings.push({
          requirements: [requirement],
          subject: `unit ${b.unit}`,
          unit: b.unit,
          message: `${units.get(b.unit)?.name ?? b.unit} spends ${pct}% of its ${b.year} IT budget on security; the plan sets at least ${target.value}%`,
          fix: `Raise the security line to at least ${needed.toLocaleString("en")} VND`,
          vi: {
            message: `${units.get(b.unit)?.name ?? b.unit} chi ${pct}% kinh phí công nghệ thông tin năm ${b.year} cho bảo đảm an toàn thông tin; kế hoạch yêu cầu tối thiểu ${target.value}%`,
            // Vietnamese groups thousands with dots (fixed here, not left to the ICU data of the running Node).
            fix: `Nâng kinh phí bảo đảm an toàn thông tin lên ít nhất ${String(needed).replace(/\B(?=(\d{3})+$)/g, ".")} đồng`,
          },
          location: where(b, ["security"]),
        });
      }
      // The plans set the share of spending, so the KPI is the share over all budgets; units are the breakdown.
      const security = inventory.budgets.reduce((n, b) => n + b.security, 0);
      const total = inventory.budgets.reduce((n, b) => n + b.itTotal, 0);
      measures.push({
        requirement,
        value: percent(security, total),
        numerator: security,
        denominator: total,
        breakdown,
      });
    }
    return { findings, measures };
  },
});
