/**
 * disable-leaver-accounts.sh: from the staff roster, a script that locks, expires and
 * sets nologin on the local Linux accounts of people who retired, resigned or
 * transferred (HY-EDU-S12): the Linux counterpart of Disable-LeaverAccounts.ps1, made
 * in the same places (one per unit that has leavers, one for the whole province).
 *
 * Same discipline as the bundle scripts: a fixed runtime
 * (templates/linux/disable-leaver-accounts.sh) and a data section whose every value is
 * one single-quoted word made by the shell escaping helper.
 *
 * Every call carries its leaver's unit: the runtime acts on a linux-local account only
 * on a machine of that unit (the unit apply.sh recorded in /etc/attt-kit/bundle, or
 * --unit where none is), as the Windows script does; see Disable-LeaverAccounts.ps1.
 */
import { type Inventory, isLeaver, type Person } from "../../../model/inventory.js";
import { GENERATOR } from "../../../model/version.js";
import { shellQuote, shellText } from "../../../templates/escape/shell.js";
import { LEAVERS_DIR } from "../windows/leavers.js";
import { linuxTemplate, sharedFunctions } from "./runtime.js";

export const LINUX_LEAVER_SCRIPT = "disable-leaver-accounts.sh";
const DATA_MARKER = "# @attt-kit:data@";
/** Accounts the script acts on; the others are listed for manual action. */
const LINUX_SYSTEM = "linux-local";

/**
 * Before each data block: a value such as '$(id)' or 'a\' is literal data on purpose,
 * which ShellCheck's SC2016 and SC1003 would flag. Scoped to the data; the runtime is
 * checked in full.
 */
const LITERAL_DATA = "# shellcheck disable=SC2016,SC1003 # quoted values are literal data on purpose\n";

const JSON_MARKER = "# @attt-kit:json@";

/**
 * One `leaver` call per account of each leaver; Linux accounts first, each group sorted.
 * An account of another system that the roster already records as disabled is left out:
 * there is nothing to do by hand. A linux-local one stays, recorded or not: the script
 * reads the machine's own state, which is what counts there.
 */
function leaverCalls(people: Person[]): string {
  const rows = people.flatMap((p) =>
    p.accounts
      .filter((a) => a.system === LINUX_SYSTEM || a.enabled)
      .map((a) => [p.id, p.name, p.unit, p.status, p.since ?? "", a.system, a.username]),
  );
  const key = (r: string[]) => [r[5] === LINUX_SYSTEM ? 0 : 1, r[2], r[0], r[5], r[6]].join("\u0000");
  rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return rows.map((r) => `  ${["leaver", ...r.map(shellText)].join(" ")}\n`).join("");
}

export function linuxLeaverScript(
  scope: string,
  scopeName: string,
  people: Person[],
  inventory: Inventory,
  generator: string,
): string {
  const data = [
    `ATTT_GENERATOR=${shellQuote(generator)}\n`,
    `${LITERAL_DATA}ATTT_SCOPE=${shellText(scope)}\n`,
    `${LITERAL_DATA}ATTT_SCOPE_NAME=${shellText(scopeName)}\n`,
    `${LITERAL_DATA}ATTT_AS_OF=${shellText(inventory.province.asOf)}\n`,
    "\n",
    `${LITERAL_DATA}attt_leavers() {\n  :\n${leaverCalls(people)}}`,
  ].join("");
  let lines = linuxTemplate(LINUX_LEAVER_SCRIPT).split("\n");
  for (const [marker, content] of [
    [DATA_MARKER, data],
    [JSON_MARKER, sharedFunctions().trimEnd()],
  ] as const) {
    const at = lines.indexOf(marker);
    if (at < 0 || lines.indexOf(marker, at + 1) >= 0)
      throw new Error(`template ${LINUX_LEAVER_SCRIPT} must hold the line ${marker} exactly once`);
    lines = [...lines.slice(0, at), content, ...lines.slice(at + 1)];
  }
  return lines.join("\n");
}

/**
 * Every Linux leaver script, beside the Windows ones: `_leavers/<unit>/disable-leaver-accounts.sh`
 * for each unit with leavers and `_leavers/disable-leaver-accounts.sh` for the whole
 * province. Paths use unit IDs only (never names).
 */
export function linuxLeaverScripts(inventory: Inventory, generator: string = GENERATOR): Map<string, string> {
  const leavers = inventory.staff.filter(isLeaver);
  const out = new Map<string, string>();
  for (const unitId of [...new Set(leavers.map((p) => p.unit))].sort()) {
    const unit = inventory.units.find((u) => u.id === unitId);
    out.set(
      `${LEAVERS_DIR}/${unitId}/${LINUX_LEAVER_SCRIPT}`,
      linuxLeaverScript(
        unitId,
        unit?.name ?? unitId,
        leavers.filter((p) => p.unit === unitId),
        inventory,
        generator,
      ),
    );
  }
  out.set(
    `${LEAVERS_DIR}/${LINUX_LEAVER_SCRIPT}`,
    linuxLeaverScript(inventory.province.id, inventory.province.name, leavers, inventory, generator),
  );
  return out;
}
