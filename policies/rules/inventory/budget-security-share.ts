import type { InventoryInput } from "../../inputs.js";
import { percent } from "../../measure.js";
import { definePolicy, type Issue, type Measure } from "../../policy.js";

const REQS = ["HY-EDU-A11", "QN-BCD-L2", "HY-PROV-20"];

/** Units that hold no budget of their own: the Department's offices are in the Department's line. */
const NO_BUDGET_OF_THEIR_OWN = new Set(["department-office"]);

/**
 * HY-EDU-A11 (10 %), QN-BCD-L2 and HY-PROV-20 (15 %): the security share of IT spending
 * in the reporting year (the year of asOf). The thresholds are the plans' own targets,
 * read from the catalogue. Every unit holding a budget is in the population: one with no
 * line for the year is a finding, never left out of the figure's coverage; lines of other
 * years are not counted.
 */
export default definePolicy<InventoryInput>({
  id: "inv.budget.security-share",
  title: { vi: "Tỷ lệ kinh phí bảo đảm an toàn thông tin", en: "Security share of the IT budget" },
  requirements: REQS,
  severity: "medium",
  input: "inventory",
  check: ({ inventory, where, targets, asOf }) => {
    const year = Number(asOf.slice(0, 4));
    const findings: Issue[] = [];
    const measures: Measure[] = [];
    const holders = inventory.units.filter((u) => !NO_BUDGET_OF_THEIR_OWN.has(u.type));
    const lines = inventory.budgets.filter((b) => b.year === year);
    const withLine = new Set(lines.map((b) => b.unit));
    const names = new Map(inventory.units.map((u) => [u.id, u.name]));
    for (const requirement of REQS) {
      const target = targets.get(requirement);
      if (!target) continue;
      for (const unit of holders.filter((u) => !withLine.has(u.id)))
        findings.push({
          requirements: [requirement],
          subject: `unit ${unit.id}`,
          unit: unit.id,
          message: `${unit.name} has no budget line for ${year}: its security share cannot be counted`,
          fix: `Add the unit's ${year} IT total and security line to budgets.yaml (itTotal, security, in VND)`,
          vi: {
            message: `${unit.name} chưa có dòng dự toán năm ${year}: không tính được tỷ lệ kinh phí an toàn thông tin`,
            fix: `Bổ sung tổng kinh phí công nghệ thông tin và phần an toàn thông tin năm ${year} của đơn vị vào budgets.yaml (itTotal, security, đơn vị đồng)`,
          },
          location: where(unit),
        });
      const breakdown = [];
      for (const b of lines) {
        if (b.itTotal === 0) continue;
        const pct = percent(b.security, b.itTotal);
        breakdown.push({ key: b.unit, value: pct, numerator: b.security, denominator: b.itTotal });
        if (pct >= target.value) continue;
        const needed = Math.ceil((b.itTotal * target.value) / 100);
        findings.push({
          requirements: [requirement],
          subject: `unit ${b.unit}`,
          unit: b.unit,
          message: `${names.get(b.unit) ?? b.unit} spends ${pct}% of its ${b.year} IT budget on security; the plan sets at least ${target.value}%`,
          fix: `Raise the security line to at least ${needed.toLocaleString("en")} VND`,
          vi: {
            message: `${names.get(b.unit) ?? b.unit} chi ${pct}% kinh phí công nghệ thông tin năm ${b.year} cho bảo đảm an toàn thông tin; kế hoạch yêu cầu tối thiểu ${target.value}%`,
            // Vietnamese groups thousands with dots (fixed here, not left to the ICU data of the running Node).
            fix: `Nâng kinh phí bảo đảm an toàn thông tin lên ít nhất ${String(needed).replace(/\B(?=(\d{3})+$)/g, ".")} đồng`,
          },
          location: where(b, ["security"]),
        });
      }
      // The plans set the share of spending: the figure is the share over the year's lines,
      // its coverage how many of the units holding a budget have one.
      const security = lines.reduce((n, b) => n + b.security, 0);
      const total = lines.reduce((n, b) => n + b.itTotal, 0);
      measures.push({
        requirement,
        value: percent(security, total),
        numerator: security,
        denominator: total,
        coverage: {
          population: holders.length,
          withData: holders.filter((u) => withLine.has(u.id)).length,
          of: `units holding a budget, with a ${year} budget line`,
          vi: `đơn vị có dự toán, có dòng kinh phí năm ${year}`,
        },
        breakdown,
      });
    }
    return { findings, measures };
  },
});
