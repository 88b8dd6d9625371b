/**
 * Disable-LeaverAccounts.ps1 disables a windows-local account only on a machine of its
 * leaver's unit: a local account name is unique on one machine only, so `thangnv` who
 * left one school must not cost `thangnv` at another school his account. There is no
 * PowerShell here, so this is proved from the generated scripts' parse
 * (tree-sitter-powershell):
 *  1. the data: every row carries its leaver's unit, read back from the data table;
 *     a unit's script holds only that unit's rows, the province's every unit's;
 *  2. the runtime: Disable-LocalLeaver refuses a row before it looks a user up when the
 *     machine's unit is unknown or another; nothing else disables or looks up a local
 *     user; the machine's unit is set only before the loop, from the unit Apply-Baseline
 *     records (runtime-common.ps1's Set-RoleMarker: HKLM\SOFTWARE\attt-kit, value Unit)
 *     or, only where none is recorded, from -Unit; a -Unit that contradicts the record
 *     exits 2 before the log is opened.
 * The Linux script's same rule runs for real in test/linux-leavers.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type Parser from "tree-sitter";
import { describe, expect, it } from "vitest";
import { LEAVER_SCRIPT, LEAVERS_DIR, leaverScripts } from "../baselines/emit/windows/leavers.js";
import { Id, type Inventory, Person } from "../model/inventory.js";
import { packageRoot } from "../model/package-root.js";
import { debianUnit, testInventory } from "./helpers/linux-bundles.js";
import { assignedValues, type PsValue } from "./helpers/ps-data.js";
import { parsePowerShell, syntaxProblems } from "./helpers/windows.js";

type Node = Parser.SyntaxNode;

/** Two people called Trần Văn Thắng, `thangnv` at both schools: the lab's still teaches, the office's retired. */
function sameNameInventory(): Inventory {
  const inv = testInventory([debianUnit("lab"), debianUnit("office")]);
  const person = (p: Record<string, unknown>) =>
    Person.parse({ status: "retired", since: "2026-06-30", name: "Trần Văn Thắng", ...p });
  inv.staff = [
    person({
      id: "alice",
      name: "Nguyễn Thị An",
      unit: "test-lab",
      accounts: [
        { system: "windows-local", username: "alice" },
        { system: "domain", username: "an.nt" },
      ],
    }),
    person({
      id: "thang-lab",
      unit: "test-lab",
      status: "active",
      since: undefined,
      accounts: [{ system: "windows-local", username: "thangnv" }],
    }),
    person({
      id: "thang-office",
      unit: "test-office",
      accounts: [
        { system: "windows-local", username: "thangnv" },
        { system: "domain", username: "thang.tv" },
        { system: "vnedu", username: "thangnv" },
      ],
    }),
  ];
  return inv;
}

const inv = sameNameInventory();
const scripts = leaverScripts(inv, "attt-kit test");
const PROVINCE = `${LEAVERS_DIR}/${LEAVER_SCRIPT}`;
const LAB = `${LEAVERS_DIR}/test-lab/${LEAVER_SCRIPT}`;
const OFFICE = `${LEAVERS_DIR}/test-office/${LEAVER_SCRIPT}`;

type Row = { [key: string]: PsValue };
function table(path: string): { roster: Row; rows: Row[] } {
  const v = assignedValues(parsePowerShell(scripts.get(path) as string), ["Roster", "Leavers"]);
  return { roster: v.Roster as Row, rows: v.Leavers as Row[] };
}
const describeRow = (r: Row) => `${r.Unit} ${r.Person} ${r.System} ${r.Username}`;

describe("the leavers' data tables", () => {
  it("carry each account's unit; a unit's script holds only its own unit's rows", () => {
    expect([...scripts.keys()]).toEqual([LAB, OFFICE, PROVINCE]);
    const province = table(PROVINCE);
    expect(province.roster.Scope).toBe("test-province");
    expect(province.rows.map(describeRow)).toEqual([
      "test-lab alice domain an.nt",
      "test-lab alice windows-local alice",
      "test-office thang-office domain thang.tv",
      "test-office thang-office windows-local thangnv",
      "test-office thang-office vnedu thangnv",
    ]);
    for (const path of [LAB, OFFICE]) {
      const { roster, rows } = table(path);
      expect(rows.length, path).toBeGreaterThan(0);
      for (const r of rows) expect(r.Unit, `${path}: ${describeRow(r)}`).toBe(roster.Scope);
    }
    // The active thangnv of the lab is in no script: only the office's leaver of that name is.
    expect(table(LAB).rows.map(describeRow)).toEqual([
      "test-lab alice domain an.nt",
      "test-lab alice windows-local alice",
    ]);
    // Every row's unit is its person's, a valid unit ID: what the runtime compares with the machine's.
    const unitOf = new Map(inv.staff.map((p) => [p.id, p.unit]));
    for (const r of province.rows) {
      expect(r.Unit).toBe(unitOf.get(r.Person as string));
      expect(Id.safeParse(r.Unit).success).toBe(true);
    }
  });
});

// ------------------------------------------------------------------ the runtime's guard

const text = scripts.get(PROVINCE) as string;
const tree = parsePowerShell(text);
const root = tree.rootNode;

const commandName = (n: Node): string => n.childForFieldName("command_name")?.text ?? "";
const commands = (n: Node, name: string): Node[] =>
  n.descendantsOfType("command").filter((c) => commandName(c).toLowerCase() === name.toLowerCase());
function ancestors(n: Node): Node[] {
  const out: Node[] = [];
  for (let p = n.parent; p; p = p.parent) out.push(p);
  return out;
}
function functionNamed(name: string): Node {
  const found = root
    .descendantsOfType("function_statement")
    .filter((f) => f.namedChildren.find((c) => c.type === "function_name")?.text === name);
  expect(found, name).toHaveLength(1);
  return found[0] as Node;
}
/** The statements of a function's body, after its param block. */
const bodyStatements = (fn: Node): Node[] =>
  fn.descendantsOfType("script_block_body")[0]?.childForFieldName("statement_list")?.namedChildren ?? [];
const conditionText = (n: Node): string => (n.childForFieldName("condition")?.text ?? "").trim();
/** Assignments whose left side is `variable` (case-insensitive, as PowerShell reads it). */
const assignmentsTo = (variable: string): Node[] =>
  root.descendantsOfType("assignment_expression").filter((a) => {
    const left = a.namedChildren[0]?.text.trim().toLowerCase();
    return left === variable.toLowerCase();
  });
const valueText = (a: Node): string => (a.childForFieldName("value")?.text ?? "").trim();
const loopStart = (): number => {
  const loops = root
    .descendantsOfType("foreach_statement")
    .filter((f) => f.text.startsWith("foreach ($leaver in $Leavers)"));
  expect(loops).toHaveLength(1);
  return (loops[0] as Node).startIndex;
};

describe("the leavers' runtime disables a local account only on a machine of its unit", () => {
  it("parses, and every script of the province has the same runtime", () => {
    expect(syntaxProblems(tree)).toEqual([]);
    const runtime = (t: string) =>
      t.slice(
        t.indexOf("# ---------------------------------------------------------------- runtime (fixed)"),
      );
    for (const path of [LAB, OFFICE]) expect(runtime(scripts.get(path) as string), path).toBe(runtime(text));
  });

  it("Disable-LocalLeaver first returns, logging why, unless the row's unit is the machine's", () => {
    const fn = functionNamed("Disable-LocalLeaver");
    const [noUnit, otherUnit] = bodyStatements(fn);
    expect(noUnit?.type).toBe("if_statement");
    expect(conditionText(noUnit as Node)).toBe("$null -eq $Script:MachineUnit");
    expect(otherUnit?.type).toBe("if_statement");
    // Case-sensitive, as unit IDs are compared everywhere else.
    expect(conditionText(otherUnit as Node)).toBe("[string]$Leaver.Unit -cne $Script:MachineUnit");
    for (const [guard, action] of [
      [noUnit, "'skipped-no-unit'"],
      [otherUnit, "'skipped-other-unit'"],
    ] as const) {
      const block = (guard as Node).namedChildren.find((c) => c.type === "statement_block") as Node;
      const statements = block.childForFieldName("statement_list")?.namedChildren ?? [];
      expect(statements.map((s) => s.type)).toEqual(["pipeline", "flow_control_statement"]);
      expect(statements[1]?.text.trim()).toBe("return");
      const log = commands(statements[0] as Node, "Add-LogEntry");
      expect(log).toHaveLength(1);
      expect(log[0]?.text).toContain(`-Action ${action}`);
      expect(
        (guard as Node).namedChildren.some((c) => c.type === "elseif_clauses" || c.type === "else_clause"),
      ).toBe(false);
    }
    // Nothing looks a local user up or disables one before both guards, or outside this function.
    const guardsEnd = (otherUnit as Node).endIndex;
    for (const name of [
      "Get-LocalUser",
      "Disable-LocalUser",
      "Enable-LocalUser",
      "Set-LocalUser",
      "Remove-LocalUser",
    ]) {
      for (const c of commands(root, name)) {
        expect(ancestors(c), name).toContain(fn);
        expect(c.startIndex, name).toBeGreaterThan(guardsEnd);
      }
    }
    expect(commands(fn, "Disable-LocalUser")).toHaveLength(1);
    expect(text).not.toMatch(/\bnet(\.exe)? user\b|\[ADSI\]|WinNT:/i);
  });

  it("Disable-LocalLeaver is called once, for windows-local rows", () => {
    const calls = commands(root, "Disable-LocalLeaver");
    expect(calls).toHaveLength(1);
    const clause = ancestors(calls[0] as Node).find((a) => a.type === "switch_clause") as Node;
    expect(clause.namedChildren[0]?.text).toBe("'windows-local'");
    expect(ancestors(clause).find((a) => a.type === "switch_statement")?.text).toMatch(
      /^switch \(\$leaver\.System\)/,
    );
  });

  it("the machine's unit comes from the recorded unit, or -Unit only where none is; never set in the loop", () => {
    const sets = assignmentsTo("$Script:MachineUnit");
    expect(sets.map(valueText)).toEqual(["$null", "$recordedUnit", "$Unit"]);
    for (const s of sets) {
      expect(s.startIndex).toBeLessThan(loopStart());
      expect(ancestors(s).some((a) => a.type === "function_statement")).toBe(false);
    }
    // The recorded unit wins: -Unit is used in the elseif of "a unit is recorded".
    const fromRecord = ancestors(sets[1] as Node).find((a) => a.type === "if_statement") as Node;
    expect(conditionText(fromRecord)).toBe("$null -ne $recordedUnit");
    const fromParam = ancestors(sets[2] as Node);
    expect(fromParam.find((a) => a.type === "elseif_clause")?.childForFieldName("condition")?.text).toBe(
      "$Unit",
    );
    expect(fromParam).toContain(fromRecord);
    // A -Unit contradicting the record stops the script (exit 2) before the log is opened.
    const contradiction = fromRecord
      .descendantsOfType("if_statement")
      .find((i) => conditionText(i) === "$Unit -and $Unit -cne $recordedUnit") as Node;
    expect(contradiction.text).toMatch(/nothing was changed[^\n]*\r\n\s+exit 2\r\n/);
    const logProbe = text.indexOf("[IO.File]::Open($path, [IO.FileMode]::OpenOrCreate");
    expect(contradiction.endIndex).toBeLessThan(logProbe);
    // So does a -Unit that is not a unit ID.
    const badUnit = root
      .descendantsOfType("if_statement")
      .find((i) => conditionText(i) === "$Unit -and $Unit -cnotmatch $Script:UnitIdPattern") as Node;
    expect(badUnit.text).toMatch(/nothing was changed[^\n]*\r\n\s+exit 2\r\n/);
    expect(badUnit.endIndex).toBeLessThan(fromRecord.startIndex);
    // $recordedUnit is read once, from Get-RecordedUnit.
    expect(assignmentsTo("$recordedUnit").map(valueText)).toEqual(["Get-RecordedUnit"]);
    // No switch or parameter lets one machine disable every unit's local accounts.
    const params = text.slice(text.indexOf("\r\nparam("), text.indexOf("\r\n)", text.indexOf("\r\nparam(")));
    expect([...params.matchAll(/\$(\w+)/g)].map((m) => m[1])).toEqual(["LogFile", "Unit"]);
  });

  it("takes a unit ID as the inventory does, and says when the machine's unit is unknown", () => {
    const pattern = assignedValuesOf("$Script:UnitIdPattern");
    expect(pattern.endsWith("\\z")).toBe(true);
    const js = new RegExp(`${pattern.slice(0, -2)}$`);
    for (const s of [
      "test-lab",
      "a",
      "0",
      "hy-thpt-my-hao",
      "Test-Lab",
      "a-",
      "-a",
      "a\n",
      "a b",
      "x".repeat(64),
      "x".repeat(65),
      "",
    ])
      expect(js.test(s), JSON.stringify(s)).toBe(Id.safeParse(s).success);
    expect(text).toContain(
      "if ($value -is [string] -and $value -cmatch $Script:UnitIdPattern) { return $value }",
    );
    expect(text).toContain(
      "NO UNIT: the baseline was never applied here (no unit recorded in HKLM\\{0}), so no windows-local account is disabled; if this machine belongs to a unit, run again with -Unit <unit id>.",
    );
    expect(text).toContain("CHƯA RÕ ĐƠN VỊ");
    // The log says which unit the machine was taken to be, and from where.
    expect(text).toContain(
      "    machineUnit = $Script:MachineUnit\r\n    machineUnitSource = $Script:MachineUnitSource\r\n",
    );
  });

  it("reads the unit where Apply-Baseline.ps1 records it: HKLM\\SOFTWARE\\attt-kit, value Unit, 64-bit view", () => {
    const fn = functionNamed("Get-RecordedUnit");
    expect(assignedValuesOf("$Script:UnitKey")).toBe("SOFTWARE\\attt-kit");
    expect(fn.text).toContain("[Microsoft.Win32.RegistryView]::Registry64");
    expect(fn.text).toContain("$hklm.OpenSubKey($Script:UnitKey)");
    expect(fn.text).toContain("$key.GetValue('Unit')");
    const template = (n: string) => readFileSync(join(packageRoot, "templates", "windows", n), "utf8");
    const common = template("runtime-common.ps1");
    expect(common).toContain("$Script:MarkerKey = 'SOFTWARE\\attt-kit'");
    expect(common).toContain("[Microsoft.Win32.RegistryView]::Registry64");
    expect(common).toContain(
      "$key.SetValue('Unit', [string]$Marker.Unit, [Microsoft.Win32.RegistryValueKind]::String)",
    );
    expect(template("Apply-Baseline.ps1")).toMatch(
      /Set-RoleMarker -Marker \(\[pscustomobject\]@\{[^}]*\bUnit = \$Bundle\.Unit\b/,
    );
  });
});

/** The string literal assigned to a variable of the runtime (one assignment). */
function assignedValuesOf(variable: string): string {
  const sets = assignmentsTo(variable);
  expect(sets, variable).toHaveLength(1);
  const v = valueText(sets[0] as Node);
  expect(v.startsWith("'") && v.endsWith("'"), v).toBe(true);
  return v.slice(1, -1).replaceAll("''", "'");
}

describe("accounts whose loss locks IT staff out", () => {
  it("Disable-LocalLeaver asks Get-LockoutRisk before Disable-LocalUser and logs skipped-last-admin instead", () => {
    const fn = functionNamed("Disable-LocalLeaver");
    const risk = commands(fn, "Get-LockoutRisk");
    expect(risk).toHaveLength(1);
    const disable = commands(fn, "Disable-LocalUser")[0] as Node;
    expect((risk[0] as Node).startIndex).toBeLessThan(disable.startIndex);
    expect(fn.text).toContain(
      "if ($null -ne $why) { Add-LogEntry -Leaver $Leaver -Action 'skipped-last-admin' -Message $why; return }",
    );
  });

  it("Get-LockoutRisk names the RID-500 account, the running account and the last enabled Administrators member (by SID), Vietnamese first", () => {
    const body = functionNamed("Get-LockoutRisk").text;
    expect(body).toContain("$sid.StartsWith('S-1-5-21-') -and $sid.EndsWith('-500')");
    expect(body).toContain("[Security.Principal.WindowsIdentity]::GetCurrent().User.Value");
    expect(body).toContain("Get-LocalGroupMember -SID 'S-1-5-32-544'");
    expect(body).toContain("$EnabledSids -contains [string]$_.SID.Value");
    for (const m of body.matchAll(/return '([^']*)'/g))
      expect(m[1], m[1]).toMatch(/^[^/]*[ạảãáàâầấậẫẩăằắặẵẳêềếệễểôồốộỗổơờớợỡởưừứựữửđ][^/]* \/ [A-Za-z]/);
    expect([...body.matchAll(/return '([^']*)'/g)]).toHaveLength(3);
  });
});
