/**
 * `attt check` end to end: the demo's deliberate violations are found with the right
 * requirement IDs, waivers show and expire, bad waiver files are rejected precisely.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_INVENTORY } from "../model/demo.js";
import { bundledCatalogue } from "../model/load-catalogue.js";
import { loadInventory } from "../model/load-inventory.js";
import type { LoadedWaiver } from "../model/waivers.js";
import { checkProvince } from "../policies/check-province.js";
import type { Verdict } from "../policies/engine.js";
import { runCli } from "./helpers/cli.js";

/** The violations the demo declares in its own comments: "# DEMO VIOLATION: ID, ID: what". */
function declaredViolations(): Array<{ file: string; line: number; ids: string[] }> {
  const out: Array<{ file: string; line: number; ids: string[] }> = [];
  for (const name of readdirSync(DEMO_INVENTORY, { recursive: true, encoding: "utf8" })) {
    if (!name.endsWith(".yaml")) continue;
    readFileSync(join(DEMO_INVENTORY, name), "utf8")
      .split("\n")
      .forEach((text, i) => {
        const m = /# DEMO VIOLATION: ([A-Z0-9, -]+?):/.exec(text);
        if (m?.[1]) out.push({ file: name, line: i + 1, ids: m[1].split(",").map((s) => s.trim()) });
      });
  }
  return out;
}

async function demoVerdict(waivers: LoadedWaiver[] = []): Promise<Verdict> {
  return checkProvince({ loaded: loadInventory(DEMO_INVENTORY), catalogue: bundledCatalogue(), waivers });
}

describe("the demo province's deliberate violations", async () => {
  const verdict = await demoVerdict();
  const plans = loadInventory(DEMO_INVENTORY).inventory.province.plans;
  const declared = declaredViolations();

  it("declares several", () => expect(declared.length).toBeGreaterThanOrEqual(8));

  for (const v of declared) {
    // Requirements of plans the province has not adopted do not bind it.
    const binding = v.ids.filter((id) => plans.some((p) => id.startsWith(`${p}-`)));
    it(`${v.file}:${v.line} is found as ${binding.join(", ")}`, () => {
      expect(binding.length).toBeGreaterThan(0);
      for (const id of binding) {
        const near = verdict.findings.filter((f) => {
          const m = /^(.*):(\d+)$/.exec(f.location ?? "");
          return (
            f.requirements.includes(id) && m?.[1]?.endsWith(v.file) && Math.abs(Number(m[2]) - v.line) <= 15
          );
        });
        expect(near.length, `${id} near ${v.file}:${v.line}`).toBeGreaterThan(0);
      }
    });
  }

  it("fails the verdict, and each failing requirement is backed by a finding", () => {
    expect(verdict.passed).toBe(false);
    for (const r of verdict.requirements.filter((x) => x.status === "fail"))
      expect(r.findings).toBeGreaterThan(0);
  });

  it("marks other provinces' plans not applicable", () => {
    const qn = verdict.requirements.filter((r) => r.document === "QN-BCD");
    expect(qn.every((r) => r.status === "not-applicable")).toBe(true);
  });

  it("says evidence is missing where no machine evidence was given", () => {
    expect(verdict.policiesSkipped.map((p) => p.id)).toContain("evidence.controls.pass-share");
  });
});

describe("waivers", () => {
  const waiver = (over: Partial<LoadedWaiver>): LoadedWaiver => ({
    id: "HY-PROV-29",
    scope: "system hoc-ba-so",
    reason: "Assessment contracted with an accredited firm for December 2026 (contract 12/HĐ-SGD)",
    approver: "Giám đốc Sở GDĐT",
    expires: "2027-01-31",
    location: "waivers.yaml:2",
    ...over,
  });

  it("an active waiver turns a failure into waived, and shows", async () => {
    const v = await demoVerdict([waiver({})]);
    expect(v.requirements.find((r) => r.id === "HY-PROV-29")?.status).toBe("waived");
    expect(v.waivers[0]?.state).toBe("active");
    expect(v.waivers[0]?.covers).toBe(1);
  });

  it("an expired waiver is a failure of its own", async () => {
    const v = await demoVerdict([waiver({ expires: "2026-10-31" })]);
    expect(v.requirements.find((r) => r.id === "HY-PROV-29")?.status).toBe("fail");
    expect(v.waivers[0]?.state).toBe("expired");
    expect(v.findings.some((f) => f.policy === "waivers" && /expired on 2026-10-31/.test(f.message))).toBe(
      true,
    );
  });

  it("a waiver that covers nothing is reported unused", async () => {
    const v = await demoVerdict([waiver({ scope: "system khong-co" })]);
    expect(v.waivers[0]?.state).toBe("unused");
  });

  it("every waiver appears in every report format", async () => {
    const dir = mkdtempSync(join(tmpdir(), "attt-waivers-"));
    const file = join(dir, "waivers.yaml");
    writeFileSync(
      file,
      [
        "waivers:",
        "  - id: HY-PROV-29",
        '    scope: "system hoc-ba-so"',
        '    reason: "Assessment contracted for December 2026 (contract 12/HĐ-SGD)"',
        '    approver: "Giám đốc Sở GDĐT"',
        '    expires: "2027-01-31"',
        "",
      ].join("\n"),
    );
    const out = join(dir, "reports");
    const r = await runCli([
      "check",
      "--waivers",
      file,
      "--format",
      "console,json,junit,sarif,markdown,html",
      "--out",
      out,
    ]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain("contract 12/HĐ-SGD");
    for (const f of ["verdict.json", "junit.xml", "attt.sarif", "report.vi.md", "report.vi.html"]) {
      const text = readFileSync(join(out, f), "utf8");
      expect(text, f).toMatch(/contract 12\/HĐ-SGD|Giám đốc Sở GDĐT/);
    }
  });

  const badWaivers: Array<[string, string, RegExp]> = [
    [
      "an empty reason",
      'waivers:\n  - { id: HY-PROV-29, scope: "*", reason: "n/a", approver: "Giám đốc", expires: "2027-01-01" }\n',
      /waivers\[0\]\.reason/,
    ],
    [
      "no approver",
      'waivers:\n  - { id: HY-PROV-29, scope: "*", reason: "Assessment contracted for December", expires: "2027-01-01" }\n',
      /waivers\[0\]\.approver/,
    ],
    [
      "a bad expiry",
      'waivers:\n  - { id: HY-PROV-29, scope: "*", reason: "Assessment contracted for December", approver: "Giám đốc", expires: "next year" }\n',
      /waivers\[0\]\.expires/,
    ],
    [
      "an unknown kind of ID",
      'waivers:\n  - { id: whatever, scope: "*", reason: "Assessment contracted for December", approver: "Giám đốc", expires: "2027-01-01" }\n',
      /waivers\[0\]\.id/,
    ],
  ];
  for (const [name, text, path] of badWaivers) {
    it(`rejects a waiver with ${name}: exit 2, file and line`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "attt-badwaiver-"));
      const file = join(dir, "waivers.yaml");
      writeFileSync(file, text);
      const r = await runCli(["check", "--waivers", file]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`waivers\\.yaml:2:\\d+: ${path.source}`));
      expect(r.stderr).not.toMatch(/^\s+at /m);
    });
  }
});
