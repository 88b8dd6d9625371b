/** When a catalogue deadline ("2026-Q2", "2026-04", "2026/2030") has passed. */

/** The last day a deadline allows, or null for ongoing/periodic/none. */
export function deadlineEnd(deadline: string): string | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(deadline);
  if (m) return deadline;
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
