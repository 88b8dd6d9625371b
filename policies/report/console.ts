/** The console summary: what a reviewer reads in a CI log, in the report's language. */

import { terminalText } from "../../model/terminal-text.js";
import type { RequirementStatus, RequirementVerdict, Verdict, WaivedFinding } from "../engine.js";
import { meets } from "../meets.js";
import { REQUIREMENT_STATUSES } from "../status.js";
import { CONSOLE, findingText, type Lang, STATUS_LABEL, WAIVER_STATE } from "./labels.js";
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
  const open = v.findings.filter((f) => !f.waiver);
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
 * The measure beside a requirement, saying whether it meets the plan's target, so that
 * a FAIL next to a met target reads as what it is: a failure from individual findings
 * ("15.68% (target >= 10% met; 1 finding)").
 */
function measureText(r: RequirementVerdict, open: WaivedFinding[], lang: Lang): string {
  if (!r.measure) return "";
  const w = CONSOLE[lang];
  const pct = (n: number) => (lang === "vi" ? viPercent(n) : `${n}%`);
  const c = r.measure.coverage;
  const value = `${pct(r.measure.value)}${c && c.withData < c.population ? ` [${w.coverage(c)}]` : ""}`;
  const findings = r.status === "fail" && open.length ? w.findingCount(open.length) : "";
  const t = r.target;
  if (!t) return `  ${value}${findings ? ` (${findings})` : ""}`;
  if (t.unit === "percent") {
    const met = meets(r.measure.value, t.comparator, t.value);
    const why = met && findings ? `; ${findings}` : "";
    return `  ${value} (${w.percentTarget(`${t.comparator} ${pct(t.value)}`, met)}${why})`;
  }
  // A target in other units (hours, per-year, ...): the measure is the share of subjects meeting it.
  const unit = w.unit[t.unit] ?? t.unit;
  const target = `${t.comparator} ${t.value}${unit ? ` ${unit}` : ""}`;
  return `  ${value} ${w.meetTarget} (${target}${findings ? `; ${findings}` : ""})`;
}
