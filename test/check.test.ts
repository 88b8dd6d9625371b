/**
 * `attt check` end to end: the demo's deliberate violations are found with the right
 * requirement IDs, waivers show and expire, bad waiver files are rejected precisely.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { emitters } from "../baselines/emit/index.js";
import { generateBundles } from "../baselines/generate.js";
import { DEMO_INVENTORY } from "../model/demo.js";
import { bundledCatalogue } from "../model/load-catalogue.js";
import { loadInventory } from "../model/load-inventory.js";
import { InputError } from "../model/problems.js";
import type { LoadedWaiver } from "../model/waivers.js";
import { checkProvince, readStacks } from "../policies/check-province.js";
import type { Verdict } from "../policies/engine.js";
import { consoleReport } from "../policies/report/console.js";
import { renderReports } from "../policies/report/index.js";
import type { Lang } from "../policies/report/labels.js";
import { viText } from "../policies/report/vi-format.js";
import { synthToDir } from "../stacks/synth.js";
import { markdownCell, markupEscape, xmlText } from "../templates/escape/html.js";
import { runCli } from "./helpers/cli.js";
import { expectVietnamese } from "./helpers/vietnamese.js";

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
    expect(verdict.conclusion.code).toBe("not-met");
    expect(verdict.conclusion.counts.failing).toBe(verdict.totals.fail);
    for (const r of verdict.requirements.filter((x) => x.status === "fail"))
      expect(r.findings).toBeGreaterThan(0);
  });

  it("marks other provinces' plans not applicable", () => {
    const qn = verdict.requirements.filter((r) => r.document === "QN-BCD");
    expect(qn.length).toBeGreaterThan(0);
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
    status: "approved",
    approvedOn: "2026-11-02",
    expires: "2027-01-31",
    location: "waivers.yaml:2",
    ...over,
  });

  it("an approved waiver of the whole requirement (scope *) turns a failure into waived, and shows", async () => {
    const v = await demoVerdict([waiver({ scope: "*" })]);
    expect(v.requirements.find((r) => r.id === "HY-PROV-29")?.status).toBe("waived");
    expect(v.waivers[0]?.state).toBe("active");
    expect(v.waivers[0]?.covers).toBe(1);
  });

  it("a waiver of one system waives its finding, never the province-wide requirement", async () => {
    const v = await demoVerdict([waiver({})]);
    const r = v.requirements.find((x) => x.id === "HY-PROV-29");
    expect(r?.status).toBe("fail");
    expect(r?.waivedFindings).toBe(1);
    expect(r?.note).toMatch(/waived for part of the province only \(system hoc-ba-so\)/);
    // The figure still counts the system: 7 of 8 live systems assessed on time.
    expect([r?.measure?.numerator, r?.measure?.denominator]).toEqual([7, 8]);
    expect(v.waivers[0]?.state).toBe("active");
  });

  it("a requested (not approved) waiver, or one approved after the check date, waives nothing", async () => {
    for (const w of [
      waiver({ scope: "*", status: "requested", approvedOn: undefined }),
      waiver({ scope: "*", approvedOn: "2026-12-01" }),
    ]) {
      const v = await demoVerdict([w]);
      expect(v.requirements.find((r) => r.id === "HY-PROV-29")?.status).toBe("fail");
      expect(v.waivers[0]?.state).toBe("not-approved");
      expect(v.findings.filter((f) => f.waiver)).toEqual([]);
    }
  });

  it("an expired waiver is a failure of its own", async () => {
    const v = await demoVerdict([waiver({ expires: "2026-10-31" })]);
    expect(v.requirements.find((r) => r.id === "HY-PROV-29")?.status).toBe("fail");
    expect(v.waivers[0]?.state).toBe("expired");
    const expired = v.findings.filter((f) => f.policy === "waivers");
    expect(expired.some((f) => /expired on 2026-10-31/.test(f.message))).toBe(true);
    // The engine's own finding has its Vietnamese text too.
    expect(expired.some((f) => /hết hạn ngày 2026-10-31/.test(f.vi.message))).toBe(true);
    expectVietnamese(expired);
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
        '    scope: "*"',
        '    reason: "Assessment contracted for December 2026 (contract 12/HĐ-SGD)"',
        '    approver: "Giám đốc Sở GDĐT"',
        "    status: approved",
        '    approvedOn: "2026-11-02"',
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
      "no status",
      'waivers:\n  - { id: HY-PROV-29, scope: "*", reason: "Assessment contracted for December", approver: "Giám đốc", expires: "2027-01-01" }\n',
      /waivers\[0\]\.status/,
    ],
    [
      "approved without a date",
      'waivers:\n  - { id: HY-PROV-29, scope: "*", reason: "Assessment contracted for December", approver: "Giám đốc", status: approved, expires: "2027-01-01" }\n',
      /waivers\[0\]\.approvedOn/,
    ],
    [
      "an empty reason",
      'waivers:\n  - { id: HY-PROV-29, scope: "*", reason: "n/a", approver: "Giám đốc", status: approved, approvedOn: "2026-11-01", expires: "2027-01-01" }\n',
      /waivers\[0\]\.reason/,
    ],
    [
      "no approver",
      'waivers:\n  - { id: HY-PROV-29, scope: "*", reason: "Assessment contracted for December", status: approved, approvedOn: "2026-11-01", expires: "2027-01-01" }\n',
      /waivers\[0\]\.approver/,
    ],
    [
      "a bad expiry",
      'waivers:\n  - { id: HY-PROV-29, scope: "*", reason: "Assessment contracted for December", approver: "Giám đốc", status: approved, approvedOn: "2026-11-01", expires: "next year" }\n',
      /waivers\[0\]\.expires/,
    ],
    [
      "an ID that names no requirement or policy",
      'waivers:\n  - { id: HY-EDU-S99, scope: "*", reason: "Assessment contracted for December", approver: "Giám đốc", status: approved, approvedOn: "2026-11-01", expires: "2027-01-01" }\n',
      /waivers\[0\]\.id: expected a requirement of the plan catalogue or a policy ID/,
    ],
    [
      "an unknown kind of ID",
      'waivers:\n  - { id: whatever, scope: "*", reason: "Assessment contracted for December", approver: "Giám đốc", status: approved, approvedOn: "2026-11-01", expires: "2027-01-01" }\n',
      /waivers\[0\]\.id/,
    ],
  ];
  for (const [name, text, path] of badWaivers) {
    it(`rejects a waiver with ${name}: exit 2, file and line`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "attt-badwaiver-"));
      const file = join(dir, "waivers.yaml");
      writeFileSync(file, text);
      const out = join(dir, "reports");
      const r = await runCli(["check", "--waivers", file, "--out", out]);
      expect(r.exitCode).toBe(2);
      expect(existsSync(out), "nothing written").toBe(false);
      expect(r.stderr).toMatch(new RegExp(`waivers\\.yaml:2:\\d+: ${path.source}`));
      expect(r.stderr).not.toMatch(/^\s+at /m);
    });
  }
});

/** The demo's bundles (all of them, or one unit's), written where `attt check --bundles` reads them. */
function writeBundles(unit?: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), "attt-check-bundles-")), "bundles");
  const { inventory } = loadInventory(DEMO_INVENTORY);
  for (const [rel, content] of generateBundles(inventory, emitters, unit ? { unit } : {}).tree) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}

const status = (v: Verdict, id: string) => v.requirements.find((r) => r.id === id)?.status;

describe("check --bundles compares with what the inventory calls for", () => {
  it("bundles of one unit fail every other unit's bundle, by unit and role", async () => {
    const v = await checkProvince({
      loaded: loadInventory(DEMO_INVENTORY),
      catalogue: bundledCatalogue(),
      waivers: [],
      bundlesDir: writeBundles("hy-th-le-loi"),
    });
    expect(status(v, "HY-EDU-T3")).toBe("fail");
    expect(status(v, "HY-EDU-S04")).toBe("fail");
    const missing = v.findings.filter((f) => f.policy === "bundle.inventory.all-generated");
    const classified = missing.find((f) => f.subject === "bundle so-gddt-khao-thi/windows-classified");
    expect(classified?.unit).toBe("so-gddt-khao-thi");
    expect(classified?.requirements).toContain("HY-EDU-T3");
    expect(classified?.message).toMatch(
      /windows classified machine\(s\) .*no so-gddt-khao-thi\/windows-classified\//,
    );
    expect(classified?.location).toMatch(/\.yaml:\d+$/);
    expect(missing.some((f) => f.unit === "hy-th-le-loi")).toBe(false);
  });

  it("the whole province's bundles leave the classified requirements configured, not pass", async () => {
    const v = await checkProvince({
      loaded: loadInventory(DEMO_INVENTORY),
      catalogue: bundledCatalogue(),
      waivers: [],
      bundlesDir: writeBundles(),
    });
    expect(v.findings.filter((f) => f.policy === "bundle.inventory.all-generated")).toEqual([]);
    // Clean bundles are configuration, not measurement: configured, never pass, until machines report.
    expect(status(v, "HY-EDU-T3")).toBe("configured");
    expect(status(v, "HY-EDU-S04")).toBe("configured");
  });

  it("a directory holding no bundle is bad input, not a pass (exit 2)", async () => {
    const empty = mkdtempSync(join(tmpdir(), "attt-check-empty-"));
    for (const [dir, found] of [
      [empty, /found an empty directory/],
      [DEMO_INVENTORY, /looks like an inventory/],
    ] as const) {
      const r = await runCli(["check", "--bundles", dir]);
      expect(r.exitCode, dir).toBe(2);
      expect(r.stderr).toContain("expected the output of attt baseline generate");
      expect(r.stderr).toMatch(found);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stdout).toBe("");
    }
  });

  it("baseline generate --unit, then check --bundles: FAIL, not a false green", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "attt-check-unit-")), "bundles");
    expect((await runCli(["baseline", "generate", "--unit", "hy-th-le-loi", "--out", out])).exitCode).toBe(0);
    const r = await runCli(["check", "--verbose", "--bundles", out]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^FAIL HY-EDU-T3 /m);
    expect(r.stdout).toMatch(/^FAIL HY-EDU-S04 /m);
    // Severity in the default (Vietnamese) summary: NGHIÊM TRỌNG is critical.
    expect(r.stdout).toMatch(/NGHIÊM TRỌNG bundle so-gddt-khao-thi\/windows-classified: /);
  });
});

describe("check --stacks takes the synth output and nothing else", () => {
  const out = join(mkdtempSync(join(tmpdir(), "attt-check-stacks-")), "datacentre");
  synthToDir(loadInventory(DEMO_INVENTORY).inventory, out);
  const problemOf = (dir: string): string => {
    try {
      readStacks(dir);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as InputError).problems.map((p) => `expected ${p.expected}, found ${p.found}`).join("\n");
    }
    throw new Error(`${dir} was accepted`);
  };

  it("reads manifest.json, stacks/<name>/cdk.tf.json and config/", () => {
    const { stacks, configFiles } = readStacks(out);
    expect([...stacks.keys()].sort()).toEqual(["backup", "data", "monitoring", "network", "storage"]);
    expect([...configFiles.keys()].some((k) => k.startsWith("config/"))).toBe(true);
  });

  it("refuses the stacks/ subfolder and points at its parent", () => {
    const text = problemOf(join(out, "stacks"));
    expect(text).toMatch(
      /expected the output of attt synth --out DIR \(manifest\.json, stacks\/<name>\/cdk\.tf\.json, config\/\)/,
    );
    expect(text).toMatch(/a folder of 5 stack\(s\)/);
    expect(text).toContain(`this is the stacks/ folder of a synth output: pass its parent, ${out}`);
  });

  it("refuses a file, one stack's folder, a directory without config/, and an empty one", () => {
    expect(problemOf(join(out, "manifest.json"))).toMatch(/found a file; did you mean /);
    expect(problemOf(join(out, "stacks", "network"))).toMatch(/one stack's folder/);
    expect(problemOf(mkdtempSync(join(tmpdir(), "attt-check-nostacks-")))).toMatch(
      /no manifest\.json, no stacks\/<name>\/cdk\.tf\.json, no config\//,
    );
    expect(problemOf(join(out, "nothing-here"))).toMatch(/nothing at that path/);
  });

  it("on the command line: exit 2 with the message, exit 1 (findings) on the right path", async () => {
    const bad = await runCli(["check", "--stacks", join(out, "stacks")]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain(`pass its parent, ${out}`);
    expect(bad.stderr).not.toMatch(/^\s+at /m);
    const file = await runCli(["check", "--stacks", join(out, "manifest.json")]);
    expect(file.exitCode).toBe(2);
    expect(file.stderr).toMatch(/found a file/);
    expect(file.stderr).not.toMatch(/nothing at that path/);
    const good = await runCli(["check", "--stacks", out]);
    expect(good.exitCode).toBe(1);
    // The console summary is in Vietnamese unless --lang en.
    expect(good.stdout).toMatch(/KẾT LUẬN: CHƯA ĐẠT/);
  });
});

describe("check --as-of", () => {
  for (const date of ["2026-13-45", "2026-02-30", "0000-00-00", "2026-1-1"]) {
    it(`refuses ${date} (exit 2)`, async () => {
      const r = await runCli(["check", "--as-of", date]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`--as-of must be a real calendar date YYYY-MM-DD, not "${date}"`);
      expect(r.stdout).toBe("");
    });
  }
  it("accepts a leap day, and checkProvince refuses a bad date too", async () => {
    const loaded = loadInventory(DEMO_INVENTORY);
    const v = await checkProvince({ loaded, catalogue: bundledCatalogue(), waivers: [], asOf: "2028-02-29" });
    expect(v.asOf).toBe("2028-02-29");
    await expect(
      checkProvince({ loaded, catalogue: bundledCatalogue(), waivers: [], asOf: "2026-02-30" }),
    ).rejects.toBeInstanceOf(InputError);
  });
});

describe("check --out", () => {
  it("without --format writes every report README lists, and the console summary", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "attt-check-out-")), "reports");
    const r = await runCli(["check", "--lang", "en", "--out", out]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/CONCLUSION: NOT MET/);
    for (const f of ["verdict.json", "junit.xml", "attt.sarif", "report.en.md", "report.en.html"])
      expect(existsSync(join(out, f)), f).toBe(true);
  });
  it("with --format console only is refused, since it would write nothing", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "attt-check-out-")), "reports");
    const r = await runCli(["check", "--format", "console", "--out", out]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/writes no file/);
    expect(existsSync(out)).toBe(false);
  });
});

/**
 * The demo's inventory and the plans' targets read straight from their YAML (not through
 * the product's loader or policies), for values computed here as each plan defines them.
 */
function demoYaml(): {
  asOf: string;
  budgets: DemoBudget[];
  systems: DemoSystem[];
  units: Array<{ id: string; type: string }>;
} {
  let asOf = "";
  const budgets: DemoBudget[] = [];
  const systems: DemoSystem[] = [];
  const units: Array<{ id: string; type: string }> = [];
  for (const name of readdirSync(DEMO_INVENTORY, { recursive: true, encoding: "utf8" })) {
    if (!/\.ya?ml$/.test(name)) continue;
    const doc = parseYaml(readFileSync(join(DEMO_INVENTORY, name), "utf8")) ?? {};
    if (doc.province?.asOf) asOf = String(doc.province.asOf);
    budgets.push(...(doc.budgets ?? []));
    systems.push(...(doc.systems ?? []));
    units.push(...(doc.units ?? []));
  }
  return { asOf, budgets, systems, units };
}
interface DemoBudget {
  unit: string;
  year: number;
  itTotal: number;
  security: number;
}
interface DemoSystem {
  level: number;
  lastAssessmentOn: string | null;
  protection: { onSiteStaff?: string | null; socMonitored?: boolean; nationalSocConnected?: boolean };
}
function planTarget(id: string): { comparator: string; value: number } {
  const doc = id.split("-").slice(0, 2).join("-");
  const plan = parseYaml(
    readFileSync(join(import.meta.dirname, "..", "policies", "plans", `${doc}.yaml`), "utf8"),
  );
  const req = plan.requirements.find((r: { id: string }) => r.id === id);
  return { comparator: req.target.comparator, value: req.target.value };
}
/** A percentage as the reports print it: at most two decimals, no trailing zeros. */
const pct = (numerator: number, denominator: number) =>
  String(Number(((100 * numerator) / denominator).toFixed(2)));
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The wording each language gives a measure against its target (written out here, not read from the product). */
const MEASURE_WORDS: Record<
  Lang,
  {
    met: string;
    notMet: string;
    findings: (n: number) => string;
    coverage: (d: number, p: number) => string;
    atLeast: string;
  }
> = {
  en: {
    atLeast: ">=",
    met: "target {t} met",
    notMet: "target {t} not met",
    findings: (n) => `${n} findings?`,
    coverage: (d, p) => `data for ${d} of ${p}`,
  },
  vi: {
    atLeast: "≥",
    met: "đạt mục tiêu {t}",
    notMet: "chưa đạt mục tiêu {t}",
    findings: (n) => `${n} tồn tại`,
    coverage: (d, p) => `có số liệu ${d}/${p}`,
  },
};

for (const lang of ["vi", "en"] as const) {
  describe(`console summary (${lang})`, async () => {
    const text = consoleReport(await demoVerdict(), { lang });
    const demo = demoYaml();
    const words = MEASURE_WORDS[lang];
    // Vietnamese writes a decimal comma (66,67%).
    const inLang = (n: string) => (lang === "vi" ? n.replace(".", ",") : n);

    it("says a measure meets its target when the failure comes from findings", () => {
      // HY-EDU-A11: the security share of the sector's IT budget for the year, at least 10 %;
      // the KPI is the share of the total, and each unit below the target is a finding.
      const target = planTarget("HY-EDU-A11");
      const year = demo.budgets.filter((b) => b.year === Number(demo.asOf.slice(0, 4)));
      expect(year.length).toBeGreaterThan(1);
      const security = year.reduce((n, b) => n + b.security, 0);
      const total = year.reduce((n, b) => n + b.itTotal, 0);
      const below = year.filter((b) => (100 * b.security) / b.itTotal < target.value).length;
      // Every unit holding a budget (the Department's offices are in the Department's line) is
      // counted; one with no line for the year is a finding of its own and shows in the coverage.
      const holders = demo.units.filter((u) => u.type !== "department-office");
      const withLine = holders.filter((u) => year.some((b) => b.unit === u.id)).length;
      expect(withLine).toBeLessThan(holders.length);
      expect((100 * security) / total).toBeGreaterThanOrEqual(target.value);
      expect(below).toBeGreaterThan(0);
      expect(target.comparator).toBe(">=");
      const met = escapeRe(words.met).replace("\\{t\\}", `${words.atLeast} ${target.value}%`);
      const coverage = escapeRe(words.coverage(withLine, holders.length));
      const findings = words.findings(below + holders.length - withLine);
      expect(text).toMatch(
        new RegExp(
          `^FAIL HY-EDU-A11 .* ${escapeRe(inLang(pct(security, total)))}% \\[${coverage}\\] \\(${met}; ${findings}\\)$`,
          "m",
        ),
      );
    });

    it("says when a measure misses its target", () => {
      // HY-EDU-T1: the share of information systems with all four layers of Directive 14:
      // on-site staff, SOC monitoring, an independent assessment on time (HY-PROV-29: every
      // year at level 3, every two years at levels 1-2) and the national connection.
      const target = planTarget("HY-EDU-T1");
      const assessedOnTime = (s: DemoSystem) => {
        if (!s.lastAssessmentOn) return false;
        const due = new Date(`${s.lastAssessmentOn}T00:00:00Z`);
        due.setUTCFullYear(due.getUTCFullYear() + (s.level >= 3 ? 1 : 2));
        return due.toISOString().slice(0, 10) >= demo.asOf;
      };
      const protectedSystems = demo.systems.filter(
        (s) =>
          Boolean(s.protection.onSiteStaff) &&
          s.protection.socMonitored === true &&
          assessedOnTime(s) &&
          s.protection.nationalSocConnected === true,
      ).length;
      expect(demo.systems.length).toBeGreaterThan(1);
      expect((100 * protectedSystems) / demo.systems.length).toBeLessThan(target.value);
      expect(target.comparator).toBe(">=");
      const notMet = escapeRe(words.notMet).replace("\\{t\\}", `${words.atLeast} ${target.value}%`);
      expect(text).toMatch(
        new RegExp(
          `^FAIL HY-EDU-T1 .* ${escapeRe(inLang(pct(protectedSystems, demo.systems.length)))}% \\(${notMet}\\)$`,
          "m",
        ),
      );
    });
  });
}

describe("the console summary and the reports follow --lang", async () => {
  const verdict = await demoVerdict();
  const open = verdict.findings.filter((f) => !f.waiver);
  const summary = { vi: consoleReport(verdict, { lang: "vi" }), en: consoleReport(verdict, { lang: "en" }) };
  // The fixed words of each language's summary, and the English ones the Vietnamese must not show.
  const english =
    /CONCLUSION|Findings \(|\bfix: |\bat: |deadline passed|\btarget\b|Skipped|\bas of\b|\b(pass|fail),/;
  const vietnamese =
    /KẾT LUẬN|Tồn tại cần khắc phục|khắc phục:|vị trí:|đã quá hạn|mục tiêu|Bỏ qua|số liệu tính đến/;

  it("the demo has open findings, a passed deadline and skipped policies to show", () => {
    expect(open.length).toBeGreaterThan(3);
    expect(verdict.requirements.some((r) => r.deadlinePassed && r.status === "fail")).toBe(true);
    expect(verdict.policiesSkipped.length).toBeGreaterThan(0);
  });

  it("in Vietnamese: every finding's Vietnamese message and fix, and Vietnamese headings and totals", () => {
    const text = summary.vi;
    expectVietnamese(verdict.findings);
    for (const f of open) {
      expect(text).toContain(`${f.subject}: ${f.vi.message}`);
      expect(text).toContain(`khắc phục: ${f.vi.fix}`);
      expect(text).not.toContain(f.message);
    }
    expect(text).toContain(`Tồn tại cần khắc phục (${open.length}):`);
    expect(text).toMatch(/^\s+vị trí:\s+\S+\.yaml:\d+$/m);
    expect(text).toMatch(/\[đã quá hạn\]$/m);
    const t = verdict.totals;
    expect(text).toContain(
      `${verdict.provinceName} (số liệu tính đến ngày ${verdict.asOf.split("-").reverse().join("/")}): ${t.pass} đạt, ${t.fail} chưa đạt, ` +
        `${t.waived} đạt (có miễn trừ), ${t.recorded} đạt (có hồ sơ), ${t.configured} đã cấu hình, chưa có minh chứng, ` +
        `${t["evidence-missing"]} chưa có minh chứng, ${t.manual} theo dõi thủ công, ` +
        `${t["not-applicable"]} không áp dụng. KẾT LUẬN: CHƯA ĐẠT (${verdict.conclusion.counts.met}/${verdict.conclusion.counts.adopted} yêu cầu đạt, ` +
        `${t.fail} chưa đạt, ${verdict.conclusion.counts.unproven} chưa đủ căn cứ)`,
    );
    expect(text).toMatch(
      new RegExp(`^Bỏ qua ${verdict.policiesSkipped.length} chính sách \\(thiếu đầu vào\\): chưa có `, "m"),
    );
    // A requirement reads as the plan words it.
    const s12 = verdict.requirements.find((r) => r.id === "HY-EDU-S12");
    expect(text).toMatch(new RegExp(`^FAIL HY-EDU-S12 +${escapeRe(s12?.vi.text.slice(0, 30) ?? "?")}`, "m"));
    expect(text).not.toMatch(english);
  });

  it("in English: the English message and fix, and English headings and totals", () => {
    const text = summary.en;
    for (const f of open) {
      expect(text).toContain(`${f.subject}: ${f.message}`);
      expect(text).toContain(`fix: ${f.fix}`);
      expect(text).not.toContain(f.vi.message);
    }
    expect(text).toContain(`Findings (${open.length}):`);
    expect(text).toMatch(/^\s+at:\s+\S+\.yaml:\d+$/m);
    expect(text).toMatch(/\[deadline passed\]$/m);
    expect(text).toMatch(
      new RegExp(
        `^${escapeRe(verdict.provinceName)} as of ${verdict.asOf}: .*CONCLUSION: NOT MET \\(\\d+/\\d+ requirements met, ${verdict.totals.fail} failing, \\d+ unproven\\)$`,
        "m",
      ),
    );
    expect(text).toMatch(
      new RegExp(`^Skipped ${verdict.policiesSkipped.length} policies \\(no input\\): `, "m"),
    );
    expect(text).not.toMatch(vietnamese);
  });

  it("shows waivers in the chosen language", async () => {
    const v = await demoVerdict([
      {
        id: "HY-PROV-29",
        scope: "system hoc-ba-so",
        reason: "Assessment contracted for December 2026",
        approver: "Giám đốc Sở GDĐT",
        status: "approved",
        approvedOn: "2026-11-02",
        expires: "2027-01-31",
        location: "waivers.yaml:2",
      },
    ]);
    expect(consoleReport(v, { lang: "vi" })).toContain(
      "[đang áp dụng] HY-PROV-29 system hoc-ba-so: Assessment contracted for December 2026 (Giám đốc Sở GDĐT, đến hết 31/01/2027; áp dụng cho 1 tồn tại)",
    );
    expect(consoleReport(v, { lang: "en" })).toContain(
      "[active] HY-PROV-29 system hoc-ba-so: Assessment contracted for December 2026 (Giám đốc Sở GDĐT, until 2027-01-31; covers 1)",
    );
  });

  it("Markdown and HTML show each finding in the report's language", () => {
    for (const lang of ["vi", "en"] as const) {
      const tree = renderReports(verdict, bundledCatalogue(), ["markdown", "html"], lang);
      const md = tree.get(`report.${lang}.md`) as string;
      const html = tree.get(`report.${lang}.html`) as string;
      for (const f of verdict.findings) {
        // Vietnamese reports write dates, decimals and "minh chứng" as an official does (vi-format.ts).
        const [shown, other] =
          lang === "vi"
            ? [{ message: viText(f.vi.message), fix: viText(f.vi.fix) }, f]
            : [f, { message: viText(f.vi.message), fix: viText(f.vi.fix) }];
        expect(md, f.subject).toContain(`| ${markdownCell(shown.message)} | ${markdownCell(shown.fix)} |`);
        expect(md, f.subject).not.toContain(markdownCell(other.message));
        expect(html, f.subject).toContain(`<td>${markupEscape(shown.fix)}</td>`);
        expect(html, f.subject).toContain(markupEscape(shown.message));
        expect(html, f.subject).not.toContain(markupEscape(other.message));
      }
    }
  });

  it("junit.xml and attt.sarif follow the language; verdict.json keeps both", () => {
    for (const lang of ["vi", "en"] as const) {
      const tree = renderReports(verdict, bundledCatalogue(), ["junit", "sarif", "json"], lang);
      const junit = tree.get("junit.xml") as string;
      const sarif = JSON.parse(tree.get("attt.sarif") as string);
      const json = JSON.parse(tree.get("verdict.json") as string);
      for (const [i, f] of verdict.findings.entries()) {
        const [shown, other] = lang === "vi" ? [f.vi, f] : [f, f.vi];
        if (!f.waiver) expect(junit, f.subject).toContain(xmlText(`${f.subject}: ${shown.message}`));
        expect(junit, f.subject).not.toContain(xmlText(other.message));
        expect(sarif.runs[0].results[i].message.text).toContain(`${shown.message}. `);
        expect(sarif.runs[0].results[i].message.text).not.toContain(other.message);
        expect(json.findings[i]).toMatchObject({ message: f.message, fix: f.fix, vi: f.vi });
      }
      expect(junit).toContain(lang === "vi" ? "khắc phục: " : "fix: ");
    }
  });
});
