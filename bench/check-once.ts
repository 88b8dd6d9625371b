/**
 * One `attt check` of an inventory against an evidence source, in a process of its own,
 * printing its time (without the process start) and its peak memory. Used by bench cases.
 *
 *   npx tsx bench/check-once.ts INVENTORY EVIDENCE_DIR_OR_URL
 */
import { bundledCatalogue } from "../model/load-catalogue.js";
import { loadInventory } from "../model/load-inventory.js";
import { checkProvince } from "../policies/check-province.js";
import { peakMemory, report, timed } from "./measure.js";

const [inventory, evidence] = process.argv.slice(2);
if (!inventory || !evidence) {
  process.stderr.write("usage: check-once.ts INVENTORY EVIDENCE\n");
  process.exit(2);
}
const loaded = await timed("load the inventory", () => loadInventory(inventory));
const verdict = await timed("check (evidence read + policies)", () =>
  checkProvince({ loaded, catalogue: bundledCatalogue(), waivers: [], evidenceDir: evidence }),
);
const measured = verdict.requirements.find((r) => (r.measure?.denominator ?? 0) >= 100_000);
report("machines counted (one requirement)", measured?.measure?.denominator ?? 0);
report("peak memory (RSS)", peakMemory());
// The machine may be shared: CPU time says what the check costs whatever else runs.
const cpu = process.cpuUsage();
report("CPU time of this process (user + system)", `${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`);
