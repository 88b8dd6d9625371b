import type { Command } from "commander";
import { privateKeyFrom } from "../../baselines/bundle/signing.js";
import { generateBundles } from "../../baselines/generate.js";
import { DEMO_INVENTORY } from "../../model/demo.js";
import { MachineRole } from "../../model/inventory.js";
import { loadInventory } from "../../model/load-inventory.js";
import { assertReplaceable, writeTreeAtomic } from "../../model/write-tree.js";
import { action, printJson, readInputFile, UsageError } from "../cli-kit.js";
import { progressBar } from "../progress.js";

export function registerBaseline(program: Command): void {
  const baseline = program.command("baseline").description("Hardened configurations for school machines.");
  baseline
    .command("generate")
    .description(
      "Write one bundle per unit, OS family and role: GPO backup + PowerShell apply/test/undo for Windows, " +
        "apply.sh/audit.sh/undo.sh for Linux, each with a README (vi/en).",
    )
    .argument("[inventory]", "inventory directory or file", DEMO_INVENTORY)
    .requiredOption("--out <dir>", "output directory (replaced atomically)")
    .option("--unit <id>", "only this unit")
    .option("--role <role>", `only this role (${MachineRole.options.join(", ")})`)
    .option("--os <family>", "only windows or linux")
    .option("--json", "print a machine-readable summary")
    .action(
      action(
        async (
          path: string,
          opts: { out: string; unit?: string; role?: string; os?: string; json?: boolean },
        ) => {
          if (opts.role && !MachineRole.safeParse(opts.role).success) {
            throw new UsageError(
              `--role must be one of ${MachineRole.options.join(", ")}, not "${opts.role}"`,
              `--role phải là một trong ${MachineRole.options.join(", ")}, không phải "${opts.role}"`,
            );
          }
          if (opts.os && opts.os !== "windows" && opts.os !== "linux")
            throw new UsageError(
              `--os must be windows or linux, not "${opts.os}"`,
              `--os phải là windows hoặc linux, không phải "${opts.os}"`,
            );
          const { inventory } = loadInventory(path);
          // An --out that writeTreeAtomic would refuse is refused before every bundle is generated.
          assertReplaceable(opts.out, "baseline generate");
          // Loaded on demand: `attt validate` should not pay for every emitter at start-up.
          const { emitters } = await import("../../baselines/emit/index.js");
          if (opts.unit && !inventory.units.some((u) => u.id === opts.unit))
            throw new UsageError(
              `--unit: no unit "${opts.unit}" in the inventory`,
              `--unit: không có đơn vị "${opts.unit}" trong bản kiểm kê`,
            );
          const filter = {
            unit: opts.unit,
            role: opts.role as MachineRole | undefined,
            os: opts.os as "windows" | "linux" | undefined,
          };
          const total = inventory.units.filter((u) => !opts.unit || u.id === opts.unit).length;
          const bar = progressBar("bundles", total, !opts.json);
          let lastUnit = "";
          const result = generateBundles(inventory, emitters, filter, {
            onBundle: (spec) => {
              if (spec.unit.id !== lastUnit) {
                lastUnit = spec.unit.id;
                bar.increment();
              }
            },
          });
          bar.stop();
          writeTreeAtomic(
            opts.out,
            "baseline generate",
            result.tree,
            new Map([...result.executables].map((p) => [p, 0o755])),
          );
          const summary = {
            out: opts.out,
            bundles: result.bundles.map((b) => b.id),
            files: result.tree.size,
          };
          if (opts.json) printJson(summary);
          else
            process.stdout.write(
              `wrote ${result.bundles.length} bundles (${result.tree.size} files) to ${opts.out}\n`,
            );
          return 0;
        },
      ),
    );

  baseline
    .command("package")
    .description(
      "Write one zip per unit (every role's bundle, a manifest with sha256 of each file, and an Ed25519 signature with --sign-key), " +
        "on every core, atomically; units whose inputs did not change keep their zip.",
    )
    .argument("[inventory]", "inventory directory or file", DEMO_INVENTORY)
    .requiredOption("--out <dir>", "output directory of <unit>.zip files")
    .option(
      "--sign-key <file>",
      "Ed25519 private key (attt keygen); without it the zips are unsigned (sign later with attt sign)",
    )
    .option("--workers <n>", "worker threads (default: one per core)")
    .option("--json", "print a machine-readable summary")
    .action(
      action(
        async (path: string, opts: { out: string; signKey?: string; workers?: string; json?: boolean }) => {
          const workers = opts.workers === undefined ? undefined : Number(opts.workers);
          if (workers !== undefined && (!Number.isInteger(workers) || workers < 1))
            throw new UsageError(
              `--workers must be a whole number >= 1, not "${opts.workers}"`,
              `--workers phải là số nguyên >= 1, không phải "${opts.workers}"`,
            );
          let keyPem: string | undefined;
          if (opts.signKey) {
            keyPem = readInputFile(
              opts.signKey,
              "an Ed25519 private key file (attt keygen writes attt-signing.key)",
              "--sign-key",
            ).toString("utf8");
            try {
              privateKeyFrom(keyPem, opts.signKey);
            } catch (e) {
              throw new UsageError((e as Error).message);
            }
          }
          const { inventory } = loadInventory(path);
          const { buildProvinceBundles } = await import("../../baselines/bundle/build-province.js");
          const bar = progressBar("units", inventory.units.length, !opts.json);
          const r = await buildProvinceBundles({
            inventory,
            outDir: opts.out,
            keyPem,
            workers,
            onUnit: () => bar.increment(),
          });
          bar.stop();
          const summary = {
            out: opts.out,
            units: inventory.units.length,
            rebuilt: r.rebuilt.length,
            unchanged: r.unchanged.length,
            workers: r.workers,
            signed: Boolean(keyPem),
          };
          if (opts.json) printJson(summary);
          else
            process.stdout.write(
              `wrote ${summary.units} unit bundles to ${opts.out}: ${summary.rebuilt} rebuilt on ${summary.workers} workers, ${summary.unchanged} unchanged${keyPem ? ", signed" : ", unsigned"}\n`,
            );
          return 0;
        },
      ),
    );
}
