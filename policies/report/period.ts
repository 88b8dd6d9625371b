/**
 * The reporting period (`--period 2026-H1 | 2026-Q1 | 2026 | 2026-06`): which dates count,
 * how the title names it, and which of the plans' periodic deadlines fall due in it.
 */
import { deadlineEnd } from "../deadline.js";

export interface Period {
  id: string;
  start: string;
  end: string;
  /** As the title words it: "6 tháng đầu năm 2026", "năm 2026", "tháng 6 năm 2026", "quý I năm 2026". */
  label: string;
}

export const PERIOD_EXPECTED = "a period such as 2026-H1, 2026-H2, 2026-Q1, 2026 or 2026-06";

const ROMAN = ["I", "II", "III", "IV"];
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, "0");

/** The period named by `id`, or null when `id` names none. */
export function parsePeriod(id: string): Period | null {
  let m = /^(\d{4})-H([12])$/.exec(id);
  if (m) {
    const y = Number(m[1]);
    return m[2] === "1"
      ? { id, start: `${y}-01-01`, end: `${y}-06-30`, label: `6 tháng đầu năm ${y}` }
      : { id, start: `${y}-07-01`, end: `${y}-12-31`, label: `6 tháng cuối năm ${y}` };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(id);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    return {
      id,
      start: `${y}-${pad(q * 3 - 2)}-01`,
      end: lastDay(y, q * 3),
      label: `quý ${ROMAN[q - 1]} năm ${y}`,
    };
  }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(id);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return { id, start: `${y}-${m[2]}-01`, end: lastDay(y, mo), label: `tháng ${mo} năm ${y}` };
  }
  m = /^(\d{4})$/.exec(id);
  if (m) return { id, start: `${id}-01-01`, end: `${id}-12-31`, label: `năm ${id}` };
  return null;
}

export const within = (date: string, p: Period): boolean => date >= p.start && date <= p.end;

export type DueState = "met" | "overdue" | "due";

export interface DueDate {
  requirement: string;
  due: string;
  state: DueState;
  /** The officer's record of doing it, when there is one in the period. */
  done?: { on: string; ref?: string };
}

/**
 * The dates a periodic requirement falls due in the period. The plan's own words set them
 * when they name days ("6 tháng (trước ngày 10/6); 01 năm (trước ngày 11/10)" in HY-PROV-35);
 * otherwise a yearly task falls due at the year's end, a six-monthly one at each half's end,
 * a monthly one at each month's end. A dated deadline falls due on its last day.
 */
export function dueDates(deadline: string, deadlineVi: string | undefined, p: Period): string[] {
  const years: number[] = [];
  for (let y = Number(p.start.slice(0, 4)); y <= Number(p.end.slice(0, 4)); y++) years.push(y);
  const named = [...(deadlineVi ?? "").matchAll(/trước ngày (\d{1,2})\/(\d{1,2})(?!\/)/g)].map(
    (m) => [Number(m[2]), Number(m[1])] as const,
  );
  let dates: string[] = [];
  if (["yearly", "six-monthly", "monthly"].includes(deadline) && named.length > 0)
    dates = years.flatMap((y) => named.map(([mo, d]) => `${y}-${pad(mo)}-${pad(d)}`));
  else if (deadline === "yearly") dates = years.map((y) => `${y}-12-31`);
  else if (deadline === "six-monthly") dates = years.flatMap((y) => [`${y}-06-30`, `${y}-12-31`]);
  else if (deadline === "monthly")
    dates = years.flatMap((y) => Array.from({ length: 12 }, (_, i) => lastDay(y, i + 1)));
  else {
    const end = deadlineEnd(deadline);
    if (end && /^\d{4}-(\d{2}|Q[1-4])(-\d{2})?$/.test(deadline)) dates = [end];
  }
  return dates.filter((d) => within(d, p)).sort();
}

/**
 * Whether a due date was met (a record of doing it after the previous due date, or from the
 * period's start, and on or before this one), is overdue, or still due. One record meets
 * one due date: the 6-monthly report sent in June does not meet October's yearly one.
 */
export function dueState(
  due: string,
  after: string | undefined,
  asOf: string,
  records: Array<{ on: string; ref?: string }>,
  p: Period,
): Pick<DueDate, "state" | "done"> {
  const done = records
    .filter((r) => r.on <= due && r.on >= p.start && (after === undefined || r.on > after))
    .sort((a, b) => b.on.localeCompare(a.on))[0];
  if (done) return { state: "met", done };
  return { state: due < asOf ? "overdue" : "due" };
}
