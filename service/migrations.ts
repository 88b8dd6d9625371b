/**
 * The collection service's database schema, as numbered migrations applied in order,
 * each once, in one transaction with the version it brings. The database's owner role
 * runs them (`attt db migrate`); the service itself connects as a role that may only
 * read credentials and add evidence (grantService).
 */
import type { PoolClient } from "pg";

export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: "credentials and evidence",
    sql: `
      CREATE TABLE credential (
        key_id      text PRIMARY KEY,
        unit        text NOT NULL,
        secret_hash bytea NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        revoked_at  timestamptz
      );
      CREATE INDEX credential_unit ON credential (unit);
      CREATE TABLE evidence (
        id           bigserial PRIMARY KEY,
        unit         text NOT NULL,
        machine      text NOT NULL,
        machine_id   text NOT NULL,
        bundle_id    text NOT NULL,
        collected_at timestamptz NOT NULL,
        record       jsonb NOT NULL,
        record_sha256 bytea NOT NULL,
        key_id       text NOT NULL REFERENCES credential (key_id),
        received_at  timestamptz NOT NULL DEFAULT now(),
        -- One machine cannot have been audited twice at the same instant: a second record
        -- for the same instant is the first one replayed, or altered.
        UNIQUE (unit, machine_id, collected_at)
      );
      CREATE INDEX evidence_unit ON evidence (unit, received_at);
    `,
  },
  {
    version: 2,
    name: "what attt check reads, as columns",
    // attt check reads 100,000 records in seconds only if it need not fetch and parse each
    // whole record: the fields the evidence policy reads are columns PostgreSQL derives from
    // the record itself (written as sent: a finding quotes them), and the controls' statuses
    // a key that machines audited alike share (results_sha256; check fetches each distinct
    // list once). Generated, so no writer can make them disagree with the record.
    sql: `
      CREATE FUNCTION evidence_results_key(record jsonb) RETURNS bytea
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        RETURN sha256(convert_to(coalesce(
          (SELECT string_agg((r->>'control') || ' ' || (r->>'status'), E'\n' ORDER BY n)
             FROM jsonb_array_elements(record->'results') WITH ORDINALITY AS x(r, n)), ''), 'UTF8'));
      ALTER TABLE evidence
        ADD COLUMN netbios          text GENERATED ALWAYS AS (record->>'netbios') STORED,
        ADD COLUMN machine_id_sent  text GENERATED ALWAYS AS (record->>'machineId') STORED,
        ADD COLUMN collected_at_sent text GENERATED ALWAYS AS (record->>'collectedAt') STORED,
        ADD COLUMN settings_sha256  text GENERATED ALWAYS AS (record->'bundle'->>'sha256') STORED,
        ADD COLUMN results_sha256   bytea GENERATED ALWAYS AS (evidence_results_key(record)) STORED;
    `,
  },
];

/** The schema version this attt writes and reads. */
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

/** Applies the migrations not applied yet; concurrent runs wait for each other (advisory lock). */
export async function migrate(client: PoolClient): Promise<number[]> {
  const applied: number[] = [];
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock(7311011)");
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migration (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const done = new Set(
      (await client.query<{ version: number }>("SELECT version FROM schema_migration")).rows.map(
        (r) => r.version,
      ),
    );
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query("INSERT INTO schema_migration (version, name) VALUES ($1, $2)", [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK");
    throw e;
  }
  return applied;
}

/**
 * What the service's own role may do, and nothing more: read credentials, add evidence
 * and read it back (status page). No UPDATE, no DELETE: an acknowledged record cannot be
 * changed through the service, whatever reaches it.
 */
export async function grantService(client: PoolClient, role: string): Promise<void> {
  const r = client.escapeIdentifier(role);
  await client.query(`REVOKE ALL ON credential, evidence, schema_migration FROM ${r}`);
  await client.query(`GRANT SELECT ON credential, schema_migration TO ${r}`);
  await client.query(`GRANT SELECT, INSERT ON evidence TO ${r}`);
  await client.query(`GRANT USAGE ON SEQUENCE evidence_id_seq TO ${r}`);
}
