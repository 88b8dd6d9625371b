/** Signed bundles for the whole synthetic province, then an incremental run after one unit changes (issue 7). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { buildProvinceBundles } from "../../baselines/bundle/build-province.js";
import { generateKeys } from "../../baselines/bundle/signing.js";
import { loadInventory } from "../../model/load-inventory.js";
import { peakMemory, report, timed } from "../measure.js";
import { writeSyntheticProvince } from "../synthetic-province.js";

const dir = mkdtempSync(join(tmpdir(), "attt-bench-pkg-"));
try {
  const inv = join(dir, "inventory");
  writeSyntheticProvince(inv, { schools: 2000, namedHosts: false });
  const keyPem = generateKeys().privatePem;
  const out = join(dir, "bundles");
  const first = await timed(`full build, ${availableParallelism()} workers`, async () =>
    buildProvinceBundles({ inventory: loadInventory(inv).inventory, outDir: out, keyPem }),
  );
  report("unit bundles (signed zips)", first.rebuilt.length);
  const unitFile = join(inv, "units", "sch-0001.yaml");
  writeFileSync(unitFile, readFileSync(unitFile, "utf8").replace("level: 2", "level: 3"));
  const second = await timed("incremental build after one unit changed", async () =>
    buildProvinceBundles({ inventory: loadInventory(inv).inventory, outDir: out, keyPem }),
  );
  report("rebuilt / unchanged", `${second.rebuilt.length} / ${second.unchanged.length}`);
  const single = await timed("full build, 1 worker (for comparison)", async () =>
    buildProvinceBundles({
      inventory: loadInventory(inv).inventory,
      outDir: join(dir, "single"),
      keyPem,
      workers: 1,
    }),
  );
  report("rebuilt with 1 worker", single.rebuilt.length);
  report("peak memory (RSS, all threads)", peakMemory());
} finally {
  rmSync(dir, { recursive: true, force: true });
}
