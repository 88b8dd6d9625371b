/**
 * Where a [System Access] value goes in a GPO: GptTmpl.inf [System Access], `Key = 5`
 * or `Key = "text"` (strings double-quoted, as secedit and GPMC write them).
 */
import { infString } from "../../emit/windows/gpttmpl-inf.js";
import type { SeceditSetting } from "./setting.js";

export const SYSTEM_ACCESS = "System Access";

export function systemAccessLine(s: SeceditSetting): [string, string] {
  if (typeof s.value === "number") {
    if (!Number.isSafeInteger(s.value)) throw new Error(`[System Access] ${s.key}: not an integer`);
    return [s.key, String(s.value)];
  }
  return [s.key, infString(s.value, `[System Access] ${s.key}`)];
}
