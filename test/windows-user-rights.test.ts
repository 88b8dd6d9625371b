// User rights assignment (baselines/kinds/user-right): the control's holders per role and
// remote-administration setting, SIDs only; GptTmpl.inf [Privilege Rights] read back by
// the toolkit's reader and by Samba's; byte-identical output; the kind's PowerShell parses,
// ships in every script once, and every runtime path (Apply's backup and set, Test, Undo)
// handles the kind. Nothing runs PowerShell here: the runtime is checked by parsing.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ResolvedControl } from "../baselines/bundle-spec.js";
import type { ControlContext } from "../baselines/control.js";
import userRightsControl from "../baselines/controls/win/account-user-rights.js";
import { gpoPolicyFiles } from "../baselines/emit/windows/gpo.js";
import { decodeGptTmpl } from "../baselines/emit/windows/gpttmpl-inf.js";
import { assembleScript, kindRuntimes } from "../baselines/emit/windows/script-assembly.js";
import { planWindowsSettings } from "../baselines/emit/windows/settings-plan.js";
import { SID, SID_BY_NAME, userRight } from "../baselines/kinds/user-right/setting.js";
import type { Level, MachineRole } from "../model/inventory.js";
import { packageRoot } from "../model/package-root.js";
import { parsePowerShell, sambaMissing, sambaReadMany, syntaxProblems } from "./helpers/windows.js";
import { windowsContext } from "./helpers/windows-control-context.js";

const SAMBA_MISSING = sambaMissing();
if (SAMBA_MISSING) console.warn(`windows-user-rights: Samba cross-check skipped: ${SAMBA_MISSING}`);

const ROLES: MachineRole[] = ["office", "teacher", "lab", "classified"];

const ctx = windowsContext;

type Right = { kind: "user-right"; right: string; sids: string[] };
const rightsOf = (c: ControlContext) =>
  Object.fromEntries((userRightsControl.settings(c) as Right[]).map((s) => [s.right, s.sids]));

const VARIANTS = ROLES.flatMap((role) =>
  ([2, 3] as Level[]).flatMap((level) =>
    [[], ["10.0.0.0/24"]].map((from) => ({ role, level, from, c: ctx(role, level, from) })),
  ),
);

describe("user rights (control)", () => {
  it("assigns the baseline's 23 rights, each to SIDs only (no localized names), sorted and distinct", () => {
    for (const { c, role } of VARIANTS) {
      const settings = userRightsControl.settings(c) as Right[];
      expect(
        settings.map((s) => s.kind).every((k) => k === "user-right"),
        role,
      ).toBe(true);
      expect(new Set(settings.map((s) => s.right)).size, role).toBe(23);
      for (const s of settings) {
        for (const sid of s.sids) expect(sid, `${role} ${s.right}`).toMatch(/^S-1-5-\d+(-\d+)*$/);
        expect(s.sids, `${role} ${s.right}`).toEqual([...new Set(s.sids)].sort());
      }
    }
  });

  it("matches Microsoft's holders except the three rights a school without a domain needs otherwise", () => {
    const list = readFileSync(
      join(packageRoot, "docs", "msft-baseline", "windows-11-24h2-machine.tsv"),
      "utf8",
    )
      .split("\n")
      .map((l) => l.split("\t"))
      .filter((f) => f[3] === "accesschk");
    expect(list.length).toBe(23);
    const adapted = ["SeNetworkLogonRight", "SeDenyNetworkLogonRight", "SeDenyRemoteInteractiveLogonRight"];
    for (const { c, role } of VARIANTS) {
      const got = rightsOf(c);
      for (const f of list) {
        const right = f[4] as string;
        if (adapted.includes(right)) continue;
        const want = (f[7] ?? "")
          .split(";")
          .filter((n) => n !== "")
          .map((n) => SID_BY_NAME[n.toUpperCase()]);
        expect(got[right], `${role} ${right}`).toEqual([...want].sort());
      }
    }
  });

  it("network and Remote Desktop logon follow the role and whether the unit allows remote administration", () => {
    const { administrators, users, guests, remoteDesktopUsers, localAccount, localAdministrator } = SID;
    for (const { c, role, from } of VARIANTS) {
      const r = rightsOf(c);
      const where = `${role} remoteAdminFrom=${from.join(",")}`;
      const remote = role !== "classified" && from.length > 0;
      expect(r.SeNetworkLogonRight, where).toEqual(
        role === "classified" ? [administrators] : [administrators, users, remoteDesktopUsers].sort(),
      );
      expect(r.SeDenyNetworkLogonRight, where).toEqual(
        role === "classified"
          ? [localAccount, guests].sort()
          : remote
            ? [guests]
            : [localAdministrator, guests].sort(),
      );
      expect(r.SeDenyRemoteInteractiveLogonRight, where).toEqual(
        remote ? [guests] : [localAccount, guests].sort(),
      );
    }
  });

  it("refuses a right or holder that is not a plain name or SID (nothing hostile reaches a template)", () => {
    for (const bad of ["SeDebugPrivilege\r\n[System Access]", "Debug", "SeDebugPrivilege = *S-1-1-0", ""])
      expect(() => userRight(bad, []), bad).toThrow(/expected a name like SeDebugPrivilege/);
    for (const bad of [
      "Administrators",
      "*S-1-5-32-544",
      "S-1-5-32-544\n",
      "S-1-5-32-544,S-1-1-0",
      "S-1-٥-32",
    ])
      expect(() => userRight("SeDebugPrivilege", [bad]), JSON.stringify(bad)).toThrow(/is not a SID/);
  });
});

describe("user rights (GPO)", () => {
  const resolved = (c: ControlContext): ResolvedControl[] => [
    { control: userRightsControl, settings: userRightsControl.settings(c) } as ResolvedControl,
  ];
  const infOf = (c: ControlContext) => gpoPolicyFiles(planWindowsSettings(resolved(c))).gptTmpl as Buffer;
  const expected = (c: ControlContext) =>
    Object.fromEntries(
      Object.entries(rightsOf(c)).map(([r, sids]) => [r, sids.map((s) => `*${s}`).join(",")]),
    );

  it("[Privilege Rights] read back by the toolkit's reader holds each right's holders, nobody written `Right =`", () => {
    for (const { c, role } of VARIANTS) {
      const inf = infOf(c);
      const rights = decodeGptTmpl(inf).sections["Privilege Rights"] ?? [];
      expect(Object.fromEntries(rights), role).toEqual(expected(c));
      expect(inf.toString("utf16le"), role).toContain("\r\nSeTcbPrivilege =\r\n");
    }
  });

  it("is byte-identical for the same input, whatever order the settings come in", () => {
    const c = ctx("teacher", 3, []);
    const reversed: ResolvedControl[] = [
      {
        control: userRightsControl,
        settings: [...userRightsControl.settings(c)].reverse(),
      } as ResolvedControl,
    ];
    const a = infOf(c);
    expect(infOf(c).equals(a)).toBe(true);
    expect((gpoPolicyFiles(planWindowsSettings(reversed)).gptTmpl as Buffer).equals(a)).toBe(true);
  });

  it("refuses two controls giving one right different holders, naming both", () => {
    const c = ctx("office", 2, []);
    const other = { ...userRightsControl, id: "win.test.other" };
    expect(() =>
      planWindowsSettings([
        ...resolved(c),
        { control: other, settings: [userRight("SeDebugPrivilege", [SID.users])] } as ResolvedControl,
      ]),
    ).toThrow(/win\.account\.user-rights and win\.test\.other set user right SeDebugPrivilege differently/);
  });

  it.skipIf(SAMBA_MISSING !== null)(
    `[Privilege Rights] read back by Samba's parser holds the same holders, per role, level and remote administration${SAMBA_MISSING ? ` (skipped: ${SAMBA_MISSING})` : ""}`,
    () => {
      const read = sambaReadMany(
        VARIANTS.map(({ c }) => ({ kind: "inf" as const, bytes: infOf(c) })),
      ) as Array<{
        sections: Record<string, Array<[string, string[]]>>;
      }>;
      VARIANTS.forEach(({ c, role, level, from }, i) => {
        const rights = read[i]?.sections["Privilege Rights"] ?? [];
        const seen = Object.fromEntries(
          rights.map(([r, sids]) => [r, sids.filter((s) => s !== "").join(",")]),
        );
        expect(seen, `${role} ${level} ${from.join(",")}`).toEqual(expected(c));
      });
    },
  );
});

describe("user rights (runtime)", () => {
  const runtime = readFileSync(join(packageRoot, "baselines", "kinds", "user-right", "runtime.ps1"), "utf8");
  const template = (name: string) => readFileSync(join(packageRoot, "templates", "windows", name), "utf8");
  const body = (text: string, fn: string) => {
    const start = text.indexOf(`function ${fn} {`);
    expect(start, fn).toBeGreaterThanOrEqual(0);
    return text.slice(start, text.indexOf("\n}", start));
  };

  it("the kind's PowerShell parses, and every script carries it once, after the shared runtime", () => {
    expect(syntaxProblems(parsePowerShell(runtime))).toEqual([]);
    expect(kindRuntimes().some((r) => r.includes("function Read-UserRights {"))).toBe(true);
    for (const name of ["Apply-Baseline.ps1", "Test-Baseline.ps1", "Undo-Baseline.ps1"]) {
      const script = assembleScript(name, "$Bundle = @{}");
      expect(script.split("function Set-UserRights {").length - 1, name).toBe(1);
      expect(script.indexOf("function Read-UserRights {"), name).toBeGreaterThan(
        script.indexOf("function Export-SeceditSection {"),
      );
      expect(syntaxProblems(parsePowerShell(script)), name).toEqual([]);
    }
  });

  it("Apply backs up, sets and reports the rights; Test reads them back; Undo restores them and reads back", () => {
    const common = template("runtime-common.ps1");
    const apply = template("Apply-Baseline.ps1");
    const undo = template("Undo-Baseline.ps1");
    // Backup from the local policy before anything changes, one secedit run for every right.
    expect(runtime).toContain(
      "Register-SettingKind -Kind 'user-right' -Id 'Get-UserRightId' -Read 'Read-UserRights' -Entry 'Get-UserRightEntry' -Apply 'Set-UserRightRows'",
    );
    expect(runtime).toContain("-Test 'Test-UserRightRow' -Restore 'Restore-UserRights'");
    // One secedit run for every right, after saying which holders each loses.
    const set = body(runtime, "Set-UserRightRows");
    expect(set.indexOf("Show-UserRightChanges -Rights $rights -Current (Read-UserRights)")).toBeLessThan(
      set.indexOf("Set-UserRights -Rights $rights"),
    );
    // Test: the effective (merged) policy, compared as a set of SIDs: Test-SettingRow asks
    // the kind's Read with -Merged.
    expect(body(common, "Test-SettingRow")).toContain(
      "(Get-KindState -Handlers $handlers -Cache $Cache -Merged)",
    );
    expect(body(runtime, "Read-UserRights")).toContain("-Merged:$Merged");
    for (const [text, fn] of [
      [apply, "Get-RowEntries"],
      [apply, "Invoke-Apply"],
      [apply, "Get-EntryLabel"],
      [apply, "Get-EntryValue"],
      [common, "Test-SettingRow"],
      [common, "Get-SettingId"],
      [undo, "Select-BundleEntries"],
      [undo, "Restore-Entries"],
    ] as const)
      expect(body(text, fn), fn).not.toContain("user-right");
    const restore = body(runtime, "Restore-UserRights");
    expect(restore).toContain("Set-UserRights");
    expect(restore).toContain("Read-UserRights");
    expect(restore).toContain("Test-SameHolders");
  });

  it("writes only plain rights and SIDs into secedit's template: case-sensitive, ASCII digits, end anchored with \\z", () => {
    const line = body(runtime, "Format-PrivilegeRightsLine");
    expect(line).toContain("-cnotmatch $Script:RightPattern");
    expect(line).toContain("-cnotmatch $Script:SidPattern");
    expect(runtime).toContain("$Script:RightPattern = '^Se[A-Za-z]+(Privilege|Right)\\z'");
    expect(runtime).toContain("$Script:SidPattern = '^S-1-[0-9]+(-[0-9]+)+\\z'");
    // The same patterns, read as JavaScript regexes, accept the catalogue's values and refuse hostile ones.
    const sid = /^S-1-[0-9]+(-[0-9]+)+$/;
    for (const { c } of VARIANTS)
      for (const sids of Object.values(rightsOf(c))) for (const s of sids) expect(s).toMatch(sid);
    for (const bad of ["S-1-5-32-544,*S-1-1-0", "S-1-5-32-544 = x", "S-1-٥-32"]) expect(bad).not.toMatch(sid);
    // secedit's areas: user rights are configured and exported as USER_RIGHTS, never as SECURITYPOLICY.
    expect(body(runtime, "Set-UserRights")).toContain("-Area 'USER_RIGHTS' -Section 'Privilege Rights'");
    expect(body(runtime, "Read-UserRights")).toContain("-Area 'USER_RIGHTS' -Section 'Privilege Rights'");
  });
});
