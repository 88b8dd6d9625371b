/** Checking machine evidence from 100,000 machines of the synthetic province (issue 6). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundledCatalogue } from "../../model/load-catalogue.js";
import { loadInventory } from "../../model/load-inventory.js";
import { checkProvince } from "../../policies/check-province.js";
import { peakMemory, report, timed } from "../measure.js";
import { syntheticEvidence, writeEvidence } from "../synthetic-evidence.js";
import { writeSyntheticProvince } from "../synthetic-province.js";

const dir = mkdtempSync(join(tmpdir(), "attt-bench-ev-"));
try {
  // 2,070 schools of the synthetic mix make just over 100,000 machines.
  writeSyntheticProvince(join(dir, "inventory"), { schools: 2070, namedHosts: false });
  const loaded = loadInventory(join(dir, "inventory"));
  const records = await timed("make evidence records", () =>
    syntheticEvidence(loaded.inventory, { failShare: 0.02 }),
  );
  report("machines", records.length);
  await timed("write evidence files", () => writeEvidence(join(dir, "evidence"), records));
  const verdict = await timed("attt check --evidence (load + policies)", () =>
    checkProvince({ loaded, catalogue: bundledCatalogue(), waivers: [], evidenceDir: join(dir, "evidence") }),
  );
  const machineFindings = verdict.findings.filter((f) => f.subject.startsWith("machine ")).length;
  report("machines failing a control", machineFindings);
  report("peak memory (RSS)", peakMemory());
} finally {
  rmSync(dir, { recursive: true, force: true });
}
