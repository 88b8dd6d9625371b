/** The bundles pack: what the generated school-machine bundles actually set, and that none is missing. */
import allGenerated from "./all-generated.js";
import antimalwareRequired from "./antimalware-required.js";
import classifiedIsolated from "./classified-isolated.js";
import passwordsMeetPlan from "./passwords-meet-plan.js";

export const bundlesPack = [allGenerated, antimalwareRequired, classifiedIsolated, passwordsMeetPlan];
