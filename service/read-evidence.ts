/**
 * `attt check --evidence postgres://...`: the service's records, held to the same rules
 * as files in a directory (schema, a bundle and controls of this province), each named
 * `evidence #<id>` where a file would give its path.
 */
import { Evidence } from "../model/evidence.js";
import type { KnownIds } from "../model/load-evidence.js";
import { formatPath, InputError, type Problem } from "../model/problems.js";
import { openPool, withClient } from "./database.js";

/** Rows per round trip: the whole table at once held every record's text (GBs at a province's scale) beside its parse. */
const PAGE = 2000;

export async function loadEvidenceFromDatabase(
  url: string,
  known: KnownIds,
  pageSize = PAGE,
): Promise<Array<{ file: string; evidence: Evidence }>> {
  const pool = openPool(url, 1);
  const source = `${url.replace(/\/\/[^@/]*@/, "//")} evidence #`;
  const problems: Problem[] = [];
  const out: Array<{ file: string; evidence: Evidence }> = [];
  const take = (row: { id: string; record: string }) => {
    const file = `${source}${row.id}`;
    const at = (path: PropertyKey[], expected: string, found: string) =>
      problems.push({ file, line: 0, column: 0, path: formatPath(path), expected, found });
    const parsed = Evidence.safeParse(JSON.parse(row.record));
    if (!parsed.success) {
      for (const i of parsed.error.issues) at(i.path, i.message, "a value that does not match");
      return;
    }
    const e = parsed.data;
    if (!known.bundles.has(e.bundle.id))
      at(["bundle", "id"], "a bundle of this province", `"${e.bundle.id}"`);
    e.results.forEach((r, i) => {
      if (!known.controls.has(r.control))
        at(["results", i, "control"], "a control of the catalogue", `"${r.control}"`);
    });
    out.push({ file: `evidence #${row.id}`, evidence: e });
  };
  try {
    await withClient(pool, async (c) => {
      // Page by id inside one snapshot: the same records, in the same order, as one query would give.
      await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      try {
        for (let after = "0"; ; ) {
          // The text form: node-postgres would JSON.parse jsonb anyway; reading text keeps one parse per row.
          const r = await c.query<{ id: string; record: string }>(
            "SELECT id, record::text AS record FROM evidence WHERE id > $1 ORDER BY id LIMIT $2",
            [after, pageSize],
          );
          for (const row of r.rows) take(row);
          const last = r.rows.at(-1);
          if (!last || r.rows.length < pageSize) break;
          after = last.id;
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
