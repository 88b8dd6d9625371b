import type { InventoryInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue, type Phrase } from "../../policy.js";
import { assessmentOnTime, STATUS_VI } from "./helpers.js";

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
    const people = new Map(inventory.staff.map((p) => [p.id, p]));
    for (const sys of inventory.systems) {
      // Each missing layer, with the field that records it.
      const missing: Array<[Phrase, string[]]> = [];
      // Layer 1 is a person who is there: someone who retired, resigned or moved away is not.
      const staff = sys.protection.onSiteStaff ? people.get(sys.protection.onSiteStaff) : undefined;
      if (staff?.status !== "active")
        missing.push([
          staff
            ? {
                en: `1 on-site security staff (protection.onSiteStaff: ${staff.name} is ${staff.status})`,
                vi: `1 lực lượng tại chỗ (protection.onSiteStaff: ${staff.name} đã ${STATUS_VI[staff.status]})`,
              }
            : {
                en: "1 on-site security staff (protection.onSiteStaff, an active person of the staff list)",
                vi: "1 lực lượng tại chỗ (protection.onSiteStaff, một người đang công tác trong danh sách cán bộ)",
              },
          ["protection", "onSiteStaff"],
        ]);
      if (!sys.protection.socMonitored)
        missing.push([
          {
            en: "2 24/7 monitoring (protection.socMonitored)",
            vi: "2 giám sát 24/7 (protection.socMonitored)",
          },
          ["protection", "socMonitored"],
        ]);
      if (!assessmentOnTime(sys, asOf))
        missing.push([
          {
            en: "3 independent periodic assessment (lastAssessmentOn)",
            vi: "3 kiểm tra, đánh giá độc lập định kỳ (lastAssessmentOn)",
          },
          ["lastAssessmentOn"],
        ]);
      else if (!sys.protection.independentAssessor)
        // An assessment with no assessor named is not shown to be independent.
        missing.push([
          {
            en: "3 independent assessment: no assessor named (protection.independentAssessor)",
            vi: "3 đánh giá độc lập: chưa ghi tổ chức đánh giá (protection.independentAssessor)",
          },
          ["protection", "independentAssessor"],
        ]);
      if (!sys.protection.nationalSocConnected)
        missing.push([
          {
            en: "4 connection to the national monitoring system (protection.nationalSocConnected)",
            vi: "4 kết nối với hệ thống giám sát quốc gia (protection.nationalSocConnected)",
          },
          ["protection", "nationalSocConnected"],
        ]);
      complete.push(missing.length === 0);
      const [first] = missing;
      if (!first) continue;
      findings.push({
        subject: `system ${sys.id}`,
        unit: sys.owner,
        message: `${sys.name} lacks layer ${missing.map(([what]) => what.en).join("; layer ")}`,
        fix: "Complete every layer: name on-site staff, connect to the SOC, assess on time, share with the national centre",
        vi: {
          message: `${sys.name} còn thiếu lớp ${missing.map(([what]) => what.vi).join("; lớp ")}`,
          fix: "Hoàn thiện đủ các lớp bảo vệ: phân công lực lượng tại chỗ, kết nối SOC, đánh giá đúng định kỳ, chia sẻ dữ liệu giám sát với hệ thống giám sát quốc gia",
        },
        // At the first missing layer's field (its parent when the field is not written).
        location: where(sys, first[1]),
      });
    }
    const m = (r: string) => share(r, complete);
    return { findings, measures: [m("HY-EDU-T1"), m("HY-PROV-13"), m("QN-BCD-L6")] };
  },
});
