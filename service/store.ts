/**
 * Evidence in the data centre's PostgreSQL: added one record per transaction, committed
 * before the service acknowledges it (PostgreSQL's default synchronous_commit makes the
 * commit durable); `attt check` reads it back through the columns PostgreSQL derives
 * from it (read-evidence.ts), the status page through latestAudits.
 */
import { createHash } from "node:crypto";
import type { Pool } from "pg";
import { type Evidence, normalMachineId } from "../model/evidence.js";

/** The same record, however its keys were ordered or spaced, hashes the same. */
export function recordHash(e: Evidence): Buffer {
  return createHash("sha256").update(canonicalJson(e)).digest();
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

export type StoreOutcome = { stored: string } | "replay" | "altered";

/**
 * Adds a record. A machine audited at one instant has one record: the same record again
 * is a replay, a different one for the same instant is an altered copy. Both are refused
 * and store nothing.
 */
export async function storeEvidence(db: Pool, keyId: string, e: Evidence): Promise<StoreOutcome> {
  const hash = recordHash(e);
  const machineId = normalMachineId(e.machineId);
  // Named: each connection parses and plans it once, not once per record.
  const r = await db.query<{ id: string }>({
    name: "evidence-insert",
    text: `INSERT INTO evidence (unit, machine, machine_id, bundle_id, collected_at, record, record_sha256, key_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (unit, machine_id, collected_at) DO NOTHING RETURNING id`,
    values: [e.unit, e.machine, machineId, e.bundle.id, e.collectedAt, JSON.stringify(e), hash, keyId],
  });
  if (r.rows[0]) return { stored: r.rows[0].id };
  const prior = await db.query<{ record_sha256: Buffer }>(
    "SELECT record_sha256 FROM evidence WHERE unit = $1 AND machine_id = $2 AND collected_at = $3",
    [e.unit, machineId, e.collectedAt],
  );
  return prior.rows[0]?.record_sha256.equals(hash) ? "replay" : "altered";
}

/** Per unit: each machine's latest audit in [from, until), with what the status page shows of it. */
export interface LatestAudit {
  unit: string;
  machineId: string;
  bundleId: string;
  sha256: string;
  allPass: boolean;
}

export async function latestAudits(
  db: Pool,
  fromMs: number,
  untilMs: number,
  unit?: string,
): Promise<LatestAudit[]> {
  const r = await db.query<{
    unit: string;
    machine_id: string;
    bundle_id: string;
    sha: string;
    all_pass: boolean;
  }>(
    `SELECT DISTINCT ON (unit, machine_id) unit, machine_id, bundle_id, record->'bundle'->>'sha256' AS sha,
            NOT jsonb_path_exists(record, '$.results[*] ? (@.status == "fail" || @.status == "error")') AS all_pass
       FROM evidence WHERE collected_at >= $1 AND collected_at < $2 AND ($3::text IS NULL OR unit = $3)
      ORDER BY unit, machine_id, collected_at DESC, id DESC`,
    [new Date(fromMs), new Date(untilMs), unit ?? null],
  );
  return r.rows.map((x) => ({
    unit: x.unit,
    machineId: x.machine_id,
    bundleId: x.bundle_id,
    sha256: x.sha,
    allPass: x.all_pass,
  }));
}

export async function lastUploads(db: Pool, unit?: string): Promise<Map<string, Date>> {
  const r = await db.query<{ unit: string; last: Date }>(
    "SELECT unit, max(received_at) AS last FROM evidence WHERE $1::text IS NULL OR unit = $1 GROUP BY unit",
    [unit ?? null],
  );
  return new Map(r.rows.map((x) => [x.unit, x.last]));
}
