/**
 * The fixed runtime of the generated scripts, read from templates/linux/*.sh: real
 * shell files, so they can be read, linted and reviewed as shell.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../../model/package-root.js";

export type ScriptKind = "apply" | "audit" | "undo";

const cache = new Map<string, string>();

/** A file of templates/linux, read once. */
export function linuxTemplate(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(join(packageRoot, "templates", "linux", name), "utf8");
    cache.set(name, text);
  }
  return text;
}

const PURPOSE: Record<ScriptKind, string> = {
  apply: "apply.sh: hardens this machine to the bundle's baseline (backs up what it changes).",
  audit: "audit.sh: checks the baseline without changing anything; writes the evidence JSON.",
  undo: "undo.sh: restores what apply.sh changed, byte for byte, from its backups.",
};

/** Shell functions every generated Linux script carries (templates/linux/runtime-json.sh, without its header). */
export const sharedFunctions = (): string => linuxTemplate("runtime-json.sh").replace(/^(#.*\n)+\n/, "");

/** One whole script: header, data section, fixed runtime, entry point. */
export function script(kind: ScriptKind, data: string): string {
  return [
    "#!/bin/bash\n",
    `# attt-kit ${PURPOSE[kind]}\n`,
    "# Generated: edit the inventory and regenerate, not this file. Run with --help for options.\n",
    "set -euo pipefail\n\n",
    "# ---------------------------------------------------------------- data (generated)\n",
    data,
    "\n",
    sharedFunctions(),
    "\n",
    linuxTemplate("runtime-common.sh"),
    "\n",
    linuxTemplate(`runtime-${kind}.sh`),
    '\nattt_main "$@"\n',
  ].join("");
}
