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
];

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
