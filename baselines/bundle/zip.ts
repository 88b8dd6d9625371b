/**
 * Deterministic zip archives: entries sorted, one fixed timestamp, fixed compression,
 * so the same files always give the same bytes (and the same signature).
 */
import { strToU8, unzipSync, type Zippable, zipSync } from "fflate";

/** 1980-01-01 is the zip format's epoch; any fixed date would do. */
const FIXED_TIME = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

export function zipFiles(
  files: Map<string, string | Uint8Array>,
  executables: Set<string> = new Set(),
): Uint8Array {
  const tree: Zippable = {};
  for (const name of [...files.keys()].sort()) {
    const content = files.get(name) as string | Uint8Array;
    const data = typeof content === "string" ? strToU8(content) : content;
    // Unix mode in the external attributes keeps scripts executable after unzip.
    const mode = executables.has(name) ? 0o100755 : 0o100644;
    tree[name] = [data, { level: 6, mtime: FIXED_TIME, os: 3, attrs: mode << 16 }];
  }
  return zipSync(tree, { level: 6, mtime: FIXED_TIME });
}

export function unzipFiles(bytes: Uint8Array): Map<string, Uint8Array> {
  const out = unzipSync(bytes);
  return new Map(Object.entries(out).filter(([name]) => !name.endsWith("/")));
}
