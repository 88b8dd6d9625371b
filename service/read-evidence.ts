/**
 * `attt check --evidence postgres://...`: the service's records, held to the same rules
 * as files in a directory (schema, a bundle and controls of this province), each named
 * `evidence #<id>` where a file would give its path.
 */
import { Evidence } from "../model/evidence.js";
import type { KnownIds } from "../model/load-evidence.js";
import { formatPath, InputError, type Problem } from "../model/problems.js";
import { openPool, withClient } from "./database.js";

export async function loadEvidenceFromDatabase(
  url: string,
  known: KnownIds,
): Promise<Array<{ file: string; evidence: Evidence }>> {
  const pool = openPool(url, 1);
  try {
    const rows = await withClient(pool, async (c) => {
      // The text form: node-postgres would JSON.parse jsonb anyway; reading text keeps one parse per row.
      const r = await c.query<{ id: string; record: string }>(
        "SELECT id, record::text AS record FROM evidence ORDER BY id",
      );
      return r.rows;
    });
    const problems: Problem[] = [];
    const out: Array<{ file: string; evidence: Evidence }> = [];
    for (const row of rows) {
      const file = `${url.replace(/\/\/[^@/]*@/, "//")} evidence #${row.id}`;
      const at = (path: PropertyKey[], expected: string, found: string) =>
        problems.push({ file, line: 0, column: 0, path: formatPath(path), expected, found });
      const parsed = Evidence.safeParse(JSON.parse(row.record));
      if (!parsed.success) {
        for (const i of parsed.error.issues) at(i.path, i.message, "a value that does not match");
        continue;
      }
      const e = parsed.data;
      if (!known.bundles.has(e.bundle.id))
        at(["bundle", "id"], "a bundle of this province", `"${e.bundle.id}"`);
      e.results.forEach((r, i) => {
        if (!known.controls.has(r.control))
          at(["results", i, "control"], "a control of the catalogue", `"${r.control}"`);
      });
      out.push({ file: `evidence #${row.id}`, evidence: e });
    }
    if (problems.length) throw new InputError(problems);
    return out;
  } finally {
    await pool.end();
  }
}
