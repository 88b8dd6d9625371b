/** The report's figures as table cells, the same in the .docx and the Markdown report. */
import type { ReportModel, Share, Task } from "./verdict-view.js";
import { viChange, viMoney, viNumber, viPercent } from "./vi-format.js";

const isShare = (s: Share | { value: number } | undefined): s is Share =>
  s !== undefined && "denominator" in s;

/** "75% (6/8)"; a budget share as its percentage only (its amounts: moneyVi). */
export function figureVi(f: Share | { value: number } | undefined, money = false): string {
  if (!f) return "-";
  if (!isShare(f) || money) return viPercent(f.value);
  return `${viPercent(f.value)} (${viNumber(f.numerator, 0)}/${viNumber(f.denominator, 0)})`;
}

/** A budget share in words: "2.562.200.000 đồng trên tổng số 16.340.000.000 đồng (15,68%)". */
export function moneyVi(t: Task): string | undefined {
  const r = t.result;
  if (!t.money || !isShare(r)) return undefined;
  return `${t.id}: kinh phí bảo đảm an toàn thông tin ${viMoney(r.numerator)} trên tổng số ${viMoney(r.denominator)} kinh phí công nghệ thông tin (${viPercent(r.value)})${t.target ? `, chỉ tiêu ${targetVi(t.target)}` : ""}.`;
}

export function targetVi(t: Task["target"]): string {
  if (!t) return "-";
  const cmp = t.comparator === ">=" ? "≥" : t.comparator === "<=" ? "≤" : "=";
  const unit =
    { percent: "%", count: "", "per-year": " lần/năm", months: " tháng", hours: " giờ" }[t.unit] ?? "";
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
  before === undefined
    ? "-"
    : now === before
      ? "không đổi"
      : `${now > before ? "+" : ""}${viNumber(now - before, 0)}`;

/** The counts behind the verdict's conclusion: "(40/120 nhiệm vụ đạt, 12 chưa đạt, 68 chưa đủ căn cứ)". */
export function conclusionCountsVi(m: ReportModel): string {
  const c = m.conclusionCounts;
  return `(${viNumber(c.met, 0)}/${viNumber(c.adopted, 0)} nhiệm vụ đạt, ${viNumber(c.failing, 0)} chưa đạt, ${viNumber(c.unproven, 0)} chưa đủ căn cứ)`;
}
