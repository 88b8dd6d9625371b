/**
 * A machine registry key the bundle owns whole: every value in it that the bundle does
 * not set is deleted (a list such as DenyDeviceClasses, where a value left by someone
 * else would add to the list). In the settings it is the registry value GPMC names
 * `**delvals.` in registry.pol, so it merges and sorts with the key's other values.
 *
 * This folder is the whole kind: the setting (here), its GPO placement (gpo.ts), its
 * row in the scripts' data table (row.ts) and its PowerShell Get/Set/Test/Restore
 * (runtime.ps1).
 */
import { type RegistrySetting, regString } from "../registry/setting.js";

/** GPMC's `**delvals.`: delete every value of the key before writing the listed ones. */
export const DELETE_VALUES = "**delvals.";

export const registryClear = (key: string): RegistrySetting => regString(key, DELETE_VALUES, " ");

export const isRegistryClear = (s: RegistrySetting): boolean => s.name.toLowerCase() === DELETE_VALUES;
