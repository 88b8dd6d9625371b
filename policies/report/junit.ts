/**
 * JUnit XML: one test case per requirement, named by its ID, so a CI system shows
 * "HY-EDU-T3 ..." failing. Recorded requirements pass; waived, configured (not measured), evidence-missing and manual ones are skipped with why.
 * The findings read in the report's language; a test case keeps its English name, and a
 * skipped one its status and note as verdict.json records them, Vietnamese first then English,
 * so a CI system's test history does not split when the language changes. Technical
 * exceptions are the test case's output (system-out), never failures.
 */
import { xmlAttribute as a, xmlText as x } from "../../templates/escape/html.js";
import type { Verdict } from "../engine.js";
import { CONSOLE, findingText, type Lang, STATUS_LABEL } from "./labels.js";

export function junitReport(v: Verdict, lang: Lang): string {
  const w = CONSOLE[lang];
  const cases = v.requirements.map((r) => {
    const name = `${r.id} ${r.summary}`;
    const head = `    <testcase classname="${a(`attt.${r.document}`)}" name="${a(name)}" time="0">`;
    const findings = v.findings.filter((f) => f.requirements.includes(r.id));
    // Declared technical exceptions are neither failures nor waivers: listed with their reasons.
    const exceptions = findings.filter((f) => f.technicalException);
    const out = exceptions.length
      ? `\n      <system-out>${x(
          `${CONSOLE.vi.exceptions} / ${CONSOLE.en.exceptions}:\n${exceptions
            .map(
              (f) =>
                `${f.subject}: ${findingText(f, lang).message} (${CONSOLE[lang].reason} ${findingText(f, lang).technicalException})`,
            )
            .join("\n")}`,
        )}</system-out>`
      : "";
    if (r.status === "fail") {
      const open = findings.filter((f) => !f.waiver && !f.technicalException);
      const body = open
        .map((f) => {
          const { message, fix } = findingText(f, lang);
          return `${f.subject}: ${message}\n${w.fix} ${fix}${f.location ? `\n${w.at} ${f.location}` : ""}`;
        })
        .join("\n\n");
      // A requirement can fail with no open finding (a figure under its target, a partial waiver): the note says why.
      const message = open.length ? w.failureCount(open.length) : `${r.vi.note ?? ""} / ${r.note ?? ""}`;
      return `${head}\n      <failure message="${a(message)}" type="${a(r.id)}">${x(body)}</failure>${out}\n    </testcase>`;
    }
    // Met by measurement or by a valid record: a passing test case.
    if (r.status === "pass" || r.status === "recorded")
      return out ? `${head}${out}\n    </testcase>` : `${head}</testcase>`;
    // Why skipped, Vietnamese first then English: the status and the verdict's note or waivers.
    const why =
      r.status === "waived"
        ? `${STATUS_LABEL.vi.waived}: ${findings.flatMap((f) => (f.waiver ? [f.waiver] : [])).join("; ")} / waived`
        : `${STATUS_LABEL.vi[r.status]}${r.vi.note ? `: ${r.vi.note}` : ""} / ${r.status}${r.note ? `: ${r.note}` : ""}`;
    return `${head}\n      <skipped message="${a(why)}"/>${out}\n    </testcase>`;
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
