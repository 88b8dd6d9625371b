/**
 * One check of a province: loads whichever inputs were given, runs every policy
 * that can run, and returns the verdict.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { bundleSpecs } from "../baselines/bundle-spec.js";
import { controlById } from "../baselines/controls/index.js";
import type { Catalogue } from "../model/load-catalogue.js";
import { loadEvidence } from "../model/load-evidence.js";
import type { LoadedInventory } from "../model/load-inventory.js";
import { InputError } from "../model/problems.js";
import type { LoadedWaiver } from "../model/waivers.js";
import { contextOf } from "./context.js";
import { type Inputs, runPolicies, type Verdict } from "./engine.js";
import type { SynthStack } from "./inputs.js";
import { policies } from "./rules/index.js";

export interface CheckOptions {
  loaded: LoadedInventory;
  catalogue: Catalogue;
  waivers: LoadedWaiver[];
  asOf?: string;
  stacksDir?: string;
  bundlesDir?: string;
  evidenceDir?: string;
}

export async function checkProvince(o: CheckOptions): Promise<Verdict> {
  const ctx = contextOf(o.loaded, o.catalogue, o.asOf);
  const inputs: Inputs = { inventory: ctx };
  if (o.evidenceDir) {
    const known = {
      bundles: new Set(bundleSpecs(ctx.inventory).map((b) => b.id)),
      controls: new Set(controlById.keys()),
    };
    inputs.evidence = { ...ctx, records: loadEvidence(o.evidenceDir, known) };
  }
  if (o.stacksDir) inputs.stacks = { ...ctx, ...readStacks(o.stacksDir) };
  if (o.bundlesDir) inputs.bundles = { ...ctx, files: readTree(o.bundlesDir) };
  const { province } = o.loaded.inventory;
  return runPolicies({
    policies,
    inputs,
    catalogue: o.catalogue,
    waivers: o.waivers,
    asOf: ctx.asOf,
    province,
  });
}

/** Every file under a directory, by relative path. */
export function readTree(dir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  if (!statSafe(dir))
    throw new InputError([
      { file: dir, line: 0, column: 0, path: "", expected: "a directory", found: "nothing at that path" },
    ]);
  for (const name of readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const full = join(dir, name);
    if (statSync(full).isFile()) files.set(relative(dir, full).split("\\").join("/"), readFileSync(full));
  }
  return files;
}

function statSafe(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A synth output: stacks/<name>/cdk.tf.json, plus the generated config files beside them. */
export function readStacks(dir: string): {
  stacks: Map<string, SynthStack>;
  configFiles: Map<string, string>;
} {
  const stacks = new Map<string, SynthStack>();
  const configFiles = new Map<string, string>();
  for (const [rel, bytes] of readTree(dir)) {
    const text = Buffer.from(bytes).toString("utf8");
    if (rel.endsWith("cdk.tf.json")) {
      try {
        stacks.set(rel.split("/").slice(-2, -1)[0] ?? rel, JSON.parse(text) as SynthStack);
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
  if (stacks.size === 0)
    throw new InputError([
      {
        file: dir,
        line: 0,
        column: 0,
        path: "",
        expected: "synthesized stacks (*/cdk.tf.json)",
        found: "none",
      },
    ]);
  return { stacks, configFiles };
}
