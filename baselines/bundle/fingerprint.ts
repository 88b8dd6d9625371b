/**
 * A fingerprint of the toolkit code that shapes bundles (controls, emitters, templates):
 * a changed control or template makes every bundle stale, even without a version bump.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { packageRoot } from "../../model/package-root.js";
import { sha256 } from "./manifest.js";

let cached: string | undefined;

export function toolkitFingerprint(): string {
  if (cached) return cached;
  const parts: string[] = [];
  // baselines/ is code: read it where this module runs from (the clone, or dist/ in an
  // installed package, which ships no baselines/ sources); templates/ ships as it is.
  // (A bundled copy of the CLI, as the permission tests run, keeps the sources beside it.)
  const codeRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
  const baselinesRoot = existsSync(join(codeRoot, "baselines")) ? codeRoot : packageRoot;
  for (const [dir, base] of [
    ["baselines", baselinesRoot],
    ["templates", packageRoot],
  ] as const) {
    const root = join(base, dir);
    for (const name of readdirSync(root, { recursive: true, encoding: "utf8" }).sort()) {
      if (!/\.(ts|js|hbs|sh|ps1|md)$/.test(name)) continue;
      parts.push(`${dir}/${name}:${sha256(readFileSync(join(root, name)))}`);
    }
  }
  cached = sha256(parts.join("\n"));
  return cached;
}
