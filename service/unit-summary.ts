/**
 * The school's one line, "38/40 máy đạt": machines passing of the machines the inventory
 * expects, and how many reported in the period. The upload page, the status page and the
 * per-machine launcher (through GET /api/v1/summary) all print this same sentence.
 */
import type { UnitStatus } from "./status.js";

export interface UnitSummary {
  unit: string;
  expected: number;
  reported: number;
  passing: number;
  /** "38/40 máy đạt" */
  headline: string;
  vi: string;
  en: string;
}

export const passingLine = (u: { passing: number; expected: number }) => `${u.passing}/${u.expected} máy đạt`;

export function unitSummary(u: UnitStatus): UnitSummary {
  return {
    unit: u.unit,
    expected: u.expected,
    reported: u.reported,
    passing: u.passing,
    headline: passingLine(u),
    vi: `${passingLine(u)} (${u.reported}/${u.expected} máy đã gửi minh chứng trong kỳ)`,
    en: `${u.passing}/${u.expected} machines pass (${u.reported}/${u.expected} reported in the period)`,
  };
}
