/**
 * How a province's own repository runs its plans as tests (here: the demo province).
 * In a real repository: `import { planTests } from "attt-kit/vitest";`
 */
import { join } from "node:path";
import { planTests } from "../../policies/vitest.js";

await planTests({ inventory: join(import.meta.dirname, "..", "demo-province") });
