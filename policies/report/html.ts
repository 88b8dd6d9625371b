/**
 * The HTML report: one self-contained file (inline CSS and SVG, no script, no
 * network), so it opens offline and prints. KPIs are bars against a target line that a
 * reader takes in at a glance.
 */
import { markupEscape as h } from "../../templates/escape/html.js";
import { CONSOLE, WAIVER_STATE } from "./labels.js";
import type { ReportView } from "./view.js";

const COLOURS: Record<string, string> = {
  pass: "#2e7d32",
  fail: "#c62828",
  waived: "#f9a825",
  recorded: "#1565c0",
  configured: "#8d6e63",
  "evidence-missing": "#6d4c41",
  manual: "#546e7a",
  "not-applicable": "#9e9e9e",
};

const CONCLUSION_COLOUR = { met: "#2e7d32", "not-met": "#c62828", insufficient: "#6d4c41" } as const;

function statusBar(v: ReportView): string {
  const total = v.totals.reduce((n, s) => n + s.count, 0) || 1;
  let x = 0;
  const parts = v.totals
    .filter((s) => s.count > 0)
    .map((s) => {
      const w = (s.count / total) * 600;
      const rect = `<rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="28" fill="${COLOURS[s.status]}"><title>${h(s.label)}: ${s.count}</title></rect>`;
      x += w;
      return rect;
    });
  const legend = v.totals
    .filter((s) => s.count > 0)
    .map(
      (s) =>
        `<span class="chip" style="background:${COLOURS[s.status]}"></span>${h(s.label)}: <b>${s.count}</b>`,
    )
    .join(" &nbsp; ");
  return `<svg role="img" aria-label="status" viewBox="0 0 600 28" width="600" height="28">${parts.join("")}</svg><p>${legend}</p>`;
}

function kpiChart(v: ReportView): string {
  if (v.kpis.length === 0) return `<p>${h(v.t.none)}</p>`;
  const row = 34;
  const height = v.kpis.length * row + 24;
  const x0 = 110;
  const width = 420;
  const bars = v.kpis.map((k, i) => {
    const y = i * row + 4;
    const w = (Math.max(0, Math.min(100, k.value)) / 100) * width;
    const tx = x0 + (Math.min(100, k.target) / 100) * width;
    const colour = k.met ? COLOURS.pass : COLOURS.fail;
    return [
      `<text x="0" y="${y + 17}" class="lbl">${h(k.id)}</text>`,
      `<rect x="${x0}" y="${y}" width="${width}" height="22" fill="#eceff1"/>`,
      `<rect x="${x0}" y="${y}" width="${w.toFixed(1)}" height="22" fill="${colour}"><title>${h(k.text)}</title></rect>`,
      `<line x1="${tx.toFixed(1)}" x2="${tx.toFixed(1)}" y1="${y - 3}" y2="${y + 25}" stroke="#212121" stroke-width="2" stroke-dasharray="4 2"/>`,
      `<text x="${x0 + width + 8}" y="${y + 17}" class="val">${h(v.fmt.percent(k.value))} / ${h(k.comparator)} ${h(v.fmt.percent(k.target))}</text>`,
    ].join("");
  });
  return `<svg role="img" aria-label="KPI" viewBox="0 0 680 ${height}" width="680" height="${height}">${bars.join("")}</svg>`;
}

const table = (head: string[], rows: string[][]): string =>
  rows.length === 0
    ? ""
    : `<table><thead><tr>${head.map((x) => `<th>${h(x)}</th>`).join("")}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`)
        .join("")}</tbody></table>`;

const badge = (status: string, label: string) =>
  `<span class="badge" style="background:${COLOURS[status] ?? "#999"}">${h(label)}</span>`;

export function htmlReport(v: ReportView): string {
  const { t, fmt } = v;
  const section = (title: string, body: string) =>
    `<section><h2>${h(title)}</h2>${body || `<p>${h(t.none)}</p>`}</section>`;
  return `<!doctype html>
<html lang="${v.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(t.title)}: ${h(v.province)} (${h(fmt.date(v.asOf))})</title>
<style>
body{font-family:"Noto Sans","Segoe UI",Arial,sans-serif;margin:2rem auto;max-width:1100px;color:#212121;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem} h2{font-size:1.2rem;border-bottom:2px solid #eceff1;padding-bottom:.2rem;margin-top:2rem}
.verdict{font-size:1.2rem;font-weight:bold;padding:.6rem 1rem;border-radius:6px;color:#fff;display:inline-block}
table{border-collapse:collapse;width:100%;font-size:.9rem} th,td{border:1px solid #cfd8dc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eceff1} .badge{color:#fff;border-radius:4px;padding:0 .4rem;white-space:nowrap;font-size:.85rem}
.chip{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.3rem;vertical-align:middle}
svg .lbl{font-size:12px;font-weight:bold} svg .val{font-size:12px}
.muted{color:#607d8b} @media print{section{page-break-inside:avoid}}
</style>
</head>
<body>
<h1>${h(t.title)}: ${h(v.province)}</h1>
<p class="muted">${h(t.subtitle)}. ${h(t.asOf)} ${h(fmt.date(v.asOf))}.</p>
<p class="verdict" style="background:${CONCLUSION_COLOUR[v.conclusion.code]}">${h(t.verdict)}: ${h(t.conclusion[v.conclusion.code])} (${v.conclusion.counts.met}/${v.conclusion.counts.adopted})</p>
${section(t.summary, statusBar(v))}
${section(
  t.kpis,
  kpiChart(v) +
    table(
      [t.id, t.requirement, t.measured, t.target],
      v.kpis.map((k) => [
        h(k.id),
        h(k.text),
        h(
          `${fmt.percent(k.value)}${k.denominator !== undefined ? ` (${fmt.count(k.numerator ?? 0)}/${fmt.count(k.denominator)})` : ""}` +
            (k.coverage && k.coverage.withData < k.coverage.population
              ? ` [${CONSOLE[v.lang].coverage(k.coverage)}]`
              : ""),
        ),
        `${h(k.comparator)} ${h(fmt.percent(k.target))}`,
      ]),
    ),
)}
${section(
  t.deadlines,
  table(
    [t.id, t.status, t.deadline],
    v.overdue.map((r) => [
      h(r.id),
      badge(r.status, v.requirements.find((x) => x.id === r.id)?.statusLabel ?? r.status),
      h(fmt.deadline(r.deadline)),
    ]),
  ),
)}
${section(
  t.byUnit,
  table(
    [t.unit, t.count, t.waivedCount],
    v.byUnit.map((u) => [
      v.lang === "vi" ? h(u.name) : `${h(u.name)} <span class="muted">(${h(u.unit)})</span>`,
      h(fmt.count(u.open)),
      h(fmt.count(u.waived)),
    ]),
  ),
)}
${section(
  t.findings,
  table(
    [t.requirement, t.subject, t.finding, t.fix],
    v.findings.map((f) => [
      h(f.requirements.join(", ")),
      h(fmt.subject(f.subject)),
      `${f.waiver ? badge("waived", t.waivedMark) : ""} ${h(f.message)}`,
      h(f.fix),
    ]),
  ),
)}
${section(
  t.exceptions,
  v.exceptions.length
    ? `<p class="muted">${h(t.exceptionsNote)}.</p>${table(
        [t.requirement, t.subject, t.finding, t.reason, t.where],
        v.exceptions.map((f) => [
          h(f.requirements.join(", ")),
          h(fmt.subject(f.subject)),
          h(f.message),
          h(f.reason),
          `<code>${h(f.location ?? "")}</code>`,
        ]),
      )}`
    : `<p>${h(t.none)}</p>`,
)}
${section(
  t.waivers,
  table(
    [t.id, t.scope, t.reason, t.approver, t.expires, t.state],
    v.waivers.map((w) => [
      h(w.id),
      h(w.scope),
      h(w.reason),
      h(w.approver),
      h(fmt.date(w.expires)),
      badge(
        w.state === "expired" ? "fail" : w.state === "active" ? "waived" : "manual",
        WAIVER_STATE[v.lang][w.state],
      ),
    ]),
  ),
)}
${section(
  t.requirements,
  table(
    [t.id, t.status, t.requirement, t.measured, t.deadline],
    v.requirements.map((r) => [
      h(r.id),
      badge(r.status, r.statusLabel),
      h(r.text),
      h(r.measured),
      h(fmt.deadline(r.deadline)),
    ]),
  ),
)}
${section(
  t.technical,
  table(
    [t.subject, t.policy, t.where],
    v.findings.map((f) => [h(f.subject), h(f.policy), `<code>${h(f.location ?? "")}</code>`]),
  ),
)}
</body>
</html>
`;
}
