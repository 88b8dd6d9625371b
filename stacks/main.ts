/**
 * The cdktf app entry (`npm run synth`, `cdktf synth`):
 *   ATTT_INVENTORY   inventory directory or file (default examples/demo-province)
 *   ATTT_SYNTH_OUT   output directory (default cdktf.out, where cdktf looks)
 * plus the options of stacks/options.ts (ATTT_IMAGE_*, ATTT_CONFIG_DIR, ATTT_SECRETS_DIR,
 * ATTT_DOCKER_HOST ...). Problems in the inventory are printed one a line, exit code 2.
 */
import { resolve } from "node:path";
import { reportError } from "../bin/cli-kit.js";
import { type LoadedInventory, loadInventory } from "../model/load-inventory.js";
import { packageRoot } from "../model/package-root.js";
import { InputError } from "../model/problems.js";
import { OutputError } from "../model/write-tree.js";
import { StackInputError } from "./errors.js";
import { alertNotes, flowNotes } from "./flow-notes.js";
import { locateStackProblems } from "./locate-problems.js";
import { optionsFromEnv } from "./options.js";
import { synthToDir } from "./synth.js";

function main(): number {
  const inventoryPath = resolve(process.env.ATTT_INVENTORY ?? resolve(packageRoot, "examples/demo-province"));
  const outDir = resolve(process.env.ATTT_SYNTH_OUT ?? process.env.CDKTF_OUTDIR ?? "cdktf.out");
  let loaded: LoadedInventory | undefined;
  try {
    loaded = loadInventory(inventoryPath);
    const { inventory } = loaded;
    const started = performance.now();
    const result = synthToDir(inventory, outDir, optionsFromEnv(process.env, outDir));
    const ms = Math.round(performance.now() - started);
    console.log(
      `synthesized ${result.stacks.length} stacks and ${result.configFiles.length} config files into ${result.outDir} (${ms} ms)`,
    );
    for (const note of [
      ...flowNotes(inventory, result.unmatchedFlows, result.unusedFlows),
      ...alertNotes(inventory),
    ])
      console.error(note);
    return 0;
  } catch (e) {
    // Printed as `attt synth` prints them: Vietnamese first, then English; exit 2.
    if (e instanceof InputError || e instanceof OutputError) return reportError(e);
    if (e instanceof StackInputError && loaded)
      return reportError(new InputError(locateStackProblems(e.problems, loaded).problems));
    throw e;
  }
}

process.exitCode = main();
