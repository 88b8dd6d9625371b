/** Loading and validating the synthetic 2,000-school province (issue 2). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadInventory } from "../../model/load-inventory.js";
import { peakMemory, report, timed } from "../measure.js";
import { writeSyntheticProvince } from "../synthetic-province.js";

const dir = mkdtempSync(join(tmpdir(), "attt-bench-inv-"));
try {
  const made = await timed("generate 2,000-school province", () =>
    writeSyntheticProvince(dir, { schools: 2000, namedHosts: false }),
  );
  report("files / machines", `${made.files} / ${made.machines}`);
  const loaded = await timed("load + validate (cold)", () => loadInventory(dir));
  await timed("load + validate (warm)", () => loadInventory(dir));
  report("units / people", `${loaded.inventory.units.length} / ${loaded.inventory.staff.length}`);
  report("peak memory (RSS)", peakMemory());
} finally {
  rmSync(dir, { recursive: true, force: true });
}
