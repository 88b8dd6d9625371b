/**
 * The data table of the standalone scripts: the bundle's identity, its controls and
 * one row per (control, setting), written as PowerShell literals through
 * templates/escape/powershell.ts. The runtimes (templates/windows/*.ps1) are fixed
 * text that only read `$Bundle`, `$Controls` and `$Settings`; no value from the
 * inventory is ever placed anywhere else in a script.
 */
import { type PsData, psData } from "../../../templates/escape/powershell.js";
import type { BundleSpec } from "../../bundle-spec.js";
import { scheduledTaskRow } from "../../kinds/scheduled-task/row.js";
import { serviceRow } from "../../kinds/service/row.js";
import { userRegistryRow } from "../../kinds/user-registry/row.js";
import { userRightRow } from "../../kinds/user-right/row.js";
import type { WindowsSetting } from "../../settings.js";
import { isWindowsSetting } from "../../settings.js";
import type { EmitContext } from "../emitter.js";
import { DELETE_VALUES } from "./settings-plan.js";

type Row = { readonly [key: string]: PsData };

/** One table row per setting; rows name their control so the audit can report per control. */
export function settingRow(control: string, s: WindowsSetting): Row {
  switch (s.kind) {
    case "secedit":
      return { Control: control, Kind: "secedit", Key: s.key, Value: s.value, Compare: s.compare };
    case "registry":
      // `**delvals.` is not a value: the runtime clears the key of values the bundle does not set.
      if (s.name.toLowerCase() === DELETE_VALUES)
        return { Control: control, Kind: "registry-clear", Path: s.key };
      return { Control: control, Kind: "registry", Path: s.key, Name: s.name, Type: s.type, Data: s.data };
    case "audit":
      return {
        Control: control,
        Kind: "audit",
        Guid: s.guid.toLowerCase(),
        Subcategory: s.subcategory,
        Value: s.value,
      };
    case "service":
      return serviceRow(control, s);
    case "user-right":
      return userRightRow(control, s);
    case "user-registry":
      return userRegistryRow(control, s);
    case "scheduled-task":
      return scheduledTaskRow(control, s);
    case "check": {
      // A probe's expected values, each field a column named as the field, capitalised
      // (licensedUntil -> LicensedUntil), in declaration order.
      const row: { [key: string]: PsData } = { Control: control, Kind: "check", Check: s.check };
      for (const [key, value] of Object.entries(s)) {
        if (key === "kind" || key === "check") continue;
        row[`${key.charAt(0).toUpperCase()}${key.slice(1)}`] = value;
      }
      return row;
    }
  }
}

/**
 * Windows 10/11 families the bundle's machine groups run (Apply and Undo refuse others
 * unless -Force). The README states the same list (readme.ts).
 */
export function osAllowed(spec: BundleSpec): string[] {
  return [...new Set(spec.groups.map((g) => g.os))].sort();
}

/** The PowerShell text that defines `$Bundle`, `$Controls` and `$Settings`. */
export function scriptDataTable(spec: BundleSpec, ctx: EmitContext): string {
  const bundle: Row = {
    Id: spec.id,
    Unit: spec.unit.id,
    UnitName: spec.unit.name,
    Role: spec.role,
    Level: spec.unit.level,
    OsAllowed: osAllowed(spec),
    Sha256: ctx.bundleHash,
    Generator: ctx.generator,
    GeneratedAt: ctx.generatedAt,
    // Backups live under %ProgramData%\attt-kit\backup\<unit>\<os>-<role>.
    BackupFolder: spec.id.replace(/\//g, "\\"),
  };
  const controls: Row[] = spec.controls.map(({ control, cutsRemoteSessions }) => ({
    Id: control.id,
    Severity: control.severity,
    TitleVi: control.title.vi,
    TitleEn: control.title.en,
    Requirements: control.requirements.join(", "),
    // Only where the control declares it (Apply's Assert-KeepsOwnSession reads it).
    ...(cutsRemoteSessions ? { CutsSessions: cutsRemoteSessions } : {}),
  }));
  const settings: Row[] = spec.controls.flatMap(({ control, settings }) =>
    settings.filter(isWindowsSetting).map((s) => settingRow(control.id, s)),
  );
  return [
    `$Bundle = ${psData(bundle)}`,
    `$Controls = ${psData(controls)}`,
    `$Settings = ${psData(settings)}`,
  ].join("\r\n");
}
