/** The bundled demo province: the default input of every command and of the tests. */
import { join } from "node:path";
import { packageRoot } from "./package-root.js";

export const DEMO_INVENTORY = join(packageRoot, "examples", "demo-province");
