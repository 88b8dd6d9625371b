/**
 * Deadlines as the plans write them. One-off: "2026-Q2", "2026-04" (within April),
 * "before 2026-06" ("Trước tháng 6/2026": by 31 May), "before 2026-03-30" ("Trước 30/3/2026":
 * by 29 March), "2026/2030". Periodic: yearly,
 * six-monthly, monthly, with the days the plan names ("trước ngày 10/6").
 */

/** The last day a one-off deadline allows, or null for ongoing/periodic/none. */
export function deadlineEnd(deadline: string): string | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(deadline);
  if (m) return deadline;
  // "Trước ngày 30/3" ends on 29 March, as "trước ngày 10/6" of the periodic deadlines does.
  m = /^before (\d{4}-\d{2}-\d{2})$/.exec(deadline);
  if (m) return dayBefore(m[1] as string);
  m = /^before (\d{4})-(\d{2})$/.exec(deadline);
  // "Before June" ends with the last day of May.
  if (m) return lastDay(Number(m[1]), Number(m[2]) - 1);
  m = /^(\d{4})-Q([1-4])$/.exec(deadline);
  if (m) return lastDay(Number(m[1]), Number(m[2]) * 3);
  m = /^(\d{4})-(\d{2})$/.exec(deadline);
  if (m) return lastDay(Number(m[1]), Number(m[2]));
  m = /^(?:\d{4}\/)?(\d{4})$/.exec(deadline);
  if (m) return `${m[1]}-12-31`;
  return null;
}

function lastDay(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

export function deadlinePassed(deadline: string, asOf: string): boolean {
  const end = deadlineEnd(deadline);
  return end !== null && end < asOf;
}

/** A periodic deadline at the check date. */
export interface DueState {
  /** overdue: the last due date passed with no record dated in its period; due: the next one is ahead. */
  state: "due" | "overdue";
  /** The last due date on or before asOf (since the plan began), if any. */
  lastDue?: string;
  /** The period the last due date closed (first day .. last due date). */
  lastPeriod?: { from: string; to: string };
  /** The next due date after asOf. */
  nextDue: string;
}

/**
 * Due dates of a periodic deadline, each closing a period: `before` lists the yearly
 * "before" days (MM-DD; "10-11" = by 10 October) where the plan names them; without them
 * a yearly deadline falls due on 31 December and a monthly one on each month's last day.
 */
export function dueDates(deadline: string, from: string, until: string, before: string[] = []): string[] {
  const first = Number(from.slice(0, 4));
  const last = Number(until.slice(0, 4)) + 1;
  const out: string[] = [];
  for (let y = first; y <= last; y++) {
    if (before.length > 0) {
      for (const md of before) out.push(dayBefore(`${y}-${md}`));
    } else if (deadline === "yearly") out.push(`${y}-12-31`);
    else if (deadline === "six-monthly") out.push(`${y}-06-30`, `${y}-12-31`);
    else if (deadline === "monthly") for (let mo = 1; mo <= 12; mo++) out.push(lastDay(y, mo));
  }
  return out.filter((d) => d >= from).sort();
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Where a periodic deadline stands at `asOf`: `done` are the dates of the records proving
 * it; the last period is met when one of them falls within it.
 */
export function dueState(
  deadline: string,
  asOf: string,
  o: { planStart: string; before?: string[]; done?: string[] },
): DueState | undefined {
  if (!["yearly", "six-monthly", "monthly"].includes(deadline)) return undefined;
  const dates = dueDates(deadline, o.planStart, asOf, o.before);
  const past = dates.filter((d) => d <= asOf);
  const nextDue = dates.find((d) => d > asOf) ?? (dates.at(-1) as string);
  const lastDue = past.at(-1);
  if (!lastDue) return { state: "due", nextDue };
  const previous = past.at(-2);
  const from = previous ? nextDay(previous) : o.planStart;
  const met = (o.done ?? []).some((d) => d >= from && d <= lastDue);
  return { state: met ? "due" : "overdue", lastDue, lastPeriod: { from, to: lastDue }, nextDue };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The first day of a plan dated "2026", "2026-02" or "2026-02-15". */
export function planStart(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}
