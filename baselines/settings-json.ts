/**
 * A control's settings as the bundle hash writes them (generate.ts): what an audit's
 * evidence says it checked, without what a bundle carries only to judge the machine by.
 */
import type { Setting } from "./settings.js";

/**
 * Inventory facts a bundle carries only to judge the machine by, never to set on it:
 * renewing an anti-malware licence changes nothing on the machines, so it must not
 * turn their evidence into "audited against an outdated bundle".
 */
export const NOT_MACHINE_SETTINGS: ReadonlySet<string> = new Set(["licensedUntil"]);

/** How each of NOT_MACHINE_SETTINGS reads as a key in JSON text. */
const NOT_MACHINE_SETTINGS_KEYS = [...NOT_MACHINE_SETTINGS].map((k) => JSON.stringify(k));

const machineSettingsOnly = (key: string, value: unknown): unknown =>
  NOT_MACHINE_SETTINGS.has(key) ? undefined : value;

/**
 * A control's settings as JSON, without NOT_MACHINE_SETTINGS. Without a replacer V8
 * writes JSON twice as fast, so the replacer runs only where a key it drops is.
 */
export function settingsJson(settings: Setting[]): string {
  const text = JSON.stringify(settings);
  return NOT_MACHINE_SETTINGS_KEYS.some((k) => text.includes(k))
    ? JSON.stringify(settings, machineSettingsOnly)
    : text;
}

/** The JSON of settings the memo computed once for many bundles (settings-memo.ts). */
const written = new WeakMap<Setting[], string>();

/** Records that `settings` (never to change: they are frozen) are written as `json`. */
export function rememberSettingsJson(settings: Setting[], json: string): void {
  written.set(settings, json);
}

/** settingsJson, read from the memo where the settings came from it. */
export function settingsJsonOf(settings: Setting[]): string {
  return written.get(settings) ?? settingsJson(settings);
}
