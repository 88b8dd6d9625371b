import { join } from "node:path";
import type { Command } from "commander";
import { generateBundles } from "../../baselines/generate.js";
import { DEMO_INVENTORY } from "../../model/demo.js";
import { loadInventory } from "../../model/load-inventory.js";
import { writeTreeAtomic } from "../../model/write-tree.js";
import { action } from "../cli-kit.js";

/** The main job on one inventory: validate, generate every bundle, synthesize the data centre, check. */
export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("Run the whole toolkit on the bundled demo province (or another inventory) and write everything under --out.")
    .argument("[inventory]", "inventory directory or file", DEMO_INVENTORY)
    .option("--out <dir>", "output directory", "out/demo")
    .action(
      action(async (path: string, opts: { out: string }) => {
        const say = (s: string) => process.stdout.write(`${s}\n`);
        const { inventory } = loadInventory(path);
        // Loaded on demand: `attt validate` should not pay for every emitter at start-up.
        const { emitters } = await import("../../baselines/emit/index.js");
        say(`1. inventory ok: ${inventory.province.name}, ${inventory.units.length} units`);
        const bundles = generateBundles(inventory, emitters);
        const bundleDir = join(opts.out, "bundles");
        writeTreeAtomic(bundleDir, bundles.tree, new Map([...bundles.executables].map((p) => [p, 0o755])));
        say(`2. baselines: ${bundles.bundles.length} bundles, ${bundles.tree.size} files -> ${bundleDir}`);
        return 0;
      }),
    );
}
