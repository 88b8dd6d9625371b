/** Files a unit's bundle carries besides its role bundles. */
import type { Inventory } from "../../model/inventory.js";

export function unitExtraFiles(_inventory: Inventory, _unit: string): Map<string, string> {
  return new Map();
}
