/**
 * One unit's signed zip: every role bundle of the unit under <family>-<role>/, the
 * extra files (leavers' scripts), the verifiers a school runs without attt-kit, and a
 * README.md listing it all at the top, the
 * manifest, and the Ed25519 signature over the manifest. Pure given its inputs.
 */
import type { KeyObject } from "node:crypto";
import type { Inventory } from "../../model/inventory.js";
import { GENERATOR } from "../../model/version.js";
import { digest } from "../bundle-spec.js";
import type { OsFamily } from "../control.js";
import type { Emitter } from "../emit/emitter.js";
import { UNIT_README, unitZipReadme } from "../emit/unit-readme.js";
import { SH_VERIFIER, verifierFiles } from "../emit/verifiers.js";
import { generateBundles } from "../generate.js";
import { buildManifest, MANIFEST, SIGNATURE } from "./manifest.js";
import { signBytes } from "./signing.js";
import { zipFiles } from "./zip.js";

/**
 * What a unit's bundle depends on: the unit, its people, the province-wide settings the
 * controls read, and the toolkit itself. Another unit's change leaves this hash alone,
 * which is what lets a regeneration rewrite only the units that changed.
 */
export function unitInputHash(inventory: Inventory, unitId: string, toolkitFingerprint: string): string {
  const unit = inventory.units.find((u) => u.id === unitId);
  return digest({
    generator: GENERATOR,
    toolkit: toolkitFingerprint,
    province: inventory.province,
    datacentre: { monitoring: inventory.datacentre.monitoring },
    unit,
    staff: inventory.staff.filter((p) => p.unit === unitId),
  });
}

export function unitZip(args: {
  inventory: Inventory;
  unit: string;
  emitters: Record<OsFamily, Emitter>;
  inputHash: string;
  key?: KeyObject;
  extraFiles?: Map<string, string>;
  /** Which of extraFiles are executable (scripts). */
  extraExecutables?: ReadonlySet<string>;
}): Uint8Array {
  // The unit's own leavers' script comes from extraFiles: generating the province's here would cost O(units) per unit.
  const generated = generateBundles(args.inventory, args.emitters, { unit: args.unit }, { leavers: false });
  const prefix = `${args.unit}/`;
  const files = new Map<string, string | Uint8Array>();
  const executables = new Set<string>();
  for (const [path, content] of generated.tree)
    if (path.startsWith(prefix)) files.set(path.slice(prefix.length), content);
  for (const path of generated.executables) executables.add(path.slice(prefix.length));
  for (const [path, content] of args.extraFiles ?? []) {
    files.set(path, content);
    if (args.extraExecutables?.has(path)) executables.add(path);
  }
  for (const [path, content] of verifierFiles()) files.set(path, content);
  executables.add(SH_VERIFIER);
  const unit = args.inventory.units.find((u) => u.id === args.unit);
  files.set(
    UNIT_README,
    unitZipReadme({
      unitId: args.unit,
      unitName: unit?.name ?? args.unit,
      specs: generated.bundles,
      paths: files.keys(),
    }),
  );
  const manifest = buildManifest(args.unit, GENERATOR, args.inputHash, files, executables);
  files.set(MANIFEST, manifest);
  if (args.key) files.set(SIGNATURE, signBytes(Buffer.from(manifest, "utf8"), args.key));
  return zipFiles(files, executables);
}
