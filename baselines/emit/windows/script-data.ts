/**
 * The data table of the standalone scripts: the bundle's identity, its controls and
 * one row per merged setting (settings-plan.ts: each value once, with every control
 * that asks for it), written as PowerShell literals through
 * templates/escape/powershell.ts. The runtimes (templates/windows/*.ps1 and each kind's
 * baselines/kinds/<kind>/runtime.ps1) are fixed text that only read `$Bundle`,
 * `$Controls` and `$Settings`; no value from the inventory is ever placed anywhere else
 * in a script.
 */
import { type PsData, psData } from "../../../templates/escape/powershell.js";
import type { BundleSpec } from "../../bundle-spec.js";
import { auditRow } from "../../kinds/audit/row.js";
import { checkRow } from "../../kinds/check/row.js";
import { registryRow } from "../../kinds/registry/row.js";
import { registryClearRow } from "../../kinds/registry-clear/row.js";
import { isRegistryClear } from "../../kinds/registry-clear/setting.js";
import { scheduledTaskRow } from "../../kinds/scheduled-task/row.js";
import { seceditRow } from "../../kinds/secedit/row.js";
import { serviceRow } from "../../kinds/service/row.js";
import { userRegistryRow } from "../../kinds/user-registry/row.js";
import { userRightRow } from "../../kinds/user-right/row.js";
import type { WindowsSetting } from "../../settings.js";
import type { EmitContext } from "../emitter.js";
import { type PlannedSetting, planWindowsSettings, type WindowsSettingsPlan } from "./settings-plan.js";

type Row = { readonly [key: string]: PsData };

/** A setting's own columns, from its kind's row.ts; `keep` is what a registry-clear row leaves in its key. */
function kindColumns(s: WindowsSetting, keep: () => string[]): Row {
  switch (s.kind) {
    case "secedit":
      return seceditRow(s);
    case "registry":
      return isRegistryClear(s) ? registryClearRow(s.key, keep()) : registryRow(s);
    case "audit":
      return auditRow(s);
    case "service":
      return serviceRow(s);
    case "user-right":
      return userRightRow(s);
    case "user-registry":
      return userRegistryRow(s);
    case "scheduled-task":
      return scheduledTaskRow(s);
    case "check":
      return checkRow(s);
  }
}

/**
 * The table row of one merged setting: the controls that ask for it (Test derives each
 * control's verdict from them), its kind, then the kind's columns; last, where the
 * controls ask different values (audit), Wants: each control's own Value, by which Test
 * judges that control (Get-ControlRow) while Apply sets the row's merged one.
 */
export function settingRow(p: PlannedSetting, plan: Pick<WindowsSettingsPlan, "registry">): Row {
  const keep = () => {
    const key = p.setting.kind === "registry" ? p.setting.key.toUpperCase() : "";
    return plan.registry.filter((r) => r.key.toUpperCase() === key && !isRegistryClear(r)).map((r) => r.name);
  };
  return {
    Controls: p.controls,
    Kind: p.kind,
    ...kindColumns(p.setting, keep),
    ...(p.wants ? { Wants: p.wants.map((w) => ({ Control: w.control, Value: w.value })) } : {}),
  };
}

/**
 * Windows 10/11 families the bundle's machine groups run (Apply and Undo refuse others
 * unless -Force). The README states the same list (readme.ts).
 */
export function osAllowed(spec: BundleSpec): string[] {
  return [...new Set(spec.groups.map((g) => g.os))].sort();
}

/** The PowerShell text that defines `$Bundle`, `$Controls` and `$Settings`. */
export function scriptDataTable(
  spec: BundleSpec,
  ctx: EmitContext,
  plan: WindowsSettingsPlan = planWindowsSettings(spec.controls),
): string {
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
  const controls: Row[] = spec.controls.map(({ control, cutsRemoteSessions, ignoresLocalFirewallRules }) => ({
    Id: control.id,
    Severity: control.severity,
    TitleVi: control.title.vi,
    TitleEn: control.title.en,
    Requirements: control.requirements.join(", "),
    // Only where the control declares them: Apply's Assert-KeepsOwnSession and
    // Show-PublicNetworkWarning, and Test's Get-ControlVerdict read them.
    ...(cutsRemoteSessions ? { CutsSessions: cutsRemoteSessions } : {}),
    ...(ignoresLocalFirewallRules ? { IgnoresLocalRulesOn: ignoresLocalFirewallRules } : {}),
    ...(control.alternatives ? { Alternatives: true } : {}),
  }));
  const settings: Row[] = plan.settings.map((p) => settingRow(p, plan));
  return [
    `$Bundle = ${psData(bundle)}`,
    `$Controls = ${psData(controls)}`,
    `$Settings = ${psData(settings)}`,
  ].join("\r\n");
}
