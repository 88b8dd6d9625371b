/** The bundled demo province: the default input of every command and of the tests. */
import { join } from "node:path";
import { packageRoot } from "./package-root.js";

export const DEMO_INVENTORY = join(packageRoot, "examples", "demo-province");

/** The demo province's record register: a few documents proving requirements only documents prove. */
export const DEMO_RECORDS = join(packageRoot, "examples", "demo-records", "records.yaml");
