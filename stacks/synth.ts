/**
 * Writes a whole synth output: stacks/<name>/cdk.tf.json (Terraform JSON, one directory
 * per stack), manifest.json, and config/ (the generated service configuration, to be
 * installed on the Docker host at the configDir). Built in a temporary directory beside
 * the target and renamed into place at the end: a failed run leaves the previous output
 * as it was. Same inputs, byte-identical files.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Inventory } from "../model/inventory.js";
import { type AppOptions, buildDatacentre } from "./app.js";

export interface SynthResult {
  outDir: string;
  stacks: string[];
  configFiles: string[];
  /** Indexes of inventory flows between zones that reach no endpoint (nothing listens there). */
  unmatchedFlows: number[];
}

export function synthToDir(
  inventory: Inventory,
  outDir: string,
  options: Omit<AppOptions, "outdir"> = {},
): SynthResult {
  const target = resolve(outDir);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const tmp = mkdtempSync(join(parent, `.${basename(target)}.tmp-`));
  try {
    const built = buildDatacentre(inventory, { ...options, outdir: tmp });
    built.app.synth();
    for (const file of built.files) {
      const path = join(tmp, "config", file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
      chmodSync(path, file.mode); // not subject to umask: the same bits every time
    }
    swapInto(tmp, target);
    return {
      outDir: target,
      stacks: Object.keys(built.stacks),
      configFiles: built.files.map((f) => f.path),
      unmatchedFlows: built.plan.unmatchedFlows,
    };
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** Replaces `target` by `fresh`; the old output is removed only once the new one is in place. */
function swapInto(fresh: string, target: string): void {
  if (!existsSync(target)) {
    renameSync(fresh, target);
    return;
  }
  const old = `${fresh}.old`;
  renameSync(target, old);
  try {
    renameSync(fresh, target);
  } catch (e) {
    renameSync(old, target);
    throw e;
  }
  rmSync(old, { recursive: true, force: true });
}
