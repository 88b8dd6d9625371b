/** Builds the context every policy reads from a loaded inventory and the catalogue. */
import type { Target } from "../model/catalogue.js";
import type { Catalogue } from "../model/load-catalogue.js";
import type { LoadedInventory } from "../model/load-inventory.js";
import { type Context, whereFrom } from "./inputs.js";

export function contextOf(loaded: LoadedInventory, catalogue: Catalogue, asOf?: string): Context {
  const targets = new Map<string, Target>();
  for (const [id, req] of catalogue.requirements) if (req.target) targets.set(id, req.target);
  return {
    inventory: loaded.inventory,
    targets,
    asOf: asOf ?? loaded.inventory.province.asOf,
    where: whereFrom(loaded.origins),
  };
}
