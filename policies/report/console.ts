/** The console summary: what a reviewer reads in a CI log, in the report's language. */

import { terminalText } from "../../model/terminal-text.js";
import type { RequirementStatus, RequirementVerdict, Verdict, WaivedFinding } from "../engine.js";
import { targetMet } from "../meets.js";
import { REQUIREMENT_STATUSES } from "../status.js";
import { CONSOLE, findingText, type Lang, STATUS_LABEL, WAIVER_STATE } from "./labels.js";
import { figureInTargetTerms, targetText } from "./target-terms.js";
import { clip, viPercent } from "./vi-format.js";

const MARK: Record<RequirementStatus, string> = {
  pass: "PASS",
  fail: "FAIL",
  waived: "WAIV",
  recorded: "RECD",
  configured: "CONF",
  "evidence-missing": "MISS",
  manual: "MANU",
  "not-applicable": " N/A",
};

/** The order of the totals line. */

export function consoleReport(v: Verdict, opts: { lang: Lang; verbose?: boolean }): string {
  const w = CONSOLE[opts.lang];
  const lines: string[] = [];
  const shown = v.requirements.filter(
    (r) => opts.verbose || r.status === "fail" || r.status === "waived" || r.measure,
  );
  // Waived findings and declared technical exceptions are not shortcomings: each has its own section.
  const open = v.findings.filter((f) => !f.waiver && !f.technicalException);
  const exceptions = v.findings.filter((f) => f.technicalException);
  for (const r of shown) {
    const m = measureText(
      r,
      open.filter((f) => f.requirements.includes(r.id)),
      opts.lang,
    );
    const late =
      (r.deadlinePassed || r.due?.state === "overdue") &&
      (r.status === "fail" || r.status === "evidence-missing")
        ? `  ${w.deadlinePassed}`
        : "";
    // The plan's own wording may open with a list dash.
    const text = opts.lang === "vi" ? r.vi.text.replace(/^- /, "") : r.summary;
    // Padded when a measure or deadline follows, so that those line up.
    const shownText = m || late ? clip(text, 70).padEnd(70) : clip(text, 70);
    lines.push(`${MARK[r.status]} ${r.id.padEnd(11)} ${shownText}${m}${late}`);
  }
  if (open.length) {
    // "fix:" and "at:" (or their Vietnamese) padded to one width, so the values line up.
    const width = Math.max(w.fix.length, w.at.length) + 1;
    lines.push("", `${w.findings} (${open.length}):`);
    for (const f of open) {
      const { message, fix } = findingText(f, opts.lang);
      lines.push(`  ${f.requirements.join(", ")} ${w.severity[f.severity]} ${f.subject}: ${message}`);
      lines.push(
        `      ${w.fix.padEnd(width)}${fix}${f.location ? `\n      ${w.at.padEnd(width)}${f.location}` : ""}`,
      );
    }
  }
  if (exceptions.length) {
    lines.push("", `${w.exceptions} (${exceptions.length}):`);
    for (const f of exceptions) {
      const { message, technicalException } = findingText(f, opts.lang);
      lines.push(`  ${f.requirements.join(", ")} ${f.subject}: ${message}`);
      lines.push(`      ${w.reason} ${technicalException}${f.location ? ` (${f.location})` : ""}`);
    }
  }
  if (v.waivers.length) {
    lines.push("", `${w.waivers} (${v.waivers.length}):`);
    for (const x of v.waivers)
      lines.push(`  [${WAIVER_STATE[opts.lang][x.state]}] ${x.id} ${x.scope}: ${x.reason} (${w.waiver(x)})`);
  }
  const totals = REQUIREMENT_STATUSES.map(
    (s) => `${v.totals[s]} ${STATUS_LABEL[opts.lang][s].toLowerCase()}`,
  );
  lines.push("", `${w.asOf(v.provinceName, v.asOf)}: ${totals.join(", ")}. ${w.verdict(v.conclusion)}`);
  if (v.policiesSkipped.length) {
    const reasons = v.policiesSkipped.map((s) => (opts.lang === "vi" ? s.vi.reason : s.reason));
    lines.push(`${w.skipped(v.policiesSkipped.length)}: ${[...new Set(reasons)].join("; ")}`);
  }
  // Unit, staff and product names come from the inventory: nothing in them drives the terminal.
  return `${lines.map(terminalText).join("\n")}\n`;
}

/**
 * The measure beside a requirement in its target's terms, saying whether it meets the plan's
 * target, so that a FAIL next to a met target reads as what it is: a failure from individual
 * findings ("15,68% (đạt mục tiêu ≥ 10%; 1 tồn tại)").
 */
function measureText(r: RequirementVerdict, open: WaivedFinding[], lang: Lang): string {
  if (!r.measure) return "";
  const w = CONSOLE[lang];
  const c = r.measure.coverage;
  // A percentage target beside the percentage alone (a budget's counts are money); any other
  // target restated as the share of subjects meeting it, with its counts.
  const figure =
    r.target && r.target.unit !== "percent"
      ? figureInTargetTerms(r.measure, r.target, lang)
      : lang === "vi"
        ? viPercent(r.measure.value)
        : `${r.measure.value}%`;
  const value = `${figure}${c && c.withData < c.population ? ` [${w.coverage(c)}]` : ""}`;
  const findings = r.status === "fail" && open.length ? w.findingCount(open.length) : "";
  const t = r.target;
  if (!t) return `  ${value}${findings ? ` (${findings})` : ""}`;
  // A percentage target is met by the figure; any other is met when every subject meets it.
  const met = targetMet(r.measure.value, t);
  const why = met && findings ? `; ${findings}` : "";
  const verdict = t.unit === "percent" ? w.percentTarget(targetText(t, lang), met) : w.allMeet(met);
  return `  ${value} (${verdict}${why})`;
}
