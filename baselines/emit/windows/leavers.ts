/**
 * Disable-LeaverAccounts.ps1: from the staff roster, a script that disables the
 * Windows local and domain accounts of people who retired, resigned or transferred
 * (HY-EDU-S12), one per unit that has leavers and one for the whole province.
 *
 * Same discipline as the bundle scripts: a fixed runtime
 * (templates/windows/Disable-LeaverAccounts.ps1) and a data table of PowerShell
 * literals written by the one escaping helper.
 *
 * Every row carries its leaver's Unit, because a local account name is unique on one
 * machine only (`thangnv` at two schools is two people): the runtime disables a
 * windows-local account only on a machine of that unit (the unit Apply-Baseline.ps1
 * recorded in HKLM\SOFTWARE\attt-kit, or -Unit where none is), so the province-wide
 * script does on each machine what that unit's script does, and a unit's script run on
 * another unit's machine disables none of its local accounts. Domain rows are not
 * filtered: the domain is one directory for the whole province.
 */

import { type Inventory, isLeaver, type Person } from "../../../model/inventory.js";
import { GENERATOR } from "../../../model/version.js";
import { type PsData, psData } from "../../../templates/escape/powershell.js";
import { assembleScript } from "./script-assembly.js";

export const LEAVER_SCRIPT = "Disable-LeaverAccounts.ps1";
/** Beside the unit folders; unit IDs cannot start with "_", so it never clashes with one. */
export const LEAVERS_DIR = "_leavers";
/** Accounts the script acts on; the others are listed for manual action. */
const WINDOWS_SYSTEMS = new Set(["windows-local", "domain"]);

type Row = { readonly [key: string]: PsData };

/** One row per account of each leaver; Windows accounts first, each group sorted. */
function leaverRows(people: Person[]): Row[] {
  const rows = people.flatMap((p) =>
    p.accounts.map((a) => ({
      Person: p.id,
      Name: p.name,
      Unit: p.unit,
      Status: p.status,
      Since: p.since ?? null,
      System: a.system,
      Username: a.username,
      RecordedEnabled: a.enabled,
    })),
  );
  const rank = (r: { System: string }) => (WINDOWS_SYSTEMS.has(r.System) ? 0 : 1);
  const key = (r: (typeof rows)[number]) => [rank(r), r.Unit, r.Person, r.System, r.Username].join("\u0000");
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function leaverScript(
  scope: string,
  scopeName: string,
  people: Person[],
  inventory: Inventory,
  generator: string,
): string {
  const roster: Row = {
    Scope: scope,
    ScopeName: scopeName,
    AsOf: inventory.province.asOf,
    Generator: generator,
  };
  const table = [`$Roster = ${psData(roster)}`, `$Leavers = ${psData(leaverRows(people))}`].join("\r\n");
  return assembleScript(LEAVER_SCRIPT, table, null);
}

/**
 * Every leaver script: `leavers/<unit>/Disable-LeaverAccounts.ps1` for each unit with
 * leavers, and `leavers/Disable-LeaverAccounts.ps1` for the whole province. Paths use
 * unit IDs only (never names), so they are safe on any file system.
 */
export function leaverScripts(inventory: Inventory, generator: string = GENERATOR): Map<string, string> {
  const leavers = inventory.staff.filter(isLeaver);
  const out = new Map<string, string>();
  const units = [...new Set(leavers.map((p) => p.unit))].sort();
  for (const unitId of units) {
    const unit = inventory.units.find((u) => u.id === unitId);
    const people = leavers.filter((p) => p.unit === unitId);
    out.set(
      `${LEAVERS_DIR}/${unitId}/${LEAVER_SCRIPT}`,
      leaverScript(unitId, unit?.name ?? unitId, people, inventory, generator),
    );
  }
  out.set(
    `${LEAVERS_DIR}/${LEAVER_SCRIPT}`,
    leaverScript(inventory.province.id, inventory.province.name, leavers, inventory, generator),
  );
  return out;
}
