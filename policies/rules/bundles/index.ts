/** The bundles pack: what the generated school-machine bundles actually set, and that none is missing. */

import antimalwareRequired from "./antimalware-required.js";
import classifiedIsolated from "./classified-network-blocked.js";
import allGenerated from "./inventory-all-generated.js";
import passwordsMeetPlan from "./passwords-meet-plan.js";

export const bundlesPack = [allGenerated, antimalwareRequired, classifiedIsolated, passwordsMeetPlan];
