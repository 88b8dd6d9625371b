/**
 * The reporting period (`--period 2026-H1 | 2026-Q1 | 2026 | 2026-06`): which dates count,
 * how the title names it, and which of the plans' periodic deadlines fall due in it.
 */
import { deadlineEnd, dueDates as planDueDates } from "../deadline.js";
import type { RequirementStatus } from "../status.js";

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

export type DueState = "met" | "measured" | "overdue" | "unrecorded" | "due";

export interface DueDate {
  requirement: string;
  due: string;
  state: DueState;
  /** The officer's record of doing it, when there is one in the period. */
  done?: { on: string; ref?: string };
}

/**
 * The dates a requirement falls due in the period, by the engine's own rule
 * (policies/deadline.ts): a periodic one on the days its plan names (`due_before`: HY-PROV-35
 * "trước ngày 10/6" falls due on 9 June), else at each year's, half's or month's end; a dated
 * deadline on its last day. `after` is the due date before each one (since the plan began),
 * which bounds the records that meet it.
 */
export function dueDates(
  deadline: string,
  o: { planStart: string; before?: string[] },
  p: Period,
): Array<{ due: string; after?: string }> {
  if (PERIODIC.includes(deadline)) {
    const all = planDueDates(deadline, o.planStart, p.end, o.before);
    return all.map((due, i) => ({ due, after: all[i - 1] })).filter((d) => within(d.due, p));
  }
  // A month, quarter or day (and "before" a month); a whole year or "2026/2030" is not a due date.
  const end = /^(before )?\d{4}-(\d{2}|Q[1-4])(-\d{2})?$/.test(deadline) ? deadlineEnd(deadline) : null;
  return end && within(end, p) ? [{ due: end }] : [];
}

const PERIODIC = ["yearly", "six-monthly", "monthly"];

/** The verdict's statuses that say a task is done by what was measured (a record is named by date). */
const MEASURED_DONE: readonly RequirementStatus[] = ["pass", "waived"];
/** The verdict's statuses that make a passed due date overdue: the check's own rule (its "Nhiệm vụ đã quá hạn"). */
const OVERDUE_WHEN: readonly RequirementStatus[] = ["fail", "evidence-missing"];

/**
 * Where a due date stands, read from the verdict, never judged again: met by a record dated
 * after the previous due date and on or before this one (one record meets one due date: the
 * 6-monthly report sent in June does not meet October's); else done by measure when the
 * verdict passes the requirement; past it, overdue only when the verdict fails the requirement
 * or lacks its evidence, otherwise merely without a record (a manual task); else still due.
 */
export function dueState(
  due: string,
  after: string | undefined,
  asOf: string,
  records: Array<{ on: string; ref?: string }>,
  verdict: { status: RequirementStatus },
): Pick<DueDate, "state" | "done"> {
  const done = records
    .filter((r) => r.on <= due && (after === undefined || r.on > after))
    .sort((a, b) => b.on.localeCompare(a.on))[0];
  if (done) return { state: "met", done };
  if (MEASURED_DONE.includes(verdict.status)) return { state: "measured" };
  if (due >= asOf) return { state: "due" };
  return { state: OVERDUE_WHEN.includes(verdict.status) ? "overdue" : "unrecorded" };
}
