/**
 * JUnit XML: one test case per requirement, named by its ID, so a CI system shows
 * "HY-EDU-T3 ..." failing. Recorded requirements pass; waived, configured (not measured), evidence-missing and manual ones are skipped with why.
 * The findings read in the report's language; a test case keeps its English name, and a
 * skipped one its status and note as verdict.json records them, in both languages, so a CI
 * system's test history does not split when the language changes.
 */
import { xmlAttribute as a, xmlText as x } from "../../templates/escape/html.js";
import type { Verdict } from "../engine.js";
import { CONSOLE, findingText, type Lang } from "./labels.js";

export function junitReport(v: Verdict, lang: Lang): string {
  const w = CONSOLE[lang];
  const cases = v.requirements.map((r) => {
    const name = `${r.id} ${r.summary}`;
    const head = `    <testcase classname="${a(`attt.${r.document}`)}" name="${a(name)}" time="0">`;
    const findings = v.findings.filter((f) => f.requirements.includes(r.id));
    if (r.status === "fail") {
      const open = findings.filter((f) => !f.waiver);
      const body = open
        .map((f) => {
          const { message, fix } = findingText(f, lang);
          return `${f.subject}: ${message}\n${w.fix} ${fix}${f.location ? `\n${w.at} ${f.location}` : ""}`;
        })
        .join("\n\n");
      return `${head}\n      <failure message="${a(w.failureCount(open.length))}" type="${a(r.id)}">${x(body)}</failure>\n    </testcase>`;
    }
    // Met by measurement or by a valid record: a passing test case.
    if (r.status === "pass" || r.status === "recorded") return `${head}</testcase>`;
    // Why skipped: the status and the verdict's note or waivers, as verdict.json records them.
    const why =
      r.status === "waived"
        ? `waived: ${findings.map((f) => f.waiver).join("; ")}`
        : `${r.status}${r.note ? `: ${r.note}` : ""}`;
    return `${head}\n      <skipped message="${a(why)}"/>\n    </testcase>`;
  });
  const t = v.totals;
  const skipped = v.requirements.length - t.pass - t.recorded - t.fail;
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
