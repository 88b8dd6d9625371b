/**
 * What the bundle policies read out of generated bundles: the Windows GPO files
 * (decoded with the toolkit's own readers) and the Linux files, per bundle folder.
 * The policies check the artefacts a school will receive, not the controls that made them.
 */
import { decodeGptTmpl } from "../../../baselines/emit/windows/gpttmpl-inf.js";
import { decodeRegistryPol, type PolEntry } from "../../../baselines/emit/windows/registry-pol.js";

export interface BundleView {
  /** "<unit>/<os>-<role>" */
  id: string;
  unit: string;
  os: "windows" | "linux";
  role: string;
  files: Map<string, Uint8Array>;
}

export function bundlesIn(files: Map<string, Uint8Array>): BundleView[] {
  const byId = new Map<string, BundleView>();
  for (const [path, bytes] of files) {
    const m = /^([^/]+)\/(windows|linux)-([a-z]+)\/(.+)$/.exec(path);
    if (!m) continue;
    const [, unit, os, role, rest] = m as unknown as [string, string, "windows" | "linux", string, string];
    const id = `${unit}/${os}-${role}`;
    const view = byId.get(id) ?? { id, unit, os, role, files: new Map() };
    view.files.set(rest, bytes);
    byId.set(id, view);
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

const find = (b: BundleView, suffix: string): Uint8Array | undefined =>
  [...b.files].find(([p]) => p.toLowerCase().endsWith(suffix.toLowerCase()))?.[1];

export function registryPolicy(b: BundleView): PolEntry[] {
  const bytes = find(b, "/registry.pol");
  return bytes ? decodeRegistryPol(Buffer.from(bytes)) : [];
}

/** [System Access] values of the GPO's security template. */
export function systemAccess(b: BundleView): Map<string, string> {
  const bytes = find(b, "/GptTmpl.inf");
  const doc = bytes ? decodeGptTmpl(Buffer.from(bytes)) : { sections: {} };
  return new Map(doc.sections["System Access"] ?? []);
}

export const text = (b: BundleView, path: string): string | undefined => {
  const bytes = b.files.get(path);
  return bytes ? Buffer.from(bytes).toString("utf8") : undefined;
};

export const OFFICIAL_ROLES = ["office", "teacher", "lab", "classified"];
