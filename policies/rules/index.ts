/** Every policy, grouped in packs by the input it reads. A test checks no file is left out. */
import type { Policy } from "../policy.js";
import { bundlesPack } from "./bundles/index.js";
import { evidencePack } from "./evidence/index.js";
import { inventoryPack } from "./inventory/index.js";
import { stacksPack } from "./stacks/index.js";

export const packs: Record<string, Array<Policy<never>>> = {
  inventory: inventoryPack as Array<Policy<never>>,
  evidence: evidencePack as Array<Policy<never>>,
  bundles: bundlesPack as Array<Policy<never>>,
  stacks: stacksPack as Array<Policy<never>>,
};

export const policies: Array<Policy<never>> = Object.values(packs).flat();
