/**
 * The cdktf app entry (`npm run synth`, `cdktf synth`):
 *   ATTT_INVENTORY   inventory directory or file (default examples/demo-province)
 *   ATTT_SYNTH_OUT   output directory (default cdktf.out, where cdktf looks)
 * plus the options of stacks/options.ts (ATTT_IMAGE_*, ATTT_CONFIG_DIR, ATTT_SECRETS_DIR,
 * ATTT_DOCKER_HOST ...). Problems in the inventory are printed one a line, exit code 2.
 */
import { resolve } from "node:path";
import { loadInventory } from "../model/load-inventory.js";
import { packageRoot } from "../model/package-root.js";
import { formatProblem, InputError } from "../model/problems.js";
import { StackInputError } from "./errors.js";
import { optionsFromEnv } from "./options.js";
import { synthToDir } from "./synth.js";

function main(): number {
  const inventoryPath = resolve(process.env.ATTT_INVENTORY ?? resolve(packageRoot, "examples/demo-province"));
  const outDir = resolve(process.env.ATTT_SYNTH_OUT ?? process.env.CDKTF_OUTDIR ?? "cdktf.out");
  try {
    const { inventory } = loadInventory(inventoryPath);
    const started = performance.now();
    const result = synthToDir(inventory, outDir, optionsFromEnv());
    const ms = Math.round(performance.now() - started);
    console.log(
      `synthesized ${result.stacks.length} stacks and ${result.configFiles.length} config files into ${result.outDir} (${ms} ms)`,
    );
    for (const i of result.unmatchedFlows) {
      const f = inventory.datacentre.flows[i];
      if (!f) continue;
      console.error(
        `note: datacentre.flows[${i}] (${f.from} -> ${f.to} ${f.proto}/${f.port}) reaches no service or data-centre endpoint: the firewall opens nothing for it`,
      );
    }
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      for (const p of e.problems) console.error(formatProblem(p));
      return 2;
    }
    if (e instanceof StackInputError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
}

process.exitCode = main();
