import type { AssessorKind, InformationSystem } from "../../../model/inventory.js";
import type { InventoryInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";
import { isLive } from "./helpers.js";

/** Who the plan names to assess a system of each level. */
const ASSESSOR: Record<number, { kinds: AssessorKind[]; en: string; vi: string }> = {
  // HY-PROV-29: "các cơ quan, đơn vị chủ trì triển khai đối với hệ thống trong tổ chức mình".
  1: { kinds: ["owner", "provincial-police"], en: "the owning body", vi: "cơ quan, đơn vị chủ quản" },
  // HY-PROV-29: "Công an tỉnh chủ trì kiểm tra, đánh giá các hệ thống thông tin cấp độ 2, cấp độ 3".
  2: { kinds: ["provincial-police"], en: "the provincial police", vi: "Công an tỉnh" },
  3: { kinds: ["provincial-police"], en: "the provincial police", vi: "Công an tỉnh" },
  // Decree 331/2026: levels 4-5 fall to the Ministry of Public Security.
  4: { kinds: ["ministry-of-public-security"], en: "the Ministry of Public Security", vi: "Bộ Công an" },
  5: { kinds: ["ministry-of-public-security"], en: "the Ministry of Public Security", vi: "Bộ Công an" },
};

const KIND_VI: Record<AssessorKind, string> = {
  "provincial-police": "Công an tỉnh",
  "ministry-of-public-security": "Bộ Công an",
  owner: "cơ quan chủ quản",
  other: "tổ chức khác",
};

/**
 * HY-PROV-29: a system's assessment is made by the body the plan names for its level
 * (protection.assessorKind, beside the assessor's name in protection.independentAssessor).
 * Systems never assessed are inv.systems.assessment-on-time's finding, not this one's.
 */
export default definePolicy<InventoryInput>({
  id: "inv.systems.assessor-as-plan-names",
  title: {
    vi: "Hệ thống được kiểm tra, đánh giá bởi cơ quan kế hoạch quy định cho cấp độ",
    en: "Each system assessed by the body the plan names for its level",
  },
  requirements: ["HY-PROV-29"],
  severity: "medium",
  input: "inventory",
  check: ({ inventory, where, asOf }) => {
    const findings: Issue[] = [];
    const assessed = inventory.systems.filter((s) => isLive(s, asOf) && s.lastAssessmentOn !== null);
    const ok = assessed.map((sys: InformationSystem) => {
      const want = ASSESSOR[sys.level] ?? ASSESSOR[3];
      const kind = sys.protection.assessorKind;
      if (want && kind && want.kinds.includes(kind)) return true;
      const by = sys.protection.independentAssessor ?? "?";
      findings.push({
        subject: `system ${sys.id}`,
        unit: sys.owner,
        message: kind
          ? `${sys.name} (level ${sys.level}) was assessed by ${by} (${kind}); the plan names ${want?.en} for level ${sys.level}`
          : `${sys.name} (level ${sys.level}): the assessor's kind is not stated (protection.assessorKind); the plan names ${want?.en}`,
        fix: `Have ${want?.en} assess the system, then record protection.independentAssessor and protection.assessorKind`,
        vi: {
          message: kind
            ? `${sys.name} (cấp độ ${sys.level}) được đánh giá bởi ${by} (${KIND_VI[kind]}); kế hoạch giao ${want?.vi} đánh giá hệ thống cấp độ ${sys.level}`
            : `${sys.name} (cấp độ ${sys.level}): chưa ghi loại cơ quan đánh giá (protection.assessorKind); kế hoạch giao ${want?.vi}`,
          fix: `Đề nghị ${want?.vi} kiểm tra, đánh giá hệ thống, rồi ghi protection.independentAssessor và protection.assessorKind`,
        },
        location: where(sys, ["protection", kind ? "assessorKind" : "independentAssessor"]),
      });
      return false;
    });
    return { findings, measures: [share("HY-PROV-29", ok)] };
  },
});
