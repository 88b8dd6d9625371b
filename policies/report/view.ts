/**
 * The report as data, shaped once for every human format (Markdown, HTML): the
 * sections of the 6-monthly and yearly progress report (HY-PROV-35).
 */
import type { Inventory } from "../../model/inventory.js";
import type { Catalogue } from "../../model/load-catalogue.js";
import type { RequirementVerdict, Verdict, WaivedFinding } from "../engine.js";
import { targetMet } from "../meets.js";
import type { Conclusion } from "../status.js";
import { findingText, type Lang, STATUS_LABEL, TEXT } from "./labels.js";
import { figureInTargetTerms } from "./target-terms.js";
import { subjectVi } from "./verdict-view.js";
import { clip, oneLine, viDate, viDeadline, viNumber, viPercent, viText } from "./vi-format.js";

/** Numbers, dates and text as the report's language writes them (66,67% and 20/11/2026 in Vietnamese). */
export interface Formats {
  percent: (n: number) => string;
  count: (n: number) => string;
  date: (iso: string) => string;
  deadline: (d: string) => string;
  text: (s: string) => string;
  /** A finding's subject by name (a unit's, a system's) when the inventory is known. */
  subject: (s: string) => string;
  /** At most `max` characters, cut between words. */
  clip: (s: string, max: number) => string;
}

function formats(lang: Lang, inventory?: Inventory): Formats {
  const subject = (s: string) => (inventory ? subjectVi(s, inventory) : s);
  return lang === "vi"
    ? {
        percent: viPercent,
        count: (n) => viNumber(n, 0),
        date: viDate,
        deadline: viDeadline,
        text: viText,
        subject,
        clip,
      }
    : {
        percent: (n) => `${n}%`,
        count: String,
        date: (d) => d,
        deadline: (d) => d,
        text: (s) => s,
        // English readers get the verdict's subjects ("unit hy-mn-hoa-mai") as they are.
        subject: (s) => s,
        clip,
      };
}

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
  fmt: Formats;
  province: string;
  asOf: string;
  conclusion: Conclusion;
  totals: Array<{ status: RequirementVerdict["status"]; label: string; count: number }>;
  kpis: KpiRow[];
  overdue: RequirementVerdict[];
  /** `measured`: the headline figure in its target's terms ("tỷ lệ đạt ≥ 24 giờ: 100% (3/3)"). */
  requirements: Array<RequirementVerdict & { text: string; statusLabel: string; measured: string }>;
  /** The verdict's open and waived findings, their `message` and `fix` in the report's language. */
  findings: WaivedFinding[];
  /** The data centre's declared technical exceptions: not findings, not waivers. */
  exceptions: Array<WaivedFinding & { reason: string }>;
  byUnit: Array<{ unit: string; name: string; open: number; waived: number }>;
  waivers: Verdict["waivers"];
}

export { meets } from "../meets.js";

export function reportView(
  v: Verdict,
  catalogue: Catalogue,
  lang: Lang,
  unitNames: Map<string, string>,
  inventory?: Inventory,
): ReportView {
  const fmt = formats(lang, inventory);
  const text = (id: string, fallback: string) => {
    const req = catalogue.requirements.get(id);
    if (!req) return fallback;
    return lang === "vi" ? viText(oneLine(req.text_vi)) : req.summary_en;
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
      met: r.measure && r.target ? targetMet(r.measure.value, r.target) : false,
      numerator: r.measure?.numerator,
      denominator: r.measure?.denominator,
      ...(r.measure?.coverage ? { coverage: r.measure.coverage } : {}),
    }));
  const units = new Map<string, { open: number; waived: number }>();
  for (const f of v.findings) {
    if (!f.unit || f.technicalException) continue;
    const row = units.get(f.unit) ?? { open: 0, waived: 0 };
    if (f.waiver) row.waived++;
    else row.open++;
    units.set(f.unit, row);
  }
  return {
    lang,
    t: TEXT[lang],
    fmt,
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
      measured: r.measure ? figureInTargetTerms(r.measure, r.target, lang) : "",
    })),
    findings: v.findings
      .filter((f) => !f.technicalException)
      .map((f) => {
        const { message, fix } = findingText(f, lang);
        return { ...f, message: fmt.text(message), fix: fmt.text(fix) };
      }),
    exceptions: v.findings
      .filter((f) => f.technicalException)
      .map((f) => ({
        ...f,
        message: fmt.text(findingText(f, lang).message),
        reason: fmt.text(findingText(f, lang).technicalException ?? ""),
      })),
    byUnit: [...units]
      .map(([unit, c]) => ({ unit, name: unitNames.get(unit) ?? unit, ...c }))
      .sort((a, b) => b.open - a.open || a.unit.localeCompare(b.unit)),
    waivers: v.waivers,
  };
}
