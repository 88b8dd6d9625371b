import type { InventoryInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";
import { positionCoverage, trainedThisYear, yearOf } from "./helpers.js";

/**
 * HY-PROV-05: "Tổ chức tập huấn, bồi dưỡng cho 100% lãnh đạo sở, ngành và UBND xã, phường".
 * Population: the active leaders (position: leader) of departments and communes; a leader
 * is trained when a training of the reporting year lists them among its attendees.
 */
export default definePolicy<InventoryInput>({
  id: "inv.training.leaders-trained",
  title: {
    vi: "Lãnh đạo sở, ngành và UBND xã, phường được tập huấn an ninh mạng",
    en: "Leaders of departments and communes trained",
  },
  requirements: ["HY-PROV-05"],
  severity: "medium",
  input: "inventory",
  check: ({ inventory, where, asOf }) => {
    const findings: Issue[] = [];
    const units = new Map(inventory.units.map((u) => [u.id, u]));
    const inScope = inventory.staff.filter(
      (p) => p.status === "active" && ["department", "commune"].includes(units.get(p.unit)?.type ?? ""),
    );
    const leaders = inScope.filter((p) => p.position === "leader");
    const trained = trainedThisYear(inventory.trainings, asOf);
    const year = yearOf(asOf);
    for (const p of leaders) {
      if (trained.has(p.id)) continue;
      findings.push({
        subject: `person ${p.id}`,
        unit: p.unit,
        message: `${p.name} (leader of ${units.get(p.unit)?.name}) attended no training in ${year}`,
        fix: "Have the leader attend a cybersecurity training and list them among its attendees (trainings[].attendees)",
        vi: {
          message: `${p.name} (lãnh đạo ${units.get(p.unit)?.name}) chưa tham gia buổi tập huấn nào trong năm ${year}`,
          fix: "Cử lãnh đạo tham gia tập huấn an ninh mạng và ghi tên vào danh sách tham dự (trainings[].attendees)",
        },
        location: where(p, ["position"]),
      });
    }
    const coverage = positionCoverage(inScope, "active staff of departments and communes with a position");
    return {
      findings,
      measures: [
        {
          ...share(
            "HY-PROV-05",
            leaders.map((p) => trained.has(p.id)),
          ),
          coverage,
        },
      ],
    };
  },
});
