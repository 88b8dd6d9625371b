/** Files a unit's bundle carries besides its role bundles: the scripts that close leavers' accounts. */
import { type Inventory, isLeaver } from "../../model/inventory.js";
import { GENERATOR } from "../../model/version.js";
import { LINUX_LEAVER_SCRIPT, linuxLeaverScript } from "../emit/linux/leavers.js";
import { LEAVER_SCRIPT, leaverScript } from "../emit/windows/leavers.js";

/** The extra files that must keep their executable bit in the zip. */
export const UNIT_EXTRA_EXECUTABLES: ReadonlySet<string> = new Set([LINUX_LEAVER_SCRIPT]);

export function unitExtraFiles(inventory: Inventory, unitId: string): Map<string, string> {
  const leavers = inventory.staff.filter((p) => p.unit === unitId && isLeaver(p));
  if (leavers.length === 0) return new Map();
  const unit = inventory.units.find((u) => u.id === unitId);
  const name = unit?.name ?? unitId;
  return new Map([
    [LEAVER_SCRIPT, leaverScript(unitId, name, leavers, inventory, GENERATOR)],
    [LINUX_LEAVER_SCRIPT, linuxLeaverScript(unitId, name, leavers, inventory, GENERATOR)],
  ]);
}
