/**
 * Evidence records as the audit scripts would send them, for every machine the inventory
 * expects: used by benchmarks (100,000 machines) and by tests of the evidence pack.
 * A seeded share of machines fails one control; nothing else varies.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundleSpecs } from "../baselines/bundle-spec.js";
import { bundleHash } from "../baselines/generate.js";
import { EVIDENCE_SCHEMA, type Evidence } from "../model/evidence.js";
import type { Inventory } from "../model/inventory.js";
import { prng } from "./prng.js";

export function syntheticEvidence(inventory: Inventory, o: { failShare: number; seed?: number }): Evidence[] {
  const rand = prng(o.seed ?? 7);
  const out: Evidence[] = [];
  for (const spec of bundleSpecs(inventory)) {
    const sha256 = bundleHash(spec);
    let n = 0;
    for (const group of spec.groups) {
      const names = group.hosts.map((h) => h.name);
      for (let i = 0; i < group.count; i++) {
        n++;
        const machine = names[i] ?? `${spec.unit.id}-${spec.os}-${spec.role}-${String(n).padStart(3, "0")}`;
        const failing = rand() < o.failShare ? Math.floor(rand() * spec.controls.length) : -1;
        out.push({
          schema: EVIDENCE_SCHEMA,
          machine,
          ...(spec.os === "windows" ? { netbios: machine.slice(0, 15).toUpperCase() } : {}),
          machineId: syntheticMachineId(spec.unit.id, machine),
          unit: spec.unit.id,
          role: spec.role,
          os: group.os,
          bundle: { id: spec.id, sha256 },
          collectedAt: `${inventory.province.asOf}T08:00:00+07:00`,
          results: spec.controls.map((rc, c) => ({
            control: rc.control.id,
            status: c === failing ? "fail" : "pass",
            observed: c === failing ? "0" : "ok",
            expected: "ok",
          })),
        });
      }
    }
  }
  return out;
}

/** A stable machine ID for a synthetic machine (32 hex digits, as /etc/machine-id). */
export const syntheticMachineId = (unit: string, machine: string): string =>
  createHash("sha256").update(`${unit}/${machine}`).digest("hex").slice(0, 32);

/** One file per record under <unit>/, named so that two audits of one machine never overwrite each other. */
export function writeEvidence(dir: string, records: Evidence[]): void {
  for (const unit of new Set(records.map((r) => r.unit))) mkdirSync(join(dir, unit), { recursive: true });
  for (const r of records) writeFileSync(join(dir, evidenceFileName(r)), `${JSON.stringify(r)}\n`);
}

export const evidenceFileName = (r: Evidence): string =>
  `${r.unit}/${r.machine}-${r.machineId}-${r.collectedAt.replace(/[^0-9]/g, "")}.json`;
