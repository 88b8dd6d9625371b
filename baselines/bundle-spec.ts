/**
 * Which bundles a province needs, and what goes into each: one bundle per unit,
 * OS family and role that the inventory lists machines for, each with the settings
 * of every control that applies, resolved for that unit's security level.
 */
import { createHash } from "node:crypto";
import {
  type Inventory,
  type MachineGroup,
  type MachineRole,
  osFamily,
  type Unit,
} from "../model/inventory.js";
import type { Control, ControlContext, FirewallProfile, OsFamily, RemoteSession } from "./control.js";
import { controls as allControls } from "./controls/index.js";
import type { Setting } from "./settings.js";
import { SettingsMemo } from "./settings-memo.js";

export interface ResolvedControl {
  control: Control;
  settings: Setting[];
  /** control.cutsRemoteSessions for this bundle, sorted; absent when it cuts none. */
  cutsRemoteSessions?: RemoteSession[];
  /** control.ignoresLocalFirewallRules for this bundle, sorted; absent when it declares none. */
  ignoresLocalFirewallRules?: FirewallProfile[];
}

export interface BundleSpec {
  /** "<unit>/<os family>-<role>", also the bundle's folder. */
  id: string;
  unit: Unit;
  role: MachineRole;
  os: OsFamily;
  /** The inventory's machine groups this bundle serves (same unit, family and role). */
  groups: MachineGroup[];
  controls: ResolvedControl[];
  inventory: Inventory;
}

export interface BundleFilter {
  unit?: string;
  role?: MachineRole;
  os?: OsFamily;
}

/**
 * Each control's settings computed once per distinct input it reads, for all the
 * province's bundles (settings-memo.ts); off, every bundle computes its own (tests
 * compare the two).
 */
export interface SpecOptions {
  memo?: boolean;
}

export function bundleSpecs(
  inventory: Inventory,
  filter: BundleFilter = {},
  catalogue: Control[] = allControls,
  options: SpecOptions = {},
): BundleSpec[] {
  const memo = options.memo === false ? undefined : new SettingsMemo();
  const specs: BundleSpec[] = [];
  for (const unit of [...inventory.units].sort((a, b) => a.id.localeCompare(b.id))) {
    if (filter.unit && unit.id !== filter.unit) continue;
    const byKey = new Map<string, MachineGroup[]>();
    for (const group of unit.machines) {
      if (group.count === 0) continue;
      const key = `${osFamily(group.os)}-${group.role}`;
      byKey.set(key, [...(byKey.get(key) ?? []), group]);
    }
    for (const [key, groups] of [...byKey].sort(([a], [b]) => a.localeCompare(b))) {
      const first = groups[0] as MachineGroup;
      const os = osFamily(first.os);
      const role = first.role;
      if (filter.role && role !== filter.role) continue;
      if (filter.os && os !== filter.os) continue;
      const controls = resolveControls(
        catalogue,
        { os, role, level: unit.level, unit, groups, inventory },
        memo,
      );
      // A group no control applies to (e.g. a Windows server at a school) gets no bundle.
      if (controls.length === 0) continue;
      specs.push({ id: `${unit.id}/${key}`, unit, role, os, groups, controls, inventory });
    }
  }
  return specs;
}

function resolveControls(catalogue: Control[], ctx: ControlContext, memo?: SettingsMemo): ResolvedControl[] {
  const out: ResolvedControl[] = [];
  for (const control of catalogue) {
    if (!control.appliesTo.os.includes(ctx.os) || !control.appliesTo.roles.includes(ctx.role)) continue;
    const settings = memo ? memo.resolve(control, ctx).settings : control.settings(ctx);
    if (settings.length === 0) continue;
    const cuts = [...new Set(control.cutsRemoteSessions?.(ctx) ?? [])].sort();
    const ignores = [...new Set(control.ignoresLocalFirewallRules?.(ctx) ?? [])].sort();
    out.push({
      control,
      settings,
      ...(cuts.length > 0 ? { cutsRemoteSessions: cuts } : {}),
      ...(ignores.length > 0 ? { ignoresLocalFirewallRules: ignores } : {}),
    });
  }
  return out;
}

/** A short, stable digest of any JSON-able value (bundle and inventory hashes). */
export function digest(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}
