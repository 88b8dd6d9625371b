import type { InventoryInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";

/** When the 2026 plans took effect (the earliest, HY-EDU, is dated February 2026). */
const PLANS_IN_FORCE = "2026-01-01";

/** QN-BCD-L5, HY-PROV-08: a system's security level is approved before it goes live. */
export default definePolicy<InventoryInput>({
  id: "inv.systems.level-approved-before-live",
  title: {
    vi: "Hệ thống được phê duyệt cấp độ trước khi vận hành",
    en: "Security level approved before a system goes live",
  },
  requirements: ["QN-BCD-L5", "HY-PROV-08", "HY-EDU-S01"],
  severity: "high",
  input: "inventory",
  check: ({ inventory, where, asOf }) => {
    const findings: Issue[] = [];
    const ok: boolean[] = [];
    for (const sys of inventory.systems) {
      const live = sys.liveSince !== null && sys.liveSince <= asOf;
      // Systems live before the 2026 plans only had to be reviewed and approved since; a system
      // launched under the plans must have been approved before its launch.
      const launchedUnderPlans = sys.liveSince !== null && sys.liveSince >= PLANS_IN_FORCE;
      const approved =
        sys.levelApprovedOn !== null &&
        (!launchedUnderPlans || sys.levelApprovedOn <= (sys.liveSince as string));
      const approvedAtAll = sys.levelApprovedOn !== null;
      ok.push(approvedAtAll);
      if (!approvedAtAll || (live && !approved)) {
        findings.push({
          severity: live ? "high" : "medium",
          subject: `system ${sys.id}`,
          unit: sys.owner,
          message: approvedAtAll
            ? `${sys.name} went live on ${sys.liveSince} before its level ${sys.level} was approved on ${sys.levelApprovedOn}`
            : `${sys.name} (level ${sys.level}) ${live ? `is live since ${sys.liveSince}` : "is planned"} with no approved security-level dossier`,
          fix: `Have the level-${sys.level} dossier appraised and approved (Decree 331/2026 Art. 11-15), then set levelApprovedOn`,
          vi: {
            message: approvedAtAll
              ? `${sys.name} được đưa vào vận hành ngày ${sys.liveSince}, trước khi cấp độ ${sys.level} được phê duyệt ngày ${sys.levelApprovedOn}`
              : `${sys.name} (cấp độ ${sys.level}) ${live ? `đã vận hành từ ${sys.liveSince}` : "đang chuẩn bị đưa vào vận hành"} mà chưa có hồ sơ đề xuất cấp độ được phê duyệt`,
            fix: `Trình thẩm định, phê duyệt hồ sơ đề xuất cấp độ ${sys.level} (Nghị định 331/2026, Điều 11-15), rồi đặt levelApprovedOn`,
          },
          location: where(sys, ["levelApprovedOn"]),
        });
      }
    }
    return { findings, measures: [share("HY-PROV-08", ok)] };
  },
});
