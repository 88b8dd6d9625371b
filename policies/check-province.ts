/**
 * One check of a province: loads whichever inputs were given, runs every policy
 * that can run, and returns the verdict.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { bundleSpecs } from "../baselines/bundle-spec.js";
import { controlById } from "../baselines/controls/index.js";
import { readFilesUnder } from "../model/fs-errors.js";
import { IsoDate } from "../model/inventory.js";
import type { Catalogue } from "../model/load-catalogue.js";
import { loadEvidence } from "../model/load-evidence.js";
import type { LoadedInventory } from "../model/load-inventory.js";
import { InputError } from "../model/problems.js";
import { loadRecords } from "../model/records.js";
import type { LoadedWaiver } from "../model/waivers.js";
import { isDatabaseUrl } from "../service/database.js";
import { loadEvidenceFromDatabase } from "../service/read-evidence.js";
import { contextOf } from "./context.js";
import { type Inputs, runPolicies, type Verdict } from "./engine.js";
import { periodBetween, reportingPeriod } from "./evidence/reporting-period.js";
import type { SynthStack } from "./inputs.js";
import { bundlesIn } from "./rules/bundles/read-bundles.js";
import { policies } from "./rules/index.js";
import type { Basis } from "./status.js";

export interface CheckOptions {
  loaded: LoadedInventory;
  catalogue: Catalogue;
  waivers: LoadedWaiver[];
  asOf?: string;
  stacksDir?: string;
  bundlesDir?: string;
  /** A directory of evidence files, or the collection service's database (postgres://...). */
  evidenceDir?: string;
  /** The record register (YAML): documents that prove requirements. */
  recordsFile?: string;
  /**
   * The reporting period's first day (attt report --period): machine evidence counts from
   * it to asOf, and records dated after asOf do not count (instead of being errors).
   * Without it, the province's evidencePeriodDays up to asOf.
   */
  periodStart?: string;
}

export async function checkProvince(o: CheckOptions): Promise<Verdict> {
  if (o.asOf !== undefined && !IsoDate.safeParse(o.asOf).success)
    throw new InputError([
      {
        file: "asOf",
        line: 0,
        column: 0,
        path: "",
        expected: "a real calendar date YYYY-MM-DD",
        found: JSON.stringify(o.asOf),
      },
    ]);
  const ctx = contextOf(o.loaded, o.catalogue, o.asOf);
  const inputs: Inputs = { inventory: ctx };
  if (o.evidenceDir) {
    const specs = bundleSpecs(ctx.inventory);
    const known = {
      bundles: new Set(specs.map((b) => b.id)),
      controls: new Set(controlById.keys()),
    };
    // A directory of files, or the collection service's database: the same records, the same verdict.
    const records = isDatabaseUrl(o.evidenceDir)
      ? await loadEvidenceFromDatabase(o.evidenceDir, known)
      : loadEvidence(o.evidenceDir, known);
    const period = o.periodStart
      ? periodBetween(o.periodStart, ctx.asOf)
      : reportingPeriod(ctx.asOf, o.loaded.inventory.province.evidencePeriodDays);
    inputs.evidence = { ...ctx, records, period, specs };
  }
  if (o.stacksDir) inputs.stacks = { ...ctx, ...readStacks(o.stacksDir) };
  if (o.bundlesDir) inputs.bundles = { ...ctx, files: readBundles(o.bundlesDir) };
  const { province } = o.loaded.inventory;
  const records = new Map<string, Basis[]>();
  if (o.recordsFile)
    for (const r of loadRecords(o.recordsFile, {
      catalogue: o.catalogue,
      asOf: ctx.asOf,
      // A report of a period: documents dated after it are not errors, they belong to a later one.
      laterDoNotCount: o.periodStart !== undefined,
    }))
      records.set(r.requirement, [
        ...(records.get(r.requirement) ?? []),
        { input: "records", source: r.location, date: r.date, number: r.number },
      ]);
  return runPolicies({
    policies,
    inputs,
    catalogue: o.catalogue,
    waivers: o.waivers,
    records,
    asOf: ctx.asOf,
    province,
  });
}

/** The IDs a waiver may name: the catalogue's requirements and the policies. */
export function waivableIds(catalogue: Catalogue): Set<string> {
  return new Set([...catalogue.requirements.keys(), ...policies.map((p) => p.id)]);
}

/** Every file under a directory, by relative path. */
export function readTree(dir: string): Map<string, Uint8Array> {
  requireDirectory(dir, "a directory");
  // Symbolic link loops, dangling links and unreadable entries are bad input naming the entry.
  return readFilesUnder(dir);
}

/** Bad input (exit 2) unless `dir` is a directory: says what is there instead. */
function requireDirectory(dir: string, expected: string): void {
  const kind = kindOf(dir);
  if (kind === "directory") return;
  const found = kind === "file" ? "a file" : "nothing at that path";
  throw new InputError([{ file: dir, line: 0, column: 0, path: "", expected, found }]);
}

function kindOf(p: string): "directory" | "file" | "nothing" {
  try {
    return statSync(p).isDirectory() ? "directory" : "file";
  } catch {
    return "nothing";
  }
}

const BUNDLES_EXPECTED =
  "the output of attt baseline generate (<unit>/<windows|linux>-<role>/ bundle folders)";

/**
 * The output of `attt baseline generate`: every file by path. A directory that holds no
 * bundle at all (empty, an inventory, one unit's folder, the packaged zips) is bad input:
 * checking it would pass every bundle requirement on nothing.
 */
export function readBundles(dir: string): Map<string, Uint8Array> {
  requireDirectory(dir, BUNDLES_EXPECTED);
  const files = readTree(dir);
  if (bundlesIn(files).length > 0) return files;
  // The output marker (.attt-output) alone does not make a bundles directory.
  const paths = [...files.keys()].filter((p) => !p.split("/").some((s) => s.startsWith(".")));
  let found: string;
  if (paths.length === 0) found = "an empty directory";
  else {
    found = `${paths.length} file(s), none in a bundle folder (e.g. ${paths[0]})`;
    if (paths.some((p) => /^(windows|linux)-[a-z]+\//.test(p)))
      found += `; this looks like one unit's folder: pass the directory above it (${dirname(dir)})`;
    else if (paths.some((p) => p.endsWith(".zip")))
      found +=
        "; these are packaged zips (attt baseline package): check reads the unpacked output of attt baseline generate";
    else if (paths.some((p) => /\.ya?ml$/.test(p))) found += "; this looks like an inventory, not bundles";
  }
  throw new InputError([{ file: dir, line: 0, column: 0, path: "", expected: BUNDLES_EXPECTED, found }]);
}

const SYNTH_EXPECTED =
  "the output of attt synth --out DIR (manifest.json, stacks/<name>/cdk.tf.json, config/)";

/** What is missing from a directory for it to be a synth output (nothing when it is one). */
function synthLayoutGaps(dir: string): string[] {
  const gaps: string[] = [];
  if (kindOf(join(dir, "manifest.json")) !== "file") gaps.push("no manifest.json");
  const stacks = join(dir, "stacks");
  const hasStack =
    kindOf(stacks) === "directory" &&
    readdirSync(stacks).some((n) => kindOf(join(stacks, n, "cdk.tf.json")) === "file");
  if (!hasStack) gaps.push("no stacks/<name>/cdk.tf.json");
  if (kindOf(join(dir, "config")) !== "directory") gaps.push("no config/");
  return gaps;
}

/** The nearest directory above `p` that is a synth output, written as the user wrote `p`. */
function synthAbove(p: string): string | undefined {
  let dir = resolve(p);
  for (let i = 0; i < 4; i++) {
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
    if (kindOf(dir) === "directory" && synthLayoutGaps(dir).length === 0)
      return isAbsolute(p) ? dir : relative(process.cwd(), dir) || ".";
  }
  return undefined;
}

/**
 * A synth output: manifest.json naming each stack, stacks/<name>/cdk.tf.json, and the
 * generated config files under config/. Anything else (a stacks/ subfolder, a file, some
 * other directory) is refused: the stacks policies would read a part of it and give a
 * different verdict.
 */
export function readStacks(dir: string): {
  stacks: Map<string, SynthStack>;
  configFiles: Map<string, string>;
} {
  const problem = (found: string, file = dir) =>
    new InputError([{ file, line: 0, column: 0, path: "", expected: SYNTH_EXPECTED, found }]);
  const kind = kindOf(dir);
  const hint = () => {
    const above = synthAbove(dir);
    if (!above) return "";
    return resolve(above) === dirname(resolve(dir)) && basename(resolve(dir)) === "stacks"
      ? `; this is the stacks/ folder of a synth output: pass its parent, ${above}`
      : `; did you mean ${above}? (the directory holding manifest.json, stacks/ and config/)`;
  };
  if (kind === "nothing") throw problem(`nothing at that path${hint()}`);
  if (kind === "file") throw problem(`a file${hint()}`);
  const gaps = synthLayoutGaps(dir);
  if (gaps.length) {
    // Say what the directory does hold when it is part of a synth output.
    const inner = readdirSync(dir)
      .filter((n) => kindOf(join(dir, n, "cdk.tf.json")) === "file")
      .sort();
    const holds =
      kindOf(join(dir, "cdk.tf.json")) === "file"
        ? "one stack's folder (cdk.tf.json)"
        : inner.length
          ? `a folder of ${inner.length} stack(s) (${inner.map((n) => `${n}/cdk.tf.json`).join(", ")})`
          : "a directory";
    throw problem(`${holds} with ${gaps.join(", ")}${hint()}`);
  }

  let names: string[];
  try {
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { stacks?: unknown };
    if (!manifest.stacks || typeof manifest.stacks !== "object") throw new Error("no stacks object");
    names = Object.keys(manifest.stacks).sort();
  } catch (e) {
    throw problem(
      `a manifest.json that does not list stacks (${(e as Error).message})`,
      join(dir, "manifest.json"),
    );
  }
  const stacks = new Map<string, SynthStack>();
  const configFiles = new Map<string, string>();
  for (const [rel, bytes] of readTree(dir)) {
    const text = Buffer.from(bytes).toString("utf8");
    const stack = /^stacks\/([^/]+)\/cdk\.tf\.json$/.exec(rel)?.[1];
    if (stack) {
      try {
        stacks.set(stack, JSON.parse(text) as SynthStack);
      } catch (e) {
        throw new InputError([
          {
            file: join(dir, rel),
            line: 0,
            column: 0,
            path: "",
            expected: "a cdk.tf.json file",
            found: `invalid JSON (${(e as Error).message})`,
          },
        ]);
      }
    } else configFiles.set(rel, text);
  }
  const missing = names.filter((n) => !stacks.has(n));
  if (missing.length || names.length === 0)
    throw problem(
      names.length === 0
        ? "a manifest.json naming no stack"
        : `manifest.json names ${missing.map((n) => `stacks/${n}/cdk.tf.json`).join(", ")}, which is not there`,
    );
  return { stacks, configFiles };
}
