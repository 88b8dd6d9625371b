import type { InventoryInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";
import { assessmentIntervalDays, assessmentOnTime, isLive } from "./helpers.js";

/** HY-PROV-29: independent assessment of level-3 systems every year, of levels 1-2 every two years. */
export default definePolicy<InventoryInput>({
  id: "inv.systems.assessment-on-time",
  title: { vi: "Đánh giá an toàn thông tin đúng định kỳ", en: "Independent security assessment on time" },
  requirements: ["HY-PROV-29"],
  severity: "high",
  input: "inventory",
  check: ({ inventory, where, asOf }) => {
    const findings: Issue[] = [];
    const live = inventory.systems.filter((s) => isLive(s, asOf));
    for (const sys of live) {
      if (assessmentOnTime(sys, asOf)) continue;
      const every = sys.level >= 3 ? "every year" : "every two years";
      const everyVi = sys.level >= 3 ? "hằng năm" : "hai năm một lần";
      const days = assessmentIntervalDays(sys.level);
      findings.push({
        requirements: ["HY-PROV-29"],
        subject: `system ${sys.id}`,
        unit: sys.owner,
        message: sys.lastAssessmentOn
          ? `${sys.name} (level ${sys.level}) was last assessed on ${sys.lastAssessmentOn}; level ${sys.level} needs an assessment ${every} (at most ${days} days)`
          : `${sys.name} (level ${sys.level}) has never been independently assessed`,
        fix: `Commission an independent assessment (layer 3 of the 4-layer model) and record lastAssessmentOn`,
        vi: {
          message: sys.lastAssessmentOn
            ? `${sys.name} (cấp độ ${sys.level}) được đánh giá lần gần nhất ngày ${sys.lastAssessmentOn}; hệ thống cấp độ ${sys.level} phải được đánh giá ${everyVi} (tối đa ${days} ngày)`
            : `${sys.name} (cấp độ ${sys.level}) chưa từng được đánh giá độc lập`,
          fix: "Thuê tổ chức độc lập kiểm tra, đánh giá an toàn thông tin (lớp 3 của mô hình 4 lớp) và ghi ngày đánh giá vào lastAssessmentOn",
        },
        location: where(sys, ["lastAssessmentOn"]),
      });
    }
    return {
      findings,
      measures: [
        share(
          "HY-PROV-29",
          live.map((s) => assessmentOnTime(s, asOf)),
        ),
      ],
    };
  },
});
