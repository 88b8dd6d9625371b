/**
 * The report as data, shaped once for every human format (Markdown, HTML): the
 * sections of the 6-monthly and yearly progress report (HY-PROV-35).
 */
import type { Catalogue } from "../../model/load-catalogue.js";
import type { RequirementVerdict, Verdict, WaivedFinding } from "../engine.js";
import { meets } from "../meets.js";
import type { Conclusion } from "../status.js";
import { findingText, type Lang, STATUS_LABEL, TEXT } from "./labels.js";

export interface KpiRow {
  id: string;
  text: string;
  value: number;
  target: number;
  comparator: string;
  met: boolean;
  numerator?: number;
  denominator?: number;
  coverage?: { population: number; withData: number; of?: string };
}

export interface ReportView {
  lang: Lang;
  t: (typeof TEXT)[Lang];
  province: string;
  asOf: string;
  conclusion: Conclusion;
  totals: Array<{ status: RequirementVerdict["status"]; label: string; count: number }>;
  kpis: KpiRow[];
  overdue: RequirementVerdict[];
  requirements: Array<RequirementVerdict & { text: string; statusLabel: string }>;
  /** The verdict's findings, their `message` and `fix` in the report's language. */
  findings: WaivedFinding[];
  byUnit: Array<{ unit: string; name: string; open: number; waived: number }>;
  waivers: Verdict["waivers"];
}

export { meets } from "../meets.js";

export function reportView(
  v: Verdict,
  catalogue: Catalogue,
  lang: Lang,
  unitNames: Map<string, string>,
): ReportView {
  const text = (id: string, fallback: string) => {
    const req = catalogue.requirements.get(id);
    if (!req) return fallback;
    return lang === "vi" ? req.text_vi.replace(/\s+/g, " ").trim() : req.summary_en;
  };
  const applicable = v.requirements.filter((r) => r.status !== "not-applicable");
  const kpis: KpiRow[] = applicable
    .filter((r) => r.measure && r.target && r.target.unit === "percent")
    .map((r) => ({
      id: r.id,
      text: text(r.id, r.summary),
      value: r.measure?.value ?? 0,
      target: r.target?.value ?? 0,
      comparator: r.target?.comparator ?? ">=",
      met: meets(r.measure?.value ?? 0, r.target?.comparator ?? ">=", r.target?.value ?? 0),
      numerator: r.measure?.numerator,
      denominator: r.measure?.denominator,
      ...(r.measure?.coverage ? { coverage: r.measure.coverage } : {}),
    }));
  const units = new Map<string, { open: number; waived: number }>();
  for (const f of v.findings) {
    if (!f.unit) continue;
    const row = units.get(f.unit) ?? { open: 0, waived: 0 };
    if (f.waiver) row.waived++;
    else row.open++;
    units.set(f.unit, row);
  }
  return {
    lang,
    t: TEXT[lang],
    province: v.provinceName,
    asOf: v.asOf,
    conclusion: v.conclusion,
    totals: (Object.keys(v.totals) as Array<keyof Verdict["totals"]>).map((status) => ({
      status,
      label: STATUS_LABEL[lang][status],
      count: v.totals[status],
    })),
    kpis,
    overdue: applicable.filter(
      (r) =>
        (r.deadlinePassed || r.due?.state === "overdue") &&
        (r.status === "fail" || r.status === "evidence-missing"),
    ),
    requirements: applicable.map((r) => ({
      ...r,
      text: text(r.id, r.summary),
      statusLabel: STATUS_LABEL[lang][r.status],
    })),
    findings: v.findings.map((f) => ({ ...f, ...findingText(f, lang) })),
    byUnit: [...units]
      .map(([unit, c]) => ({ unit, name: unitNames.get(unit) ?? unit, ...c }))
      .sort((a, b) => b.open - a.open || a.unit.localeCompare(b.unit)),
    waivers: v.waivers,
  };
}
