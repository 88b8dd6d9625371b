import type { Command } from "commander";
import { DEMO_INVENTORY } from "../../model/demo.js";
import { loadInventory } from "../../model/load-inventory.js";
import { assertReplaceable } from "../../model/write-tree.js";
import { action, printJson, UsageError } from "../cli-kit.js";

export function registerSynth(program: Command): void {
  program
    .command("synth")
    .description(
      "Synthesize the provincial data centre (cdktf, Docker provider): stacks/<name>/cdk.tf.json for Terraform, " +
        "config/ (firewall rules, backup scripts, Prometheus, log relay) to install on the Docker host. See stacks/README.md.",
    )
    .argument("[inventory]", "inventory directory or file", DEMO_INVENTORY)
    .requiredOption("--out <dir>", "output directory (replaced atomically)")
    .option("--json", "print a machine-readable summary")
    .action(
      action(async (path: string, opts: { out: string; json?: boolean }) => {
        const { inventory } = loadInventory(path);
        assertReplaceable(opts.out);
        // cdktf is heavy to load: only this command pays for it.
        const [{ synthToDir }, { optionsFromEnv }, { StackInputError }] = await Promise.all([
          import("../../stacks/synth.js"),
          import("../../stacks/options.js"),
          import("../../stacks/errors.js"),
        ]);
        try {
          const r = synthToDir(inventory, opts.out, optionsFromEnv());
          if (opts.json) printJson({ out: opts.out, stacks: r.stacks, configFiles: r.configFiles.length });
          else
            process.stdout.write(
              `synthesized ${r.stacks.length} stacks (${r.stacks.join(", ")}) and ${r.configFiles.length} config files into ${opts.out}\n`,
            );
          return 0;
        } catch (e) {
          if (e instanceof StackInputError) throw new UsageError(e.message);
          throw e;
        }
      }),
    );
}
