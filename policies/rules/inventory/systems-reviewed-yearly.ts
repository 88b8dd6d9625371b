import type { InventoryInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";
import { daysBetween, isLive } from "./helpers.js";

/** A year, counted as the longest one (a leap year). */
const YEAR_DAYS = 366;

/**
 * HY-PROV-26 (vulnerability review and security testing of each information system,
 * yearly) and HY-PROV-28 (regular security review of IT systems): each live system has a
 * review (reviews[]) within the last year.
 */
export default definePolicy<InventoryInput>({
  id: "inv.systems.reviewed-yearly",
  title: {
    vi: "Hệ thống thông tin được rà soát, đánh giá lỗ hổng hằng năm",
    en: "Every system reviewed for vulnerabilities within the last year",
  },
  requirements: ["HY-PROV-26", "HY-PROV-28"],
  severity: "high",
  input: "inventory",
  check: ({ inventory, where, asOf }) => {
    const findings: Issue[] = [];
    const live = inventory.systems.filter((s) => isLive(s, asOf));
    const ok = live.map((sys) => {
      const last = sys.reviews
        .map((r) => r.on)
        .filter((d) => d <= asOf)
        .sort()
        .at(-1);
      if (last && daysBetween(last, asOf) <= YEAR_DAYS) return true;
      findings.push({
        subject: `system ${sys.id}`,
        unit: sys.owner,
        message: last
          ? `${sys.name} was last reviewed for vulnerabilities on ${last}, more than a year before ${asOf}`
          : `${sys.name} has no vulnerability review recorded`,
        fix: "Have the system reviewed and tested for vulnerabilities and add the review (on, by, findings, fixedOn) to its reviews",
        vi: {
          message: last
            ? `${sys.name} được rà soát lỗ hổng lần gần nhất ngày ${last}, đã quá một năm tính đến ${asOf}`
            : `${sys.name} chưa có lần rà soát, đánh giá lỗ hổng nào được ghi nhận`,
          fix: "Tổ chức rà soát, kiểm tra lỗ hổng cho hệ thống và ghi kết quả (on, by, findings, fixedOn) vào reviews",
        },
        location: where(sys, sys.reviews.length ? ["reviews"] : []),
      });
      return false;
    });
    return { findings, measures: [share("HY-PROV-26", ok), share("HY-PROV-28", ok)] };
  },
});
