/**
 * The Linux emitter: per bundle apply.sh, audit.sh and undo.sh (one fixed runtime
 * fed by an escaped data section), the one-step launcher attt.sh, the configuration files the settings own under
 * files/, and a README in Vietnamese and English. Output is a pure function of the
 * bundle spec and the emit context: byte-identical across runs.
 */
import type { Emitter } from "../emitter.js";
import { dataSection, shippedFiles } from "./data-section.js";
import { readme } from "./readme.js";
import { linuxTemplate, script } from "./runtime.js";

export const linuxEmitter: Emitter = (spec, ctx) => {
  if (spec.os !== "linux") throw new Error(`linuxEmitter: bundle ${spec.id} is for ${spec.os}`);
  const data = dataSection(spec, ctx);
  const files = new Map<string, string | Uint8Array>();
  for (const kind of ["apply", "audit", "undo"] as const) files.set(`${kind}.sh`, script(kind, data));
  for (const f of shippedFiles(spec)) files.set(f.source, f.setting.content);
  // The one-step launcher: fixed text, the same in every bundle (as attt.cmd on Windows).
  files.set("attt.sh", linuxTemplate("attt.sh"));
  files.set("README.md", readme(spec, ctx));
  return { files, executables: new Set(["attt.sh", "apply.sh", "audit.sh", "undo.sh"]) };
};
