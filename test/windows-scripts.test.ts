// Every generated PowerShell script parses with zero syntax errors (tree-sitter-powershell),
// every verbatim string in it reads the same to PowerShell's five-quote rule as to the
// parser, and the data tables hold exactly the bundle's values.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { LEAVER_SCRIPT, LEAVERS_DIR, leaverScripts } from "../baselines/emit/windows/leavers.js";
import { ControlResult, EVIDENCE_SCHEMA, Evidence } from "../model/evidence.js";
import type { Inventory } from "../model/inventory.js";
import { loadInventory } from "../model/load-inventory.js";
import { packageRoot } from "../model/package-root.js";
import {
  asBuffer,
  parsePowerShell,
  scriptShape,
  syntaxProblems,
  verbatimMismatches,
  type WindowsBundle,
  windowsBundles,
} from "./helpers/windows.js";

let inventory: Inventory;
let bundles: WindowsBundle[] = [];

beforeAll(() => {
  inventory = loadInventory(join(packageRoot, "examples", "demo-province")).inventory;
  bundles = windowsBundles(inventory);
});

function scripts(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const b of bundles) {
    for (const [path, content] of b.out.files) {
      if (path.endsWith(".ps1")) out.push([`${b.spec.id}/${path}`, asBuffer(content).toString("utf8")]);
    }
  }
  for (const [path, text] of leaverScripts(inventory, "attt-kit test")) out.push([path, text]);
  return out;
}

describe("generated PowerShell", () => {
  it("every script parses with no ERROR or MISSING node", () => {
    const all = scripts();
    expect(all.length).toBeGreaterThan(100);
    for (const [path, text] of all) {
      const tree = parsePowerShell(text);
      expect(syntaxProblems(tree), path).toEqual([]);
      expect(tree.rootNode.hasError, path).toBe(false);
      expect(verbatimMismatches(tree), path).toEqual([]);
    }
  });

  it("the runtime templates parse on their own too", () => {
    for (const name of [
      "runtime-common.ps1",
      "Apply-Baseline.ps1",
      "Test-Baseline.ps1",
      "Undo-Baseline.ps1",
      LEAVER_SCRIPT,
    ]) {
      const tree = parsePowerShell(readFileSync(join(packageRoot, "templates", "windows", name), "utf8"));
      expect(syntaxProblems(tree), name).toEqual([]);
    }
  });

  it("Apply refuses to run without administrator rights and names the role marker and backup", () => {
    for (const b of bundles) {
      const apply = asBuffer(b.out.files.get("Apply-Baseline.ps1") as string).toString("utf8");
      expect(apply.startsWith("\uFEFF#Requires -RunAsAdministrator\r\n")).toBe(true);
      expect(apply).toContain("$Script:MarkerKey = 'SOFTWARE\\attt-kit'");
      expect(apply).toContain("Join-Path $env:ProgramData 'attt-kit'");
    }
  });

  it("the data table carries the bundle's identity and every setting of every control", () => {
    for (const b of bundles) {
      const test = asBuffer(b.out.files.get("Test-Baseline.ps1") as string).toString("utf8");
      const { literals } = scriptShape(parsePowerShell(test), test);
      expect(literals).toContain(b.spec.id);
      expect(literals).toContain(b.spec.unit.name);
      for (const { control, settings } of b.spec.controls) {
        expect(literals, `${b.spec.id} ${control.id}`).toContain(control.id);
        for (const s of settings) {
          if (s.kind === "registry" && !s.name.startsWith("**")) expect(literals).toContain(s.name);
          if (s.kind === "audit") expect(literals).toContain(s.guid.toLowerCase());
          if (s.kind === "check" && s.check === "antimalware-service") expect(literals).toContain(s.service);
        }
      }
    }
  });

  it("the three scripts of a bundle share one data table and one runtime", () => {
    for (const b of bundles) {
      const text = (n: string) => asBuffer(b.out.files.get(n) as string).toString("utf8");
      const table = (s: string) => s.slice(s.indexOf("$Bundle = "), s.indexOf("# attt-kit runtime"));
      const runtime = (s: string) =>
        s.slice(s.indexOf("# attt-kit runtime"), s.lastIndexOf("function Show-BundleHeader"));
      expect(table(text("Apply-Baseline.ps1"))).toBe(table(text("Test-Baseline.ps1")));
      expect(table(text("Undo-Baseline.ps1"))).toBe(table(text("Test-Baseline.ps1")));
      expect(runtime(text("Apply-Baseline.ps1"))).toBe(runtime(text("Undo-Baseline.ps1")));
    }
  });
});

describe("evidence written by Test-Baseline.ps1", () => {
  const template = () => readFileSync(join(packageRoot, "templates", "windows", "Test-Baseline.ps1"), "utf8");
  const common = () => readFileSync(join(packageRoot, "templates", "windows", "runtime-common.ps1"), "utf8");
  /** The keys of the `[ordered]@{ ... }` literal that follows `marker` in the runtime. */
  const keysAfter = (text: string, marker: string): string[] => {
    const from = text.indexOf(marker);
    expect(from, marker).toBeGreaterThanOrEqual(0);
    const body = text.slice(from + marker.length, text.indexOf("\n}", from));
    return [...body.matchAll(/^\s*([a-zA-Z]+) = /gm)].map((m) => m[1] as string);
  };

  it("has the fields of the evidence schema, in its order, with the schema name", () => {
    expect(keysAfter(template(), "$evidence = [ordered]@{")).toEqual(Object.keys(Evidence.shape));
    expect(template()).toContain(`schema = '${EVIDENCE_SCHEMA}'`);
    expect(template()).toContain("bundle = [ordered]@{ id = $Bundle.Id; sha256 = $Bundle.Sha256 }");
  });

  it("writes per-control results with the result schema's fields and statuses", () => {
    const line = common()
      .split("\n")
      .find((l) => l.includes("$result = [ordered]@{"));
    const keys = [...(line ?? "").matchAll(/(\w+) = /g)].map((m) => m[1]).filter((k) => k !== "result");
    expect(keys).toEqual(["control", "status", "observed", "expected"]);
    expect(common()).toContain("$result.detail = ");
    const allowed = new Set(Object.keys(ControlResult.shape));
    for (const k of [...keys, "detail"]) expect(allowed.has(k as string), k).toBe(true);
    for (const status of common().matchAll(/\$status = '(\w+)'/g)) {
      expect(["pass", "fail", "error", "not-applicable"]).toContain(status[1]);
    }
  });
});

describe("leaver scripts", () => {
  it("are byte-identical across two runs", () => {
    expect(leaverScripts(inventory, "attt-kit test")).toEqual(leaverScripts(inventory, "attt-kit test"));
  });

  it("cover each unit with leavers and the province, listing only retired, resigned or transferred people", () => {
    const out = leaverScripts(inventory, "attt-kit test");
    const leavers = inventory.staff.filter((p) => p.status !== "active");
    expect(leavers.length).toBeGreaterThan(0);
    expect(out.has(`${LEAVERS_DIR}/${LEAVER_SCRIPT}`)).toBe(true);
    for (const unit of new Set(leavers.map((p) => p.unit)))
      expect(out.has(`${LEAVERS_DIR}/${unit}/${LEAVER_SCRIPT}`)).toBe(true);
    const provinceText = out.get(`${LEAVERS_DIR}/${LEAVER_SCRIPT}`) as string;
    const province = scriptShape(parsePowerShell(provinceText), provinceText).literals;
    for (const p of inventory.staff) {
      for (const a of p.accounts) {
        if (p.status === "active") continue;
        expect(province, `${p.id} ${a.username}`).toContain(a.username);
      }
    }
    const activeOnly = inventory.staff
      .filter((p) => p.status === "active")
      .flatMap((p) => p.accounts.map((a) => a.username));
    const leaverNames = new Set(leavers.flatMap((p) => p.accounts.map((a) => a.username)));
    for (const name of activeOnly.filter((n) => !leaverNames.has(n))) expect(province).not.toContain(name);
  });

  it("support a dry run and never call a cmdlet with a wildcard-capable name parameter on data", () => {
    const text = leaverScripts(inventory, "attt-kit test").get(`${LEAVERS_DIR}/${LEAVER_SCRIPT}`) as string;
    expect(text).toContain("[CmdletBinding(SupportsShouldProcess = $true)]");
    expect(text).toContain("Disable-LocalUser -InputObject $user");
    expect(text).toContain("Disable-ADAccount -Identity $user");
    const code = text
      .split("\r\n")
      .filter((l) => !l.trimStart().startsWith("#"))
      .join("\n");
    expect(code).not.toMatch(/Get-LocalUser -Name|Get-ADUser -Identity|Get-ADUser -Filter/);
  });
});
