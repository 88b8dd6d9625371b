/**
 * The Windows emitter: for one bundle (unit, role), the GPO backup under `gpo/`, the
 * standalone Apply/Test/Undo scripts and a bilingual README.
 *
 * The scripts are the fixed runtimes of templates/windows/ plus one data table per
 * bundle (script-data.ts), so a value from the inventory is only ever a PowerShell
 * literal read by code that does not change between bundles.
 */
import type { Emitter } from "../emitter.js";
import { gpoFolder } from "./gpo.js";
import { bundleReadme } from "./readme.js";
import { assembleScript, LAUNCHER, launcherText } from "./script-assembly.js";
import { scriptDataTable } from "./script-data.js";
import { planWindowsSettings } from "./settings-plan.js";

export const WINDOWS_SCRIPTS = ["Apply-Baseline.ps1", "Test-Baseline.ps1", "Undo-Baseline.ps1"] as const;

export const windowsEmitter: Emitter = (spec, ctx) => {
  if (spec.os !== "windows") throw new Error(`windowsEmitter got a ${spec.os} bundle (${spec.id})`);
  const plan = planWindowsSettings(spec.controls);
  const files = new Map<string, string | Uint8Array>(gpoFolder(spec, plan, ctx));
  const data = scriptDataTable(spec, ctx, plan);
  for (const script of WINDOWS_SCRIPTS) files.set(script, assembleScript(script, data));
  files.set(LAUNCHER, launcherText());
  files.set("README.md", bundleReadme(spec, ctx));
  // Windows scripts need no executable bit.
  return { files, executables: new Set() };
};
