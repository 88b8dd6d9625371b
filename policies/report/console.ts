/** The console summary: what a reviewer reads in a CI log. */
import type { RequirementStatus, RequirementVerdict, Verdict, WaivedFinding } from "../engine.js";
import { meets } from "./view.js";

const MARK: Record<RequirementStatus, string> = {
  pass: "PASS",
  fail: "FAIL",
  waived: "WAIV",
  "evidence-missing": "MISS",
  manual: "MANU",
  "not-applicable": " N/A",
};

export function consoleReport(v: Verdict, opts: { verbose?: boolean } = {}): string {
  const lines: string[] = [];
  const shown = v.requirements.filter(
    (r) => opts.verbose || r.status === "fail" || r.status === "waived" || r.measure,
  );
  const open = v.findings.filter((f) => !f.waiver);
  for (const r of shown) {
    const m = measureText(
      r,
      open.filter((f) => f.requirements.includes(r.id)),
    );
    const late =
      r.deadlinePassed && (r.status === "fail" || r.status === "evidence-missing")
        ? "  [deadline passed]"
        : "";
    lines.push(`${MARK[r.status]} ${r.id.padEnd(11)} ${r.summary.slice(0, 70)}${m}${late}`);
  }
  if (open.length) {
    lines.push("", `Findings (${open.length}):`);
    for (const f of open) {
      lines.push(`  ${f.requirements.join(", ")} ${f.severity.toUpperCase()} ${f.subject}: ${f.message}`);
      lines.push(`      fix: ${f.fix}${f.location ? `\n      at:  ${f.location}` : ""}`);
    }
  }
  if (v.waivers.length) {
    lines.push("", `Waivers (${v.waivers.length}):`);
    for (const w of v.waivers)
      lines.push(
        `  [${w.state}] ${w.id} ${w.scope}: ${w.reason} (${w.approver}, until ${w.expires}; covers ${w.covers})`,
      );
  }
  const t = v.totals;
  lines.push(
    "",
    `${v.provinceName} as of ${v.asOf}: ${t.pass} pass, ${t.fail} fail, ${t.waived} waived, ${t["evidence-missing"]} evidence missing, ` +
      `${t.manual} manual, ${t["not-applicable"]} not applicable. ${v.passed ? "VERDICT: PASS" : "VERDICT: FAIL"}`,
  );
  if (v.policiesSkipped.length)
    lines.push(
      `Skipped ${v.policiesSkipped.length} policies (no input): ${[...new Set(v.policiesSkipped.map((s) => s.reason))].join("; ")}`,
    );
  return `${lines.join("\n")}\n`;
}

/**
 * The measure beside a requirement, saying whether it meets the plan's target, so that
 * a FAIL next to a met target reads as what it is: a failure from individual findings
 * ("15.68% (target >= 10% met; 1 finding)").
 */
function measureText(r: RequirementVerdict, open: WaivedFinding[]): string {
  if (!r.measure) return "";
  const value = `${r.measure.value}%`;
  const findings =
    r.status === "fail" && open.length ? `${open.length} finding${open.length === 1 ? "" : "s"}` : "";
  const t = r.target;
  if (!t) return `  ${value}${findings ? ` (${findings})` : ""}`;
  if (t.unit === "percent") {
    const met = meets(r.measure.value, t.comparator, t.value);
    const why = met && findings ? `; ${findings}` : "";
    return `  ${value} (target ${t.comparator} ${t.value}% ${met ? "met" : "not met"}${why})`;
  }
  // A target in other units (hours, per-year, ...): the measure is the share of subjects meeting it.
  return `  ${value} meet the target (${t.comparator} ${t.value} ${t.unit}${findings ? `; ${findings}` : ""})`;
}
