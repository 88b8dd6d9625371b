/**
 * Where clearing a key goes in a GPO: registry.pol's `**delvals.` entry for the key
 * (written by the registry kind's machinePolEntry with the key's other values), which
 * Group Policy applies by deleting the key's values before writing the listed ones
 * ([MS-GPREG] 2.2.4).
 */
import { machinePolEntry } from "../registry/gpo.js";

export const registryClearPolEntry = machinePolEntry;
