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
  const { t, fmt } = v;
  const out: string[] = [
    `# ${t.title}: ${c(v.province)}`,
    "",
    `${t.subtitle}. ${t.asOf} ${fmt.date(v.asOf)}.`,
    "",
    `**${CONSOLE[v.lang].verdict(v.conclusion)}**`,
    "",
    `${t.conclusion[v.conclusion.code]}.`,
    "",
    `## ${t.summary}`,
    "",
    ...table(
      [t.status, t.requirementCount],
      v.totals.map((s) => [c(s.label), fmt.count(s.count)]),
    ),
    "",
    `## ${t.kpis}`,
    "",
    ...(v.kpis.length
      ? table(
          [t.id, t.requirement, t.measured, t.target],
          v.kpis.map((k) => [
            c(k.id),
            c(fmt.clip(k.text, 160)),
            `${k.met ? "✅" : "❌"} ${fmt.percent(k.value)}${k.denominator !== undefined ? ` (${fmt.count(k.numerator ?? 0)}/${fmt.count(k.denominator)})` : ""}` +
              (k.coverage && k.coverage.withData < k.coverage.population
                ? ` [${CONSOLE[v.lang].coverage(k.coverage)}]`
                : ""),
            `${c(k.comparator)} ${fmt.percent(k.target)}`,
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
            c(fmt.deadline(r.deadline)),
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
        c(fmt.clip(r.text, 160)),
        c(r.measured),
        c(fmt.deadline(r.deadline)),
      ]),
    ),
    "",
    `## ${t.byUnit}`,
    "",
    ...(v.byUnit.length
      ? table(
          [t.unit, t.count, t.waivedCount],
          v.byUnit.map((u) => [
            c(v.lang === "vi" ? u.name : `${u.name} (${u.unit})`),
            fmt.count(u.open),
            fmt.count(u.waived),
          ]),
        )
      : [t.none]),
    "",
    `## ${t.findings}`,
    "",
    ...(v.findings.length
      ? table(
          [t.requirement, t.subject, t.finding, t.fix],
          v.findings.map((f) => [
            c(f.requirements.join(", ")),
            c(fmt.subject(f.subject)),
            c(`${f.waiver ? `[${t.waivedMark}] ` : ""}${f.message}`),
            c(f.fix),
          ]),
        )
      : [t.none]),
    "",
    `## ${t.exceptions}`,
    "",
    ...(v.exceptions.length
      ? [
          `${t.exceptionsNote}.`,
          "",
          ...table(
            [t.requirement, t.subject, t.finding, t.reason, t.where],
            v.exceptions.map((f) => [
              c(f.requirements.join(", ")),
              c(fmt.subject(f.subject)),
              c(f.message),
              c(f.reason),
              c(f.location ?? ""),
            ]),
          ),
        ]
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
            c(fmt.date(w.expires)),
            c(WAIVER_STATE[v.lang][w.state]),
          ]),
        )
      : [t.none]),
    "",
    `## ${t.technical}`,
    "",
    ...(v.findings.length
      ? table(
          [t.subject, t.policy, t.where],
          v.findings.map((f) => [c(f.subject), c(f.policy), c(f.location ?? "")]),
        )
      : [t.none]),
    "",
  ];
  return out.join("\n");
}
