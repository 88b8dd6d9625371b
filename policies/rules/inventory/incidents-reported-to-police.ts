import type { InventoryInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";
import { hoursBetween } from "./helpers.js";

/** Decree 331/2026 Art. 31: the first notice of an incident within 24 hours. */
export const NOTICE_HOURS = 24;

/**
 * HY-EDU-S16: attacks and data-security incidents are reported to the police "kịp thời"
 * (promptly), read as Decree 331's first notice: within 24 hours of detection.
 */
export default definePolicy<InventoryInput>({
  id: "inv.incidents.reported-to-police",
  title: {
    vi: "Sự cố được trình báo Công an trong vòng 24 giờ",
    en: "Incidents reported to the police within 24 hours",
  },
  requirements: ["HY-EDU-S16"],
  severity: "high",
  input: "inventory",
  check: ({ inventory, where }) => {
    const findings: Issue[] = [];
    const ok = inventory.incidents.map((inc) => {
      const hours = inc.reportedToPolice ? hoursBetween(inc.detectedAt, inc.reportedToPolice) : undefined;
      if (hours !== undefined && hours <= NOTICE_HOURS) return true;
      const late = hours !== undefined ? Math.round(hours * 10) / 10 : undefined;
      findings.push({
        subject: `incident ${inc.id}`,
        unit: inc.unit,
        message:
          late === undefined
            ? `incident ${inc.id} (${inc.summary}), detected ${inc.detectedAt}, was never reported to the police`
            : `incident ${inc.id} (${inc.summary}) was reported to the police ${late} hours after detection (at most ${NOTICE_HOURS})`,
        fix: "Report incidents to the police (Công an) within 24 hours of detection and record reportedToPolice",
        vi: {
          message:
            late === undefined
              ? `sự cố ${inc.id} (${inc.summary}), phát hiện lúc ${inc.detectedAt}, chưa được trình báo Công an`
              : `sự cố ${inc.id} (${inc.summary}) được trình báo Công an sau ${late} giờ kể từ khi phát hiện (tối đa ${NOTICE_HOURS} giờ)`,
          fix: "Trình báo Công an trong vòng 24 giờ kể từ khi phát hiện sự cố và ghi thời điểm vào reportedToPolice",
        },
        location: where(inc, inc.reportedToPolice ? ["reportedToPolice"] : ["detectedAt"]),
      });
      return false;
    });
    return { findings, measures: [share("HY-EDU-S16", ok)] };
  },
});
