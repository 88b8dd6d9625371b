/** Files a unit's bundle carries besides its role bundles: the script that closes leavers' accounts. */
import { type Inventory, isLeaver } from "../../model/inventory.js";
import { GENERATOR } from "../../model/version.js";
import { LEAVER_SCRIPT, leaverScript } from "../emit/windows/leavers.js";

export function unitExtraFiles(inventory: Inventory, unitId: string): Map<string, string> {
  const leavers = inventory.staff.filter((p) => p.unit === unitId && isLeaver(p));
  if (leavers.length === 0) return new Map();
  const unit = inventory.units.find((u) => u.id === unitId);
  return new Map([
    [LEAVER_SCRIPT, leaverScript(unitId, unit?.name ?? unitId, leavers, inventory, GENERATOR)],
  ]);
}
