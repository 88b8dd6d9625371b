import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { generateKeys } from "../../baselines/bundle/signing.js";
import { generateBundles } from "../../baselines/generate.js";
import { DEMO_INVENTORY, DEMO_RECORDS } from "../../model/demo.js";
import { bundledCatalogue } from "../../model/load-catalogue.js";
import { type LoadedInventory, loadInventory } from "../../model/load-inventory.js";
import { OUTPUT_MARKER, stageOutput, writeTreeAtomic } from "../../model/write-tree.js";
import { checkProvince } from "../../policies/check-province.js";
import { consoleReport } from "../../policies/report/console.js";
import { renderReports } from "../../policies/report/index.js";
import { assertDatacentreBuildable } from "../../stacks/locate-problems.js";
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
    .option(
      "--records <file>",
      "record register YAML (default: the demo's own register, for the bundled demo province only)",
    )
    .action(
      action(async (path: string, opts: { out: string; records?: string }) => {
        const say = (s: string) => process.stdout.write(`${s}\n`);
        const loaded = loadInventory(path);
        assertDatacentreBuildable(loaded);
        // Everything is written in one staging directory beside --out and swapped in at the end:
        // --out is checked before anything is written, and a failure leaves it as it was.
        const stage = stageOutput(opts.out, "demo", { accept: isEarlierDemoOutput });
        try {
          const records = opts.records ?? (path === DEMO_INVENTORY ? DEMO_RECORDS : undefined);
          await runDemo(say, loaded, opts.out, stage.dir, records);
          stage.commit();
        } catch (e) {
          stage.discard();
          throw e;
        }
        // The demo province fails on purpose (its deliberate violations): the demo itself succeeded.
        return 0;
      }),
    );
}

/** Writes the demo output into `dir` (the staging directory); messages name the final paths under `out`. */
async function runDemo(
  say: (s: string) => void,
  loaded: LoadedInventory,
  out: string,
  dir: string,
  recordsFile: string | undefined,
): Promise<void> {
  const { inventory } = loaded;
  const machines = inventory.units.reduce((n, u) => n + u.machines.reduce((m, g) => m + g.count, 0), 0);
  say(
    `1. inventory: ${inventory.province.name}: ${inventory.units.length} units, ${machines} machines, ${inventory.systems.length} systems`,
  );

  const { emitters } = await import("../../baselines/emit/index.js");
  const bundles = generateBundles(inventory, emitters);
  const bundleDir = join(dir, "bundles");
  // Each part is marked as the output of the command that writes it alone (bundles/: attt baseline generate ...).
  writeTreeAtomic(
    bundleDir,
    "baseline generate",
    bundles.tree,
    new Map([...bundles.executables].map((p) => [p, 0o755])),
  );
  say(
    `2. baselines: ${bundles.bundles.length} bundles (GPO + PowerShell, shell) -> ${join(out, "bundles")}/`,
  );

  // A demo signing key, made once (kept from the previous output); a real Department keeps
  // its key offline (attt keygen).
  const keyDir = join(dir, "keys");
  const keyFile = join(keyDir, "attt-signing.key");
  mkdirSync(keyDir, { recursive: true });
  const previousKey = join(out, "keys", "attt-signing.key");
  const previousPub = join(out, "keys", "attt-signing.pub");
  if (existsSync(previousKey) && existsSync(previousPub)) {
    writeFileSync(keyFile, readFileSync(previousKey), { mode: 0o600 });
    writeFileSync(join(keyDir, "attt-signing.pub"), readFileSync(previousPub));
  } else {
    const keys = generateKeys();
    writeFileSync(keyFile, keys.privatePem, { mode: 0o600 });
    writeFileSync(join(keyDir, "attt-signing.pub"), keys.publicPem);
  }
  const { buildProvinceBundles } = await import("../../baselines/bundle/build-province.js");
  const zips = join(dir, "zips");
  // The previous zips, hard-linked in: units whose inputs did not change are not rebuilt.
  carryOver(join(out, "zips"), zips);
  const packaged = await buildProvinceBundles({
    inventory,
    outDir: zips,
    keyPem: readFileSync(keyFile, "utf8"),
  });
  say(
    `3. signed zips: ${inventory.units.length} units (${packaged.rebuilt.length} rebuilt) -> ${join(out, "zips")}/ (verify: attt verify <zip> --key ${join(out, "keys", "attt-signing.pub")})`,
  );

  const { synthToDir } = await import("../../stacks/synth.js");
  const stacksDir = join(dir, "datacentre");
  const synth = synthToDir(inventory, stacksDir);
  say(
    `4. data centre: ${synth.stacks.length} stacks (${synth.stacks.join(", ")}), ${synth.configFiles.length} config files -> ${join(out, "datacentre")}/`,
  );

  const catalogue = bundledCatalogue();
  const verdict = await checkProvince({
    loaded,
    catalogue,
    waivers: [],
    stacksDir,
    bundlesDir: bundleDir,
    ...(recordsFile ? { recordsFile } : {}),
  });
  const names = new Map(inventory.units.map((u) => [u.id, u.name]));
  const reports = join(dir, "reports");
  const tree = renderReports(
    verdict,
    catalogue,
    ["json", "junit", "sarif", "markdown", "html"],
    "vi",
    names,
    inventory,
  );
  for (const [p, c] of renderReports(verdict, catalogue, ["markdown", "html"], "en", names, inventory))
    tree.set(p, c);
  writeTreeAtomic(reports, "check", tree);
  say(`5. verdict against the plans -> ${join(out, "reports")}/ (${[...tree.keys()].sort().join(", ")})\n`);
  // The summary in Vietnamese, like attt check's default (report.en.* has the English).
  process.stdout.write(consoleReport(verdict, { lang: "vi" }));
  say(
    "\nThe demo province fails on purpose: its deliberate violations (marked # DEMO VIOLATION in examples/demo-province)" +
      " are among the findings above. attt check exits 1 on a failing verdict; attt demo exits 0 because the demo itself ran." +
      "\nMachine evidence is not part of the demo: run Test-Baseline.ps1 / audit.sh on the machines, then attt check --evidence DIR.",
  );
}

const DEMO_PARTS = ["bundles", "zips", "keys", "datacentre", "reports"];
const DEMO_KEYS = ["attt-signing.key", "attt-signing.pub"];

/**
 * The output of an earlier demo, written before the demo marked its top directory:
 * only its own parts, each written by attt-kit (keys/ holding only the demo key).
 */
function isEarlierDemoOutput(dir: string): boolean {
  try {
    return readdirSync(dir).every((name) => {
      const part = join(dir, name);
      if (!DEMO_PARTS.includes(name) || !statSync(part).isDirectory()) return false;
      const entries = readdirSync(part);
      return name === "keys" ? entries.every((k) => DEMO_KEYS.includes(k)) : entries.includes(OUTPUT_MARKER);
    });
  } catch {
    return false;
  }
}

/** Hard-links (or copies) the files of a previous attt-kit output directory into `to`; best effort. */
function carryOver(from: string, to: string): void {
  try {
    if (!readdirSync(from).includes(OUTPUT_MARKER)) return;
    mkdirSync(to, { recursive: true });
    for (const d of readdirSync(from, { withFileTypes: true })) {
      if (!d.isFile()) continue;
      try {
        linkSync(join(from, d.name), join(to, d.name));
      } catch {
        copyFileSync(join(from, d.name), join(to, d.name));
      }
    }
  } catch {
    // nothing to carry over: every unit is built
  }
}
