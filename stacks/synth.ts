/**
 * Writes a whole synth output: stacks/<name>/cdk.tf.json (Terraform JSON, one directory
 * per stack), manifest.json, and config/ (the generated service configuration, to be
 * installed on the Docker host at the configDir). Built in a temporary directory beside
 * the target and renamed into place at the end: a failed run leaves the previous output
 * as it was. Same inputs, byte-identical files. What `terraform init` left in each stack's
 * directory (lock file, provider) is carried over (terraform-workdir.ts).
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { outputFsError } from "../model/fs-errors.js";
import type { Inventory } from "../model/inventory.js";
import { stageOutput } from "../model/write-tree.js";
import { assertLiteralTemplates } from "../templates/escape/terraform.js";
import { type AppOptions, buildDatacentre } from "./app.js";
import type { UnusedFlow } from "./datacentre-plan.js";
import { hostScripts, stackImages } from "./host-scripts.js";
import { carryTerraformFiles } from "./terraform-workdir.js";

export interface SynthResult {
  outDir: string;
  stacks: string[];
  configFiles: string[];
  /** Indexes of inventory flows between zones that reach no endpoint (nothing listens there). */
  unmatchedFlows: number[];
  /** Flows the firewall leaves closed toward an endpoint nothing in their source zone uses. */
  unusedFlows: UnusedFlow[];
}

/**
 * Refuses (OutputError) an `outDir` that is a file or a directory attt-kit did not write:
 * a synth must never delete a Terraform state or anything else a user keeps there.
 */
export function synthToDir(
  inventory: Inventory,
  outDir: string,
  options: Omit<AppOptions, "outdir"> = {},
): SynthResult {
  const staging = stageOutput(outDir, "synth");
  const tmp = staging.dir;
  try {
    const built = buildDatacentre(inventory, { ...options, outdir: tmp });
    built.app.synth();
    for (const stack of Object.keys(built.stacks)) {
      const file = join(tmp, "stacks", stack, "cdk.tf.json");
      assertLiteralTemplates(JSON.parse(readFileSync(file, "utf8")), `stacks/${stack}/cdk.tf.json`);
    }
    for (const file of built.files) {
      const path = join(tmp, "config", file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
      chmodSync(path, file.mode); // not subject to umask: the same bits every time
    }
    // config/ is bind-mounted into containers that run as other users: every directory
    // must be searchable whatever the umask of whoever synthesized (077 and 027 are common).
    for (const dir of directoriesUnder(join(tmp, "config"))) chmodSync(dir, 0o755);
    // Beside the stacks: the host's preparation (copied to the Docker host) and the teardown.
    for (const s of hostScripts(built.plan, stackImages(tmp, Object.keys(built.stacks)))) {
      writeFileSync(join(tmp, s.path), s.content);
      chmodSync(join(tmp, s.path), 0o755);
    }
    const putBack = carryTerraformFiles(outDir, tmp, Object.keys(built.stacks));
    try {
      staging.commit();
    } catch (e) {
      putBack();
      throw e;
    }
    return {
      outDir: resolve(outDir),
      stacks: Object.keys(built.stacks),
      configFiles: built.files.map((f) => f.path),
      unmatchedFlows: built.plan.unmatchedFlows,
      unusedFlows: built.plan.unusedFlows,
    };
  } catch (e) {
    staging.discard();
    throw outputFsError(e, outDir);
  }
}

function directoriesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return [
    root,
    ...readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .flatMap((e) => directoriesUnder(join(root, e.name))),
  ];
}
