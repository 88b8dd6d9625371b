/** Every policy, grouped in packs by the input it reads. A test checks no file is left out. */
import type { Policy } from "../policy.js";

export const policies: Policy<never>[] = [];
