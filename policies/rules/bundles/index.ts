/** The bundles pack: what the generated school-machine bundles actually set. */
import antimalwareRequired from "./antimalware-required.js";
import classifiedIsolated from "./classified-isolated.js";
import passwordsMeetPlan from "./passwords-meet-plan.js";

export const bundlesPack = [antimalwareRequired, classifiedIsolated, passwordsMeetPlan];
