/**
 * What a Windows bundle must hold, computed from the controls' declared settings
 * alone (never from the emitter's output): the GPO files' values and the scripts'
 * data table.
 */
import type { BundleSpec } from "../../baselines/bundle-spec.js";
import { securityOptionPath } from "../../baselines/emit/windows/settings-plan.js";
import { bundleHash } from "../../baselines/generate.js";
import { isWindowsSetting, type Setting } from "../../baselines/settings.js";
import type { PsValue } from "./ps-data.js";
import { GENERATED_AT, GENERATOR } from "./windows.js";

/** What the GPO files of a bundle must hold. */
export interface Expected {
  systemAccess: Record<string, string>;
  registryValues: Record<string, string>;
  services: Record<string, string>;
  pol: Record<string, { type: string; data: unknown }>;
  audit: Record<string, number>;
  /** [Privilege Rights]: right -> its holders as GptTmpl writes them ("*S-1-5-32-544,..."). */
  privilegeRights: Record<string, string>;
  /** The User part's registry.pol (user-side policies), keyed like `pol`. */
  userPol: Record<string, { type: string; data: unknown }>;
}

export function expectedFor(spec: BundleSpec): Expected {
  const e: Expected = {
    systemAccess: {},
    registryValues: {},
    services: {},
    pol: {},
    audit: {},
    privilegeRights: {},
    userPol: {},
  };
  const modes = { automatic: "2", manual: "3", disabled: "4" };
  for (const { settings } of spec.controls) {
    for (const s of settings.filter(isWindowsSetting)) {
      switch (s.kind) {
        case "secedit":
          e.systemAccess[s.key] = typeof s.value === "number" ? String(s.value) : `"${s.value}"`;
          break;
        case "registry": {
          const option = securityOptionPath(s);
          if (option) {
            const typeNo = s.type === "REG_DWORD" ? 4 : 1;
            e.registryValues[`MACHINE\\${option}`.toUpperCase()] =
              typeNo === 4 ? `4,${s.data}` : `1,"${s.data}"`;
          } else {
            e.pol[`${s.key}\\${s.name}`.toUpperCase()] = { type: s.type, data: s.data };
          }
          break;
        }
        case "service":
          e.services[s.name] = modes[s.startup];
          break;
        case "audit":
          e.audit[s.guid.toLowerCase()] = (e.audit[s.guid.toLowerCase()] ?? 0) | s.value;
          break;
        case "user-registry":
          e.userPol[`${s.key}\\${s.name}`.toUpperCase()] = { type: s.type, data: s.data };
          break;
        case "user-right":
          e.privilegeRights[s.right] = s.sids.map((sid) => `*${sid}`).join(",");
          break;
        case "scheduled-task":
        case "check":
          break;
      }
    }
  }
  return e;
}

export type Row = { [key: string]: PsValue };

/** The three variables of a script's data table. */
export interface ExpectedDataTable {
  Bundle: Row;
  Controls: Row[];
  Settings: Row[];
}

/**
 * A declared setting's identity, as two controls must agree on it: the kind the table
 * names (`**delvals.` is registry-clear) and what the runtime's Id function reads.
 */
function identityOf(s: Setting): string {
  switch (s.kind) {
    case "secedit":
      return `secedit|${s.key.toUpperCase()}`;
    case "registry":
      return `registry|${s.key.toUpperCase()}|${s.name.toUpperCase()}`;
    case "audit":
      return `audit|${s.guid.toLowerCase()}`;
    case "service":
      return `service|${s.name.toUpperCase()}`;
    case "user-right":
      return `user-right|${s.right.toUpperCase()}`;
    case "user-registry":
      return `user-registry|${s.key.toUpperCase()}|${s.name.toUpperCase()}`;
    case "scheduled-task":
      return `scheduled-task|${s.path.toUpperCase()}${s.name.toUpperCase()}`;
    default:
      return JSON.stringify(s);
  }
}

/**
 * The data-table row the runtimes read for one merged setting: the controls asking for
 * it (sorted), its kind, and its columns, whose names are the runtime's contract (each
 * kind's runtime.ps1 reads them); the values are the setting's own, with their types (an
 * integer stays an integer). `keep` is what a registry-clear row leaves in its key.
 */
export function expectedRow(controls: string[], s: Setting, keep: string[] = []): Row {
  const head = { Controls: [...controls].sort() };
  switch (s.kind) {
    case "secedit":
      return {
        ...head,
        Kind: "secedit",
        Key: s.key,
        Value: s.value,
        Compare: s.compare,
        ...(s.strongest !== undefined ? { Strongest: s.strongest } : {}),
        ...(s.defaultIfAbsent !== undefined ? { DefaultIfAbsent: s.defaultIfAbsent } : {}),
        ...(s.renamesAccountRid !== undefined ? { RenamesAccountRid: s.renamesAccountRid } : {}),
      };
    case "registry":
      // GPMC's "**delvals." clears the key of the values the bundle does not set.
      if (s.name.toLowerCase() === "**delvals.")
        return { ...head, Kind: "registry-clear", Path: s.key, Keep: keep };
      return {
        ...head,
        Kind: "registry",
        Path: s.key,
        Name: s.name,
        Type: s.type,
        Data: Array.isArray(s.data) ? [...s.data] : s.data,
      };
    case "audit":
      return {
        ...head,
        Kind: "audit",
        Guid: s.guid.toLowerCase(),
        Subcategory: s.subcategory,
        Value: s.value,
      };
    case "service":
      return { ...head, Kind: "service", Name: s.name, Startup: s.startup };
    case "user-right":
      return { ...head, Kind: "user-right", Right: s.right, Sids: [...s.sids] };
    case "user-registry":
      return { ...head, Kind: "user-registry", Path: s.key, Name: s.name, Type: s.type, Data: s.data };
    case "scheduled-task":
      return { ...head, Kind: "scheduled-task", TaskPath: s.path, TaskName: s.name, State: s.state };
    case "check":
      // The probe's name, then each expected value under its field's name capitalised.
      switch (s.check) {
        case "security-center-antivirus":
          return {
            ...head,
            Kind: "check",
            Check: s.check,
            Product: s.product,
            LicensedUntil: s.licensedUntil,
          };
        case "security-center-firewall":
          return { ...head, Kind: "check", Check: s.check, Product: s.product };
        case "os-supported":
          return {
            ...head,
            Kind: "check",
            Check: s.check,
            ExtendedUntil: s.extendedUntil,
            Releases: [...s.releases],
          };
        case "firewall-active":
          return { ...head, Kind: "check", Check: s.check, Outbound: s.outbound };
        case "device-class-off":
          return { ...head, Kind: "check", Check: s.check, ClassGuid: s.classGuid, ClassName: s.className };
        case "update-search-recent":
          return { ...head, Kind: "check", Check: s.check, MaxAgeDays: s.maxAgeDays };
        case "vbs-running":
          return { ...head, Kind: "check", Check: s.check, MemoryIntegrity: s.memoryIntegrity };
        default:
          return { ...head, Kind: "check", Check: s.check };
      }
    default:
      throw new Error(`controls ${controls.join(", ")} give a ${s.kind} setting to a Windows bundle`);
  }
}

/**
 * The table's rows: each declared setting once, in the order the controls first name it,
 * with every control naming it; audit values OR-ed (at least what each control asks).
 */
export function expectedRows(spec: BundleSpec): Row[] {
  const merged = new Map<string, { s: Setting; controls: Set<string> }>();
  for (const { control, settings } of spec.controls) {
    for (const s of settings) {
      const id = identityOf(s);
      const had = merged.get(id);
      if (!had) merged.set(id, { s, controls: new Set([control.id]) });
      else {
        had.controls.add(control.id);
        if (had.s.kind === "audit" && s.kind === "audit")
          had.s = { ...had.s, value: (had.s.value | s.value) as 1 | 2 | 3 };
      }
    }
  }
  const values = [...merged.values()];
  return values.map(({ s, controls }) => {
    const keep =
      s.kind === "registry"
        ? values
            .map((v) => v.s)
            .filter(
              (o): o is Extract<Setting, { kind: "registry" }> =>
                o.kind === "registry" &&
                o.key.toUpperCase() === s.key.toUpperCase() &&
                o.name.toLowerCase() !== "**delvals.",
            )
            .map((o) => ({ id: `${o.key}\\${o.name}`.toUpperCase(), name: o.name }))
            .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
            .map((o) => o.name)
        : [];
    return expectedRow([...controls], s, keep);
  });
}

/** The whole data table of a bundle generated with test/helpers/windows.ts's windowsBundles. */
export function expectedDataTable(spec: BundleSpec): ExpectedDataTable {
  return {
    Bundle: {
      Id: spec.id,
      Unit: spec.unit.id,
      UnitName: spec.unit.name,
      Role: spec.role,
      Level: spec.unit.level,
      OsAllowed: [...new Set(spec.groups.map((g) => g.os))].sort(),
      Sha256: bundleHash(spec),
      Generator: GENERATOR,
      GeneratedAt: GENERATED_AT,
      BackupFolder: spec.id.split("/").join("\\"),
    },
    Controls: spec.controls.map(({ control, cutsRemoteSessions, ignoresLocalFirewallRules }) => ({
      Id: control.id,
      Severity: control.severity,
      TitleVi: control.title.vi,
      TitleEn: control.title.en,
      Requirements: control.requirements.join(", "),
      ...(cutsRemoteSessions ? { CutsSessions: [...cutsRemoteSessions] } : {}),
      ...(ignoresLocalFirewallRules ? { IgnoresLocalRulesOn: [...ignoresLocalFirewallRules] } : {}),
      ...(control.alternatives ? { Alternatives: true } : {}),
    })),
    Settings: expectedRows(spec),
  };
}
