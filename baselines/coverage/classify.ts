/**
 * Classifies every row of a Microsoft baseline list against the Windows controls:
 * implemented (by which controls, on which roles, under which condition), implemented
 * with a declared deviation, or declared (exception, not applicable, not yet built)
 * in declared.ts. Implementation is read from the settings the controls actually give,
 * across roles, levels and the inventory variants that switch settings on, never from
 * their prose.
 */

import type { Inventory, Level, MachineRole, Unit } from "../../model/inventory.js";
import type { ControlContext } from "../control.js";
import { windowsControls } from "../controls/win/index.js";
import { SID_BY_NAME } from "../kinds/user-right/setting.js";
import { isWindowsSetting, type Setting } from "../settings.js";
import { type BaselineList, type BaselineRow, rowIdentity } from "./baseline-list.js";
import { DECLARED, DEVIATIONS, type Declared } from "./declared.js";

const ROLES: MachineRole[] = ["office", "teacher", "lab", "classified"];
const LEVELS: Level[] = [1, 2, 3, 4, 5];

/** Inventory variants that switch settings on, in order: the first that has a setting names its condition. */
export const VARIANTS = [
  { id: "standalone", remoteAdmin: false, domainJoined: false, condition: null },
  {
    id: "rdp",
    remoteAdmin: true,
    domainJoined: false,
    condition: { vi: "khi cho phép RDP", en: "where RDP is allowed" },
  },
  {
    id: "domain",
    remoteAdmin: false,
    domainJoined: true,
    condition: { vi: "chỉ máy tham gia miền", en: "domain-joined machines only" },
  },
] as const;

interface Seen {
  controls: Set<string>;
  roles: Set<MachineRole>;
  variants: Set<string>;
  values: Set<string>;
}

/** The identities a setting writes (the same form as rowIdentity), with the value it writes there. */
export function settingIdentities(s: Setting): Array<{ id: string; value: string }> {
  if (!isWindowsSetting(s)) return [];
  switch (s.kind) {
    case "registry": {
      if (s.name === "**delvals.") return [];
      const data = Array.isArray(s.data) ? s.data.join(",") : String(s.data);
      const out = [{ id: `HKLM\\${s.key}\\${s.name}`, value: data }];
      // A list entry (DenyDeviceClasses\1 = {guid}) is also found by its data.
      if (s.type === "REG_SZ") out.push({ id: `HKLM\\${s.key}\\=${data.replace(/[{}]/g, "")}`, value: data });
      return out.map((o) => ({ ...o, id: o.id.toUpperCase() }));
    }
    case "secedit":
      return [{ id: `SECEDIT:${s.key}`.toUpperCase(), value: String(s.value) }];
    case "audit":
      return [{ id: `AUDIT:${s.guid}`.toUpperCase(), value: String(s.value) }];
    case "service": {
      const start = { automatic: "2", manual: "3", disabled: "4" }[s.startup];
      return [
        { id: `SERVICE:${s.name}`.toUpperCase(), value: s.startup },
        { id: `HKLM\\SYSTEM\\CurrentControlSet\\Services\\${s.name}\\Start`.toUpperCase(), value: start },
      ];
    }
    case "user-right":
      return [{ id: `RIGHT:${s.right}`.toUpperCase(), value: s.sids.join(";") }];
    case "user-registry":
      return [{ id: `HKCU\\${s.key}\\${s.name}`.toUpperCase(), value: String(s.data) }];
    case "scheduled-task":
      // The baseline names a task by its name alone (HardeningKitty's Get-ScheduledTask -TaskName).
      return [{ id: `TASK:${s.name}`.toUpperCase(), value: s.state }];
    case "check":
      return [];
  }
}

/** Every setting identity the catalogue writes, over roles, levels and variants. */
export function catalogueIdentities(inventory: Inventory): Map<string, Seen> {
  const seen = new Map<string, Seen>();
  const template = inventory.units[0] as Unit;
  for (const variant of VARIANTS) {
    for (const role of ROLES) {
      for (const level of LEVELS) {
        const unit: Unit = {
          ...template,
          level,
          network: { ...template.network, remoteAdminFrom: variant.remoteAdmin ? ["10.0.0.0/24"] : [] },
        };
        const group = {
          role,
          os: "windows-11" as const,
          count: 1,
          hosts: [],
          domainJoined: variant.domainJoined,
        };
        const ctx: ControlContext = { os: "windows", role, level, unit, groups: [group], inventory };
        for (const control of windowsControls) {
          if (!control.appliesTo.roles.includes(role)) continue;
          for (const s of control.settings(ctx)) {
            for (const { id, value } of settingIdentities(s)) {
              const e = seen.get(id) ?? {
                controls: new Set(),
                roles: new Set(),
                variants: new Set(),
                values: new Set(),
              };
              e.controls.add(control.id);
              e.roles.add(role);
              e.variants.add(variant.id);
              e.values.add(value);
              seen.set(id, e);
            }
          }
        }
      }
    }
  }
  return seen;
}

/** `unclassified`: neither implemented nor declared; the coverage test allows none. */
export type Status =
  | "implemented"
  | "deviation"
  | "exception"
  | "not-applicable"
  | "not-yet"
  | "unclassified";

export interface Classified {
  row: BaselineRow;
  identity: string;
  status: Status;
  controls: string[];
  roles: MachineRole[];
  values: string[];
  condition: { vi: string; en: string } | null;
  reason: { vi: string; en: string } | null;
}

const AUDIT_VALUE: Record<string, number> = { Success: 1, Failure: 2, "Success and Failure": 3 };

/** Does a value the catalogue writes meet the baseline's recommendation? */
export function meets(row: BaselineRow, value: string): boolean {
  let want = row.recommended;
  let have = value;
  if (row.method === "auditpol") {
    const w = AUDIT_VALUE[want] ?? Number.NaN;
    const h = Number(have);
    return row.operator === "contains" ? (h & w) === w : h === w;
  }
  if (row.method === "service") return have.toLowerCase() === want.toLowerCase();
  if (row.method === "accesschk") return sameHolders(want, have);
  if (row.method === "RegistryList") return have.toLowerCase().replace(/[{}]/g, "") === want.toLowerCase();
  if (want === "Never") want = "0";
  const a = Number(have);
  const b = Number(want);
  if (have !== "" && want !== "" && Number.isFinite(a) && Number.isFinite(b)) {
    if (row.operator === ">=") return a >= b;
    if (row.operator === "<=") return a <= b && a > 0;
    return a === b;
  }
  have = have.toLowerCase();
  return have === want.toLowerCase();
}

/**
 * A user right's holders as the baseline names them ("BUILTIN\\Administrators;...", "" for
 * nobody) against the SIDs a control writes ("S-1-5-32-544;..."): the same set.
 */
function sameHolders(names: string, sids: string): boolean {
  const split = (t: string) => t.split(";").filter((x) => x !== "");
  const wanted = split(names).map((n) => SID_BY_NAME[n.toUpperCase()] ?? `unknown:${n}`);
  const have = split(sids);
  return wanted.length === have.length && wanted.every((sid) => have.includes(sid));
}

const IE: Declared = {
  status: "not-applicable",
  vi: "Internet Explorer: đã ngừng hỗ trợ, không dùng trên máy trường",
  en: "Internet Explorer: retired, not used on school machines",
};

export function classifyList(list: BaselineList, seen: Map<string, Seen>): Classified[] {
  return list.rows.map((row): Classified => {
    const identity = rowIdentity(row);
    const base = { row, identity, controls: [], roles: [], values: [], condition: null, reason: null };
    if (row.category === "Internet Explorer") return { ...base, status: IE.status, reason: IE };
    const impl = seen.get(identity);
    if (impl) {
      const variant = VARIANTS.find((v) => impl.variants.has(v.id));
      const values = [...impl.values].sort();
      const deviates = values.some((v) => !meets(row, v));
      const deviation = DEVIATIONS[identity];
      return {
        ...base,
        status: deviates ? "deviation" : "implemented",
        controls: [...impl.controls].sort(),
        roles: ROLES.filter((r) => impl.roles.has(r)),
        values,
        condition: variant?.condition ?? null,
        reason: deviates && deviation ? deviation : null,
      };
    }
    const declared = DECLARED[identity];
    return declared
      ? { ...base, status: declared.status, reason: declared }
      : { ...base, status: "unclassified", reason: null };
  });
}
