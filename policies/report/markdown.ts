/** The Markdown report: the progress report as a reviewer pastes it into a document. */
import { markdownCell as c } from "../../templates/escape/html.js";
import { CONSOLE, WAIVER_STATE } from "./labels.js";
import type { ReportView } from "./view.js";

const table = (head: string[], rows: string[][]): string[] => [
  `| ${head.map(c).join(" | ")} |`,
  `|${head.map(() => " --- ").join("|")}|`,
  ...rows.map((r) => `| ${r.join(" | ")} |`),
];

export function markdownReport(v: ReportView): string {
  const { t } = v;
  const out: string[] = [
    `# ${t.title}: ${c(v.province)}`,
    "",
    `${t.subtitle}. ${t.asOf} ${v.asOf}.`,
    "",
    `**${CONSOLE[v.lang].verdict(v.conclusion)}**`,
    "",
    `${t.conclusion[v.conclusion.code]}.`,
    "",
    `## ${t.summary}`,
    "",
    ...table(
      [t.status, t.count],
      v.totals.map((s) => [c(s.label), String(s.count)]),
    ),
    "",
    `## ${t.kpis}`,
    "",
    ...(v.kpis.length
      ? table(
          [t.id, t.requirement, t.measured, t.target],
          v.kpis.map((k) => [
            c(k.id),
            c(k.text.slice(0, 160)),
            `${k.met ? "✅" : "❌"} ${k.value}%${k.denominator !== undefined ? ` (${k.numerator}/${k.denominator})` : ""}` +
              (k.coverage && k.coverage.withData < k.coverage.population
                ? ` [${CONSOLE[v.lang].coverage(k.coverage)}]`
                : ""),
            `${c(k.comparator)} ${k.target}%`,
          ]),
        )
      : [t.none]),
    "",
    `## ${t.deadlines}`,
    "",
    ...(v.overdue.length
      ? table(
          [t.id, t.status, t.deadline],
          v.overdue.map((r) => [
            c(r.id),
            c(v.requirements.find((x) => x.id === r.id)?.statusLabel ?? r.status),
            c(r.deadline),
          ]),
        )
      : [t.none]),
    "",
    `## ${t.requirements}`,
    "",
    ...table(
      [t.id, t.status, t.requirement, t.measured, t.deadline],
      v.requirements.map((r) => [
        c(r.id),
        c(r.statusLabel),
        c(r.text.slice(0, 160)),
        r.measure ? `${r.measure.value}%` : "",
        c(r.deadline),
      ]),
    ),
    "",
    `## ${t.byUnit}`,
    "",
    ...(v.byUnit.length
      ? table(
          [t.unit, t.count, t.waivedCount],
          v.byUnit.map((u) => [c(`${u.name} (${u.unit})`), String(u.open), String(u.waived)]),
        )
      : [t.none]),
    "",
    `## ${t.findings}`,
    "",
    ...(v.findings.length
      ? table(
          [t.requirement, t.subject, t.finding, t.fix, t.where],
          v.findings.map((f) => [
            c(f.requirements.join(", ")),
            c(f.subject),
            c(`${f.waiver ? `[${t.waivedMark}] ` : ""}${f.message}`),
            c(f.fix),
            c(f.location ?? ""),
          ]),
        )
      : [t.none]),
    "",
    `## ${t.waivers}`,
    "",
    ...(v.waivers.length
      ? table(
          [t.id, t.scope, t.reason, t.approver, t.expires, t.state],
          v.waivers.map((w) => [
            c(w.id),
            c(w.scope),
            c(w.reason),
            c(w.approver),
            c(w.expires),
            c(WAIVER_STATE[v.lang][w.state]),
          ]),
        )
      : [t.none]),
    "",
  ];
  return out.join("\n");
}
