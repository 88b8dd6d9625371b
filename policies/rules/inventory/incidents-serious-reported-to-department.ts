import type { InventoryInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";
import { hoursBetween } from "./helpers.js";
import { NOTICE_HOURS } from "./incidents-reported-to-police.js";

/**
 * QN-EDU-7: a serious incident is reported to the Department (through its Quality and IT
 * division) "kịp thời", read as Decree 331's first notice: within 24 hours of detection.
 */
export default definePolicy<InventoryInput>({
  id: "inv.incidents.serious-reported-to-department",
  title: {
    vi: "Sự cố nghiêm trọng được báo cáo về Sở trong vòng 24 giờ",
    en: "Serious incidents reported to the Department within 24 hours",
  },
  requirements: ["QN-EDU-7"],
  severity: "high",
  input: "inventory",
  check: ({ inventory, where }) => {
    const findings: Issue[] = [];
    const serious = inventory.incidents.filter((i) => i.serious);
    const ok = serious.map((inc) => {
      const at = inc.reportedToDepartment;
      const hours = at ? hoursBetween(inc.detectedAt, at) : undefined;
      if (hours !== undefined && hours <= NOTICE_HOURS) return true;
      const late = hours !== undefined ? Math.round(hours * 10) / 10 : undefined;
      findings.push({
        subject: `incident ${inc.id}`,
        unit: inc.unit,
        message:
          late === undefined
            ? `serious incident ${inc.id} (${inc.summary}), detected ${inc.detectedAt}, was never reported to the Department`
            : `serious incident ${inc.id} (${inc.summary}) was reported to the Department ${late} hours after detection (at most ${NOTICE_HOURS})`,
        fix: "Report serious incidents to the Department within 24 hours of detection and record reportedToDepartment",
        vi: {
          message:
            late === undefined
              ? `sự cố nghiêm trọng ${inc.id} (${inc.summary}), phát hiện lúc ${inc.detectedAt}, chưa được báo cáo về Sở`
              : `sự cố nghiêm trọng ${inc.id} (${inc.summary}) được báo cáo về Sở sau ${late} giờ kể từ khi phát hiện (tối đa ${NOTICE_HOURS} giờ)`,
          fix: "Báo cáo về Sở trong vòng 24 giờ kể từ khi phát hiện sự cố nghiêm trọng và ghi thời điểm vào reportedToDepartment",
        },
        location: where(inc, at ? ["reportedToDepartment"] : ["detectedAt"]),
      });
      return false;
    });
    return { findings, measures: [share("QN-EDU-7", ok)] };
  },
});
