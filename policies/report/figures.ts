/** The report's figures as table cells, the same in the .docx and the Markdown report. */
import type { Share, Task } from "./verdict-view.js";
import { viChange, viNumber, viPercent } from "./vi-format.js";

const isShare = (s: Share | { value: number } | undefined): s is Share =>
  s !== undefined && "denominator" in s;

/** "75% (6/8)"; in đồng for budget shares. */
export function figureVi(f: Share | { value: number } | undefined, money = false): string {
  if (!f) return "-";
  if (!isShare(f)) return viPercent(f.value);
  return money
    ? `${viPercent(f.value)} (${viNumber(f.numerator, 0)}/${viNumber(f.denominator, 0)} đồng)`
    : `${viPercent(f.value)} (${viNumber(f.numerator, 0)}/${viNumber(f.denominator, 0)})`;
}

export function targetVi(t: Task["target"]): string {
  if (!t) return "-";
  const cmp = t.comparator === ">=" ? "≥" : t.comparator === "<=" ? "≤" : "=";
  const unit = { percent: "%", count: "", "per-year": " lần/năm", months: " tháng", hours: " giờ" }[t.unit] ?? "";
  return `${cmp} ${viNumber(t.value)}${unit}`;
}

export function coverageVi(t: Task): string {
  if (!t.coverage) return "-";
  const { counted, population } = t.coverage;
  if (t.money) return "toàn bộ dự toán";
  return `${viNumber(counted, 0)}/${viNumber(population, 0)} (${viPercent(population ? (counted / population) * 100 : 100)})`;
}

export function changeVi(now: { value: number } | undefined, before: { value: number } | undefined): string {
  if (!now || !before) return "-";
  return viChange(now.value - before.value);
}

export const countChange = (now: number, before: number | undefined) =>
  before === undefined ? "-" : now === before ? "không đổi" : `${now > before ? "+" : ""}${viNumber(now - before, 0)}`;

