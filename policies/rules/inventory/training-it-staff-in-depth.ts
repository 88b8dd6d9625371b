import type { InventoryInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";
import { positionCoverage, trainedThisYear, yearOf } from "./helpers.js";

/**
 * HY-PROV-31: "Đào tạo chuyên sâu cho cán bộ phụ trách công nghệ thông tin" (hàng năm).
 * Population: the active IT staff (position: it); each attends an in-depth training
 * (kind: in-depth) every year. An awareness session does not count.
 */
export default definePolicy<InventoryInput>({
  id: "inv.training.it-staff-in-depth",
  title: {
    vi: "Cán bộ phụ trách CNTT được đào tạo chuyên sâu hằng năm",
    en: "IT staff given in-depth training every year",
  },
  requirements: ["HY-PROV-31"],
  severity: "medium",
  input: "inventory",
  check: ({ inventory, where, asOf }) => {
    const findings: Issue[] = [];
    const active = inventory.staff.filter((p) => p.status === "active");
    const it = active.filter((p) => p.position === "it");
    const trained = trainedThisYear(inventory.trainings, asOf, "in-depth");
    const year = yearOf(asOf);
    for (const p of it) {
      if (trained.has(p.id)) continue;
      findings.push({
        subject: `person ${p.id}`,
        unit: p.unit,
        message: `${p.name} (IT staff) attended no in-depth training in ${year}`,
        fix: "Send the person to an in-depth security course (a training with kind: in-depth) and list them among its attendees",
        vi: {
          message: `${p.name} (cán bộ phụ trách CNTT) chưa được đào tạo chuyên sâu trong năm ${year}`,
          fix: "Cử cán bộ tham gia khóa đào tạo chuyên sâu về an ninh mạng (training có kind: in-depth) và ghi tên vào danh sách tham dự",
        },
        location: where(p, ["position"]),
      });
    }
    const coverage = positionCoverage(active, "active staff with a position");
    return {
      findings,
      measures: [
        {
          ...share(
            "HY-PROV-31",
            it.map((p) => trained.has(p.id)),
          ),
          coverage,
        },
      ],
    };
  },
});
