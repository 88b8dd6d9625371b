import type { InventoryInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";
import { yearOf } from "./helpers.js";

/**
 * QN-BCD-T1: "100% các hệ thống thông tin ... được rà soát, khắc phục các lỗ hổng, điểm
 * yếu an ninh mạng" in the plan's year. A system counts when a review of the reporting
 * year found nothing, or every finding was fixed (fixedOn) by the check date.
 */
export default definePolicy<InventoryInput>({
  id: "inv.systems.vulnerabilities-fixed",
  title: {
    vi: "Hệ thống thông tin được rà soát và khắc phục hết lỗ hổng trong năm",
    en: "Every system reviewed this year with its vulnerabilities fixed",
  },
  requirements: ["QN-BCD-T1"],
  severity: "high",
  input: "inventory",
  check: ({ inventory, where, asOf }) => {
    const findings: Issue[] = [];
    const year = yearOf(asOf);
    const ok = inventory.systems.map((sys) => {
      const reviews = sys.reviews.filter((r) => yearOf(r.on) === year && r.on <= asOf);
      const last = [...reviews].sort((a, b) => a.on.localeCompare(b.on)).at(-1);
      const fixed =
        last !== undefined && (last.findings === 0 || (last.fixedOn !== null && last.fixedOn <= asOf));
      if (fixed) return true;
      findings.push({
        subject: `system ${sys.id}`,
        unit: sys.owner,
        message: last
          ? `${sys.name}: ${last.findings} vulnerabilities found by the review of ${last.on} are not all fixed`
          : `${sys.name} was not reviewed for vulnerabilities in ${year}`,
        fix: last
          ? "Fix the vulnerabilities, retest, and record the date in the review's fixedOn"
          : "Have the system reviewed for vulnerabilities this year and add the review to its reviews",
        vi: {
          message: last
            ? `${sys.name}: ${last.findings} lỗ hổng phát hiện trong lần rà soát ngày ${last.on} chưa được khắc phục hết`
            : `${sys.name} chưa được rà soát lỗ hổng trong năm ${year}`,
          fix: last
            ? "Khắc phục các lỗ hổng, kiểm tra lại và ghi ngày khắc phục vào fixedOn của lần rà soát"
            : "Tổ chức rà soát lỗ hổng cho hệ thống trong năm và ghi kết quả vào reviews",
        },
        location: where(sys, last ? ["reviews", sys.reviews.indexOf(last), "fixedOn"] : []),
      });
      return false;
    });
    return { findings, measures: [share("QN-BCD-T1", ok)] };
  },
});
