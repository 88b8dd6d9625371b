/**
 * Where a check goes in a GPO: nowhere. A check measures what no policy can set (a
 * product running, a disk encrypted, an event since the boot); the GPO carries the
 * settings that make it pass, and Test-Baseline.ps1 alone evaluates it.
 */
import type { WindowsCheck } from "./setting.js";

/** A GPO holds no entry for a check (an empty list, kept for the shape every kind has). */
export function checkGpoEntries(_check: WindowsCheck): [] {
  return [];
}
