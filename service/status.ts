/**
 * The Department's figures per unit: machines the inventory expects, machines that
 * reported in the period (latest audit each, at most as many as expected), machines whose
 * latest audit passed every control against the current settings, and the last upload.
 */
import type { Pool } from "pg";
import { bundleSpecs } from "../baselines/bundle-spec.js";
import { bundleHash } from "../baselines/generate.js";
import type { Inventory } from "../model/inventory.js";
import { type ReportingPeriod, reportingPeriod } from "../policies/evidence/reporting-period.js";
import { lastUploads, latestAudits } from "./store.js";

export interface UnitStatus {
  unit: string;
  name: string;
  expected: number;
  reported: number;
  passing: number;
  /** Machines that reported beyond what the inventory counts (unknown machines). */
  extra: number;
  lastUpload: string | null;
}

export interface Status {
  period: ReportingPeriod;
  units: UnitStatus[];
  totals: { expected: number; reported: number; passing: number; silentUnits: number };
}

/** The province's figures, or with `only` those of one unit (the school's own summary). */
export async function provinceStatus(db: Pool, inventory: Inventory, only?: string): Promise<Status> {
  const period = reportingPeriod(inventory.province.asOf, inventory.province.evidencePeriodDays);
  const specs = bundleSpecs(inventory).filter((s) => only === undefined || s.unit.id === only);
  const hashes = new Map(specs.map((s) => [s.id, bundleHash(s)]));
  const audits = await latestAudits(db, period.fromMs, period.untilMs, only);
  const last = await lastUploads(db, only);
  const byUnit = new Map<string, { machines: number; passing: number }>();
  for (const a of audits) {
    const u = byUnit.get(a.unit) ?? { machines: 0, passing: 0 };
    u.machines++;
    if (a.allPass && hashes.get(a.bundleId) === a.sha256) u.passing++;
    byUnit.set(a.unit, u);
  }
  const units: UnitStatus[] = [];
  const listed = inventory.units.filter((u) => only === undefined || u.id === only);
  for (const unit of listed.sort((a, b) => a.id.localeCompare(b.id))) {
    const expected = specs
      .filter((s) => s.unit.id === unit.id)
      .reduce((n, s) => n + s.groups.reduce((m, g) => m + g.count, 0), 0);
    if (expected === 0) continue;
    const got = byUnit.get(unit.id) ?? { machines: 0, passing: 0 };
    const reported = Math.min(got.machines, expected);
    units.push({
      unit: unit.id,
      name: unit.name,
      expected,
      reported,
      passing: Math.min(got.passing, reported),
      extra: Math.max(0, got.machines - expected),
      lastUpload: last.get(unit.id)?.toISOString() ?? null,
    });
  }
  const sum = (f: (u: UnitStatus) => number) => units.reduce((n, u) => n + f(u), 0);
  return {
    period,
    units,
    totals: {
      expected: sum((u) => u.expected),
      reported: sum((u) => u.reported),
      passing: sum((u) => u.passing),
      silentUnits: units.filter((u) => u.reported === 0).length,
    },
  };
}
