/**
 * A figure in its target's terms. A percentage target stands beside the percentage; a
 * target in other units (hours a day, times a year) is met or missed per subject, so the
 * figure is the share of subjects meeting it and says so ("tỷ lệ đạt ≥ 24 giờ: 66,67% (2/3)"),
 * never "66,67% đạt mục tiêu ≥ 24 giờ", which reads as a figure in hours.
 */
import type { Target } from "../../model/catalogue.js";
import type { Measure } from "../policy.js";
import type { Lang } from "./labels.js";
import { viNumber, viPercent } from "./vi-format.js";

const UNIT: Record<Lang, Record<Target["unit"], string>> = {
  vi: { percent: "%", count: "", "per-year": " lần/năm", months: " tháng", hours: " giờ" },
  en: { percent: "%", count: "", "per-year": " times a year", months: " months", hours: " hours" },
};

const CMP: Record<Lang, Record<Target["comparator"], string>> = {
  vi: { ">=": "≥", "<=": "≤", "=": "=" },
  en: { ">=": ">=", "<=": "<=", "=": "=" },
};

/** "≥ 24 giờ", ">= 10%". */
export function targetText(t: Target, lang: Lang): string {
  const n = lang === "vi" ? viNumber(t.value) : String(t.value);
  return `${CMP[lang][t.comparator]} ${n}${UNIT[lang][t.unit]}`;
}

/** "66,67% (2/3)": the percentage and what it counted. */
export function shareText(m: Pick<Measure, "value" | "numerator" | "denominator">, lang: Lang): string {
  const pct = lang === "vi" ? viPercent(m.value) : `${m.value}%`;
  const n = (x: number) => (lang === "vi" ? viNumber(x, 0) : String(x));
  return m.denominator !== undefined ? `${pct} (${n(m.numerator ?? 0)}/${n(m.denominator)})` : pct;
}

/** The figure with the condition it counts: the share alone for a percentage target, the condition first otherwise. */
export function figureInTargetTerms(
  m: Pick<Measure, "value" | "numerator" | "denominator">,
  t: Target | null | undefined,
  lang: Lang,
): string {
  if (!t || t.unit === "percent") return shareText(m, lang);
  const condition = targetText(t, lang);
  return lang === "vi"
    ? `tỷ lệ đạt ${condition}: ${shareText(m, lang)}`
    : `share at ${condition}: ${shareText(m, lang)}`;
}
