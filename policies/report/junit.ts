/**
 * JUnit XML: one test case per requirement, named by its ID, so a CI system shows
 * "HY-EDU-T3 ..." failing. Waived and evidence-missing requirements are skipped with why.
 */
import { xmlAttribute as a, xmlText as x } from "../../templates/escape/html.js";
import type { Verdict } from "../engine.js";

export function junitReport(v: Verdict): string {
  const cases = v.requirements.map((r) => {
    const name = `${r.id} ${r.summary}`;
    const head = `    <testcase classname="${a(`attt.${r.document}`)}" name="${a(name)}" time="0">`;
    const findings = v.findings.filter((f) => f.requirements.includes(r.id));
    if (r.status === "fail") {
      const body = findings
        .filter((f) => !f.waiver)
        .map((f) => `${f.subject}: ${f.message}\nfix: ${f.fix}${f.location ? `\nat: ${f.location}` : ""}`)
        .join("\n\n");
      return `${head}\n      <failure message="${a(`${findings.filter((f) => !f.waiver).length} finding(s)`)}" type="${a(r.id)}">${x(body)}</failure>\n    </testcase>`;
    }
    if (r.status === "pass") return `${head}</testcase>`;
    const why =
      r.status === "waived"
        ? `waived: ${findings.map((f) => f.waiver).join("; ")}`
        : `${r.status}${r.note ? `: ${r.note}` : ""}`;
    return `${head}\n      <skipped message="${a(why)}"/>\n    </testcase>`;
  });
  const t = v.totals;
  const skipped = v.requirements.length - t.pass - t.fail;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="attt-kit" tests="${v.requirements.length}" failures="${t.fail}" skipped="${skipped}">`,
    `  <testsuite name="${a(`attt ${v.province} ${v.asOf}`)}" tests="${v.requirements.length}" failures="${t.fail}" skipped="${skipped}" errors="0">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
