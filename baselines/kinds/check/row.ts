/**
 * The scripts' data-table columns of a check: its name (Check), then each expected
 * value under its field's name capitalised (licensedUntil -> LicensedUntil), in
 * declaration order; checks/<name>.ps1 reads them.
 */
import type { PsData } from "../../../templates/escape/powershell.js";
import type { WindowsCheck } from "./setting.js";

export function checkRow(s: WindowsCheck): { [key: string]: PsData } {
  const row: { [key: string]: PsData } = { Check: s.check };
  for (const [key, value] of Object.entries(s)) {
    if (key === "kind" || key === "check") continue;
    row[`${key.charAt(0).toUpperCase()}${key.slice(1)}`] = value;
  }
  return row;
}
