/**
 * `attt check --evidence postgres://...`: the service's records, each named
 * `evidence #<id>` where a file would give its path, with the verdict the same records
 * give as files.
 *
 * The service validated every record against the evidence schema before storing it, and
 * its role cannot change one after: what is read here is not validated again, and only
 * what the evidence policy reads is fetched, from columns PostgreSQL derives from the
 * record (migration 2). The controls' statuses are fetched once per distinct list (a
 * province's machines are mostly audited alike), and shared by the records that have it.
 * What can change since intake is the inventory: each record must still name a bundle of
 * this province, of its unit, and controls of this catalogue.
 */

import { UsageError } from "../bin/cli-kit.js";
import { type AuditSummary, ControlResult } from "../model/evidence.js";
import type { KnownIds } from "../model/load-evidence.js";
import { formatPath, InputError, type Problem } from "../model/problems.js";
import { openPool, withClient } from "./database.js";
import { SCHEMA_VERSION } from "./migrations.js";

/** Rows per round trip: bounded memory for the answer, whatever the table's size. */
const PAGE = 20_000;

type Row = [
  id: string,
  unit: string,
  machine: string,
  netbios: string | null,
  machineId: string,
  bundleId: string,
  settings: string,
  collectedAt: string,
  resultsKey: string,
];

export async function loadEvidenceFromDatabase(
  url: string,
  known: KnownIds,
  pageSize = PAGE,
): Promise<Array<{ file: string; evidence: AuditSummary }>> {
  const pool = openPool(url, 1);
  const source = `${url.replace(/\/\/[^@/]*@/, "//")} evidence #`;
  const problems: Problem[] = [];
  const at = (id: string, path: PropertyKey[], expected: string, found: string) =>
    problems.push({ file: `${source}${id}`, line: 0, column: 0, path: formatPath(path), expected, found });
  const out: Array<{ file: string; evidence: AuditSummary }> = [];
  try {
    await withClient(pool, async (c) => {
      // One snapshot: the rows and the statuses they point at, as one query would give them.
      await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      try {
        const version = await c.query<{ v: number | null }>("SELECT max(version) AS v FROM schema_migration");
        if ((version.rows[0]?.v ?? 0) < SCHEMA_VERSION)
          throw new UsageError(
            `the evidence database's schema is older than this attt (version ${version.rows[0]?.v ?? 0}, not ${SCHEMA_VERSION}): run attt db migrate --db <the owner's URL>`,
          );
        const results = await resultLists(c, known, at);
        for (let after = "0"; ; ) {
          const r = await c.query<Row>({
            text: `SELECT id, unit, machine, netbios, machine_id_sent, bundle_id, settings_sha256,
                          collected_at_sent, encode(results_sha256, 'hex')
                     FROM evidence WHERE id > $1 ORDER BY id LIMIT $2`,
            values: [after, pageSize],
            rowMode: "array",
          });
          for (const [id, unit, machine, netbios, machineId, bundleId, sha256, collectedAt, key] of r.rows) {
            if (!known.bundles.has(bundleId))
              at(id, ["bundle", "id"], "a bundle of this province", `"${bundleId}"`);
            else if (!bundleId.startsWith(`${unit}/`))
              at(id, ["unit"], `the unit of bundle ${bundleId}`, `"${unit}"`);
            out.push({
              file: `evidence #${id}`,
              evidence: {
                unit,
                machine,
                ...(netbios === null ? {} : { netbios }),
                machineId,
                bundle: { id: bundleId, sha256 },
                collectedAt,
                results: results.get(key) ?? [],
              },
            });
          }
          const last = r.rows.at(-1);
          if (!last || r.rows.length < pageSize) break;
          after = last[0];
        }
      } finally {
        await c.query("COMMIT");
      }
    });
    if (problems.length) throw new InputError(problems);
    return out;
  } finally {
    await pool.end();
  }
}

/** Each distinct list of control statuses, by its key, read from the first record that has it. */
async function resultLists(
  c: import("pg").PoolClient,
  known: KnownIds,
  at: (id: string, path: PropertyKey[], expected: string, found: string) => void,
): Promise<Map<string, AuditSummary["results"]>> {
  const r = await c.query<[key: string, id: string, results: Array<{ control: string; status: string }>]>({
    text: `SELECT encode(k.results_sha256, 'hex'), k.id, e.record->'results'
             FROM (SELECT results_sha256, min(id) AS id FROM evidence GROUP BY results_sha256) k
             JOIN evidence e ON e.id = k.id`,
    rowMode: "array",
  });
  const lists = new Map<string, AuditSummary["results"]>();
  const Status = ControlResult.shape.status;
  for (const [key, id, all] of r.rows) {
    const list = all.map(({ control, status }) => ({ control, status }));
    list.forEach((x, i) => {
      if (!known.controls.has(x.control))
        at(id, ["results", i, "control"], "a control of the catalogue", `"${x.control}"`);
      if (!Status.safeParse(x.status).success)
        at(id, ["results", i, "status"], Status.options.join(", "), `"${x.status}"`);
    });
    lists.set(key, list as AuditSummary["results"]);
  }
  return lists;
}
