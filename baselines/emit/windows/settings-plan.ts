/**
 * One bundle's Windows settings, merged across its controls once, here: the GPO files
 * and the scripts' data table are both written from this plan, and the scripts' runtime
 * only reads it.
 *
 * Several controls may name the same value (every audit control carries
 * SCENoApplyLegacyAuditPolicy; the firewall controls share EnableFirewall). Identical
 * settings merge into one, which remembers every control that asks for it; two controls
 * asking different things of one value is a catalogue bug and stops generation, naming
 * both, rather than letting file order pick a winner. Audit values are "at least", so
 * they merge by OR (baselines/kinds/audit/setting.ts): Apply sets the OR-ed value, and
 * where controls ask different values each control's own is kept (`wants`), so Test
 * judges each control by what it asks, not by what another control added.
 *
 * Where each kind goes in a GPO is the kind's own gpo.ts (baselines/kinds/<kind>/).
 */
import type { ResolvedControl } from "../../bundle-spec.js";
import { type AuditSetting, mergeAudit } from "../../kinds/audit/setting.js";
import type { RegistrySetting } from "../../kinds/registry/setting.js";
import { isRegistryClear } from "../../kinds/registry-clear/setting.js";
import type {
  ScheduledTaskSetting,
  SeceditSetting,
  ServiceSetting,
  UserRegistrySetting,
  UserRightSetting,
  WindowsCheck,
  WindowsSetting,
} from "../../settings.js";
import { isWindowsSetting } from "../../settings.js";

export { securityOptionPath } from "../../kinds/registry/gpo.js";
export { DELETE_VALUES } from "../../kinds/registry-clear/setting.js";

/** The kinds of the scripts' data table: a setting's kind, but `**delvals.` is registry-clear's. */
export type TableKind = WindowsSetting["kind"] | "registry-clear";

/** One merged setting and every control that asks for it (sorted, no duplicates). */
export interface PlannedSetting {
  kind: TableKind;
  setting: WindowsSetting;
  controls: string[];
  /**
   * Each control's own value, by control (sorted), where the controls ask different values
   * of one audit subcategory and `setting` holds their OR; absent when all ask the same.
   */
  wants?: { control: string; value: number }[];
}

export interface WindowsSettingsPlan {
  /** Every merged setting once, in the order the controls first name them. */
  settings: PlannedSetting[];
  secedit: SeceditSetting[];
  /** Machine registry values, `**delvals.` entries included (registry.pol writes them). */
  registry: RegistrySetting[];
  audit: AuditSetting[];
  services: ServiceSetting[];
  rights: UserRightSetting[];
  /** User-side policy values: the GPO's User\registry.pol, the local policy's user part. */
  userRegistry: UserRegistrySetting[];
  /** Scheduled tasks' state: the scripts only (baselines/kinds/scheduled-task/gpo.ts says why). */
  tasks: ScheduledTaskSetting[];
  checks: WindowsCheck[];
}

/** A setting's identity (what two controls must agree on) and how conflicts read. */
function identity(s: WindowsSetting): { id: string; what: string } {
  switch (s.kind) {
    case "secedit":
      return { id: s.key.toUpperCase(), what: `[System Access] ${s.key}` };
    case "registry":
      return { id: `${s.key}\\${s.name}`.toUpperCase(), what: `HKLM\\${s.key}\\${s.name}` };
    case "service":
      return { id: s.name.toUpperCase(), what: `service ${s.name}` };
    case "audit":
      return { id: s.guid.toLowerCase(), what: `audit ${s.subcategory}` };
    case "user-right":
      // A right is written whole, so two controls must agree on all its holders.
      return { id: s.right.toUpperCase(), what: `user right ${s.right}` };
    case "user-registry":
      return { id: `${s.key}\\${s.name}`.toUpperCase(), what: `HKCU\\${s.key}\\${s.name}` };
    case "scheduled-task":
      return { id: `${s.path}${s.name}`.toUpperCase(), what: `scheduled task ${s.path}${s.name}` };
    case "check":
      // A check is its values: the same probe asked twice is one.
      return { id: JSON.stringify(s), what: `check ${s.check}` };
  }
}

/** Merges the settings of every control, refusing conflicts. Deterministic: the same controls, the same plan. */
export function planWindowsSettings(controls: ResolvedControl[]): WindowsSettingsPlan {
  const merged = new Map<
    string,
    { s: WindowsSetting; by: string; controls: Set<string>; own: Map<string, number> }
  >();
  for (const { control, settings } of controls) {
    for (const s of settings) {
      if (!isWindowsSetting(s))
        throw new Error(`control ${control.id} gives a ${s.kind} setting to a Windows bundle`);
      const { id, what } = identity(s);
      const key = `${s.kind}|${id}`;
      const had = merged.get(key);
      if (!had) {
        merged.set(key, {
          s: s.kind === "audit" ? mergeAudit(s, s) : s,
          by: control.id,
          controls: new Set([control.id]),
          own: new Map(s.kind === "audit" ? [[control.id, s.value]] : []),
        });
        continue;
      }
      had.controls.add(control.id);
      if (had.s.kind === "audit" && s.kind === "audit") {
        had.s = mergeAudit(had.s, s);
        had.own.set(control.id, (had.own.get(control.id) ?? 0) | s.value);
      } else if (JSON.stringify(had.s) !== JSON.stringify(s))
        throw new Error(
          `controls ${had.by} and ${control.id} set ${what} differently: ${JSON.stringify(had.s)} vs ${JSON.stringify(s)}`,
        );
    }
  }
  const settings: PlannedSetting[] = [...merged.values()].map(({ s, controls, own }) => {
    const planned: PlannedSetting = {
      kind: s.kind === "registry" && isRegistryClear(s) ? "registry-clear" : s.kind,
      setting: s,
      controls: [...controls].sort(),
    };
    if (new Set(own.values()).size > 1)
      planned.wants = [...own]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([control, value]) => ({ control, value }));
    return planned;
  });
  /** One kind's settings sorted by identity, as the GPO files list them. */
  const sorted = <K extends WindowsSetting["kind"]>(kind: K) =>
    [...merged]
      .filter(([, v]) => v.s.kind === kind)
      .map(([k, v]) => [k, v.s] as [string, Extract<WindowsSetting, { kind: K }>])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, s]) => s);
  return {
    settings,
    secedit: sorted("secedit"),
    registry: sorted("registry"),
    audit: sorted("audit"),
    services: sorted("service"),
    rights: sorted("user-right"),
    userRegistry: sorted("user-registry"),
    tasks: sorted("scheduled-task"),
    checks: sorted("check"),
  };
}
