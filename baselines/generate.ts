/**
 * Generates every bundle of a province: for each (unit, OS family, role) the OS
 * emitter's files, under <out>/<unit>/<family>-<role>/. Pure: returns the file tree;
 * the caller writes it atomically.
 */
import { createHash } from "node:crypto";
import type { Inventory } from "../model/inventory.js";
import { GENERATOR } from "../model/version.js";
import type { FileTree } from "../model/write-tree.js";
import { type BundleFilter, type BundleSpec, bundleSpecs } from "./bundle-spec.js";
import type { OsFamily } from "./control.js";
import type { Emitter } from "./emit/emitter.js";
import { linuxLeaverScripts } from "./emit/linux/leavers.js";
import { leaversFolderReadme, UNIT_README } from "./emit/unit-readme.js";
import { LEAVERS_DIR, leaverScripts } from "./emit/windows/leavers.js";
import { settingsJsonOf } from "./settings-json.js";

export interface GeneratedBundles {
  tree: FileTree;
  executables: Set<string>;
  bundles: BundleSpec[];
}

export { NOT_MACHINE_SETTINGS } from "./settings-json.js";

/**
 * The settings hash of a bundle: what an audit's evidence says it checked. It covers
 * every setting the bundle applies or checks on the machine, and nothing else (not the
 * bundle's files, not NOT_MACHINE_SETTINGS), so evidence stays current for as long as
 * the machine's settings are the inventory's.
 *
 * The bytes hashed are digest({ id, controls: [{ id, settings }] }) of the filtered
 * settings, fed piece by piece: a check hashes every bundle of the province (thousands),
 * and each control's JSON is written once for all the bundles that share its settings.
 */
export function bundleHash(spec: BundleSpec): string {
  const hash = createHash("sha256").update(`{"id":${JSON.stringify(spec.id)},"controls":[`);
  spec.controls.forEach((c, i) => {
    hash.update(`${i > 0 ? "," : ""}{"id":${JSON.stringify(c.control.id)},"settings":`);
    hash.update(settingsJsonOf(c.settings)).update("}");
  });
  return hash.update("]}").digest("hex");
}

export function generateBundles(
  inventory: Inventory,
  emitters: Record<OsFamily, Emitter>,
  filter: BundleFilter = {},
  options: { onBundle?: (spec: BundleSpec) => void; leavers?: boolean } = {},
): GeneratedBundles {
  const tree: FileTree = new Map();
  const executables = new Set<string>();
  const specs = bundleSpecs(inventory, filter);
  const generatedAt = `${inventory.province.asOf}T00:00:00+07:00`;
  for (const spec of specs) {
    const out = emitters[spec.os](spec, { generator: GENERATOR, generatedAt, bundleHash: bundleHash(spec) });
    for (const [rel, content] of out.files) tree.set(`${spec.id}/${rel}`, content);
    for (const rel of out.executables) executables.add(`${spec.id}/${rel}`);
    options.onBundle?.(spec);
  }
  // The leavers' account scripts sit beside the unit folders (whole province, and per unit).
  if (options.leavers !== false && !filter.role && !filter.os) {
    for (const [path, script] of leaverScripts(inventory)) {
      if (!filter.unit || path.startsWith(`${LEAVERS_DIR}/${filter.unit}/`)) tree.set(path, script);
    }
    for (const [path, script] of linuxLeaverScripts(inventory)) {
      if (filter.unit && !path.startsWith(`${LEAVERS_DIR}/${filter.unit}/`)) continue;
      tree.set(path, script);
      executables.add(path);
    }
    // Each unit's leavers' folder says what its scripts do and how to try them first.
    const folders = new Map<string, string[]>();
    for (const path of tree.keys()) {
      const m = new RegExp(`^${LEAVERS_DIR}/([^/]+)/([^/]+)$`).exec(path);
      if (m?.[1] && m[2]) folders.set(m[1], [...(folders.get(m[1]) ?? []), m[2]]);
    }
    for (const [unitId, paths] of folders) {
      const unit = inventory.units.find((u) => u.id === unitId);
      tree.set(
        `${LEAVERS_DIR}/${unitId}/${UNIT_README}`,
        leaversFolderReadme({ unitId, unitName: unit?.name ?? unitId, paths }),
      );
    }
  }
  return { tree, executables, bundles: specs };
}
