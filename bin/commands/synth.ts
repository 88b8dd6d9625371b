import type { Command } from "commander";
import { DEMO_INVENTORY } from "../../model/demo.js";
import { loadInventory } from "../../model/load-inventory.js";
import { assertReplaceable } from "../../model/write-tree.js";
import { action, printJson } from "../cli-kit.js";

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
        const loaded = loadInventory(path);
        assertReplaceable(opts.out, "synth");
        // cdktf is heavy to load: only this command pays for it.
        const [
          { synthToDir },
          { optionsFromEnv },
          { StackInputError },
          { locateStackProblems },
          { flowNotes, alertNotes },
        ] = await Promise.all([
          import("../../stacks/synth.js"),
          import("../../stacks/options.js"),
          import("../../stacks/errors.js"),
          import("../../stacks/locate-problems.js"),
          import("../../stacks/flow-notes.js"),
        ]);
        try {
          const r = synthToDir(loaded.inventory, opts.out, optionsFromEnv(process.env, opts.out));
          for (const note of [
            ...flowNotes(loaded.inventory, r.unmatchedFlows, r.unusedFlows),
            ...alertNotes(loaded.inventory),
          ])
            process.stderr.write(`${note}\n`);
          if (opts.json)
            printJson({
              out: opts.out,
              stacks: r.stacks,
              configFiles: r.configFiles.length,
              unmatchedFlows: r.unmatchedFlows,
              unusedFlows: r.unusedFlows,
            });
          else
            process.stdout.write(
              `synthesized ${r.stacks.length} stacks (${r.stacks.join(", ")}) and ${r.configFiles.length} config files into ${opts.out}\n`,
            );
          return 0;
        } catch (e) {
          if (e instanceof StackInputError) throw locateStackProblems(e.problems, loaded);
          throw e;
        }
      }),
    );
}
