/** The console summary: what a reviewer reads in a CI log. */
import type { RequirementStatus, Verdict } from "../engine.js";

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
  for (const r of shown) {
    const m = r.measure
      ? `  ${r.measure.value}%${r.target ? ` (target ${r.target.comparator} ${r.target.value}${r.target.unit === "percent" ? "%" : ` ${r.target.unit}`})` : ""}`
      : "";
    const late =
      r.deadlinePassed && (r.status === "fail" || r.status === "evidence-missing")
        ? "  [deadline passed]"
        : "";
    lines.push(`${MARK[r.status]} ${r.id.padEnd(11)} ${r.summary.slice(0, 70)}${m}${late}`);
  }
  const open = v.findings.filter((f) => !f.waiver);
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
