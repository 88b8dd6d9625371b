import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { generateKeys } from "../../baselines/bundle/signing.js";
import { generateBundles } from "../../baselines/generate.js";
import { DEMO_INVENTORY } from "../../model/demo.js";
import { bundledCatalogue } from "../../model/load-catalogue.js";
import { loadInventory } from "../../model/load-inventory.js";
import { writeTreeAtomic } from "../../model/write-tree.js";
import { checkProvince } from "../../policies/check-province.js";
import { consoleReport } from "../../policies/report/console.js";
import { renderReports } from "../../policies/report/index.js";
import { action } from "../cli-kit.js";

/**
 * The main job on one inventory, as a Department would run it before a progress report:
 * validate, generate every school bundle and the signed per-unit zips, synthesize the data
 * centre, then check everything against the plans and write the reports.
 */
export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description(
      "Run the whole toolkit on the bundled demo province (or another inventory) and write everything under --out.",
    )
    .argument("[inventory]", "inventory directory or file", DEMO_INVENTORY)
    .option("--out <dir>", "output directory", join("out", "demo"))
    .action(
      action(async (path: string, opts: { out: string }) => {
        const say = (s: string) => process.stdout.write(`${s}\n`);
        const loaded = loadInventory(path);
        const { inventory } = loaded;
        const machines = inventory.units.reduce((n, u) => n + u.machines.reduce((m, g) => m + g.count, 0), 0);
        say(
          `1. inventory: ${inventory.province.name}: ${inventory.units.length} units, ${machines} machines, ${inventory.systems.length} systems`,
        );

        const { emitters } = await import("../../baselines/emit/index.js");
        const bundles = generateBundles(inventory, emitters);
        const bundleDir = join(opts.out, "bundles");
        writeTreeAtomic(bundleDir, bundles.tree, new Map([...bundles.executables].map((p) => [p, 0o755])));
        say(`2. baselines: ${bundles.bundles.length} bundles (GPO + PowerShell, shell) -> ${bundleDir}/`);

        // A demo signing key, made once; a real Department keeps its key offline (attt keygen).
        const keyDir = join(opts.out, "keys");
        const keyFile = join(keyDir, "attt-signing.key");
        if (!existsSync(keyFile)) {
          mkdirSync(keyDir, { recursive: true });
          const keys = generateKeys();
          writeFileSync(keyFile, keys.privatePem, { mode: 0o600 });
          writeFileSync(join(keyDir, "attt-signing.pub"), keys.publicPem);
        }
        const { buildProvinceBundles } = await import("../../baselines/bundle/build-province.js");
        const zips = join(opts.out, "zips");
        const packaged = await buildProvinceBundles({
          inventory,
          outDir: zips,
          keyPem: readFileSync(keyFile, "utf8"),
        });
        say(
          `3. signed zips: ${inventory.units.length} units (${packaged.rebuilt.length} rebuilt) -> ${zips}/ (verify: attt verify <zip> --key ${join(keyDir, "attt-signing.pub")})`,
        );

        const { synthToDir } = await import("../../stacks/synth.js");
        const stacksDir = join(opts.out, "datacentre");
        const synth = synthToDir(inventory, stacksDir);
        say(
          `4. data centre: ${synth.stacks.length} stacks (${synth.stacks.join(", ")}), ${synth.configFiles.length} config files -> ${stacksDir}/`,
        );

        const catalogue = bundledCatalogue();
        const verdict = await checkProvince({
          loaded,
          catalogue,
          waivers: [],
          stacksDir,
          bundlesDir: bundleDir,
        });
        const names = new Map(inventory.units.map((u) => [u.id, u.name]));
        const reports = join(opts.out, "reports");
        const tree = renderReports(
          verdict,
          catalogue,
          ["json", "junit", "sarif", "markdown", "html"],
          "vi",
          names,
        );
        for (const [p, c] of renderReports(verdict, catalogue, ["markdown", "html"], "en", names))
          tree.set(p, c);
        writeTreeAtomic(reports, tree);
        say(
          `5. verdict against the plans -> ${reports}/ (report.vi.html, report.en.html, junit.xml, attt.sarif, verdict.json)\n`,
        );
        process.stdout.write(consoleReport(verdict));
        say(
          "\nMachine evidence is not part of the demo: run Test-Baseline.ps1 / audit.sh on the machines, then attt check --evidence DIR.",
        );
        // The demo province fails on purpose (its deliberate violations): the demo itself succeeded.
        return 0;
      }),
    );
}
