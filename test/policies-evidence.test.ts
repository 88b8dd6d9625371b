/**
 * The evidence pack counts the plans' "100% of computers" from machine records:
 * all pass -> 100 %; a failing machine, a silent machine or an outdated bundle is
 * not compliant and is listed. Malformed records are rejected with file and line.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { controls } from "../baselines/controls/index.js";
import { evidenceFileName, syntheticEvidence, writeEvidence } from "../bench/synthetic-evidence.js";
import type { Evidence } from "../model/evidence.js";
import { bundledCatalogue } from "../model/load-catalogue.js";
import { loadInventory } from "../model/load-inventory.js";
import { checkProvince } from "../policies/check-province.js";
import type { Verdict } from "../policies/engine.js";
import { runCli } from "./helpers/cli.js";
import { expectVietnamese } from "./helpers/vietnamese.js";

const MINIMAL = join(import.meta.dirname, "fixtures/minimal");
const loaded = loadInventory(MINIMAL);
const machines = loaded.inventory.units.flatMap((u) => u.machines).reduce((n, g) => n + g.count, 0);

async function verdictFor(records: Evidence[]) {
  const dir = mkdtempSync(join(tmpdir(), "attt-ev-"));
  try {
    writeEvidence(dir, records);
    return await checkProvince({ loaded, catalogue: bundledCatalogue(), waivers: [], evidenceDir: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The evidence pack's figure for a requirement (its headline, or one of its other figures). */
const evidenceFigure = (r: Verdict["requirements"][number] | undefined) =>
  [r?.measure, ...(r?.otherMeasures ?? [])].find((m) => m?.policy === "evidence.controls.pass-share");

const evidenceFindings = (v: Awaited<ReturnType<typeof verdictFor>>) =>
  v.findings.filter((f) => f.policy === "evidence.controls.pass-share");
/** A requirement every Windows machine's bundle serves (from the catalogue of controls, not a constant). */
const adopted = (id: string) => loaded.inventory.province.plans.some((p) => id.startsWith(`${p}-`));
const windowsRequirement = controls
  .filter((c) => c.appliesTo.os.includes("windows") && c.appliesTo.roles.includes("lab"))
  .flatMap((c) => c.requirements)
  .find(adopted) as string;

describe("evidence pack", () => {
  it("has controls to count", () => {
    expect(windowsRequirement).toBeDefined();
  });

  it("every machine passing gives 100 % and no finding", async () => {
    const records = syntheticEvidence(loaded.inventory, { failShare: 0 });
    expect(records).toHaveLength(machines);
    const v = await verdictFor(records);
    expect(evidenceFindings(v)).toEqual([]);
    const r = v.requirements.find((x) => x.id === windowsRequirement);
    expect(evidenceFigure(r)?.value).toBe(100);
    expect(evidenceFigure(r)?.denominator).toBeGreaterThan(0);
  });

  it("a failing machine is listed by name and lowers the share", async () => {
    const records = syntheticEvidence(loaded.inventory, { failShare: 0 });
    const victim = records.find((r) => r.unit === "thcs-le-loi") as Evidence;
    const failed = victim.results[0] as Evidence["results"][number];
    failed.status = "fail";
    const v = await verdictFor(records);
    const f = evidenceFindings(v).find((x) => x.subject === `machine ${victim.machine}`);
    expect(f?.message).toContain(failed.control);
    expect(f?.vi.message).toContain(failed.control);
    expectVietnamese(evidenceFindings(v));
    const control = controls.find((c) => c.id === failed.control);
    const r = v.requirements.find((x) => x.id === control?.requirements.find(adopted));
    expect(evidenceFigure(r)?.value).toBeLessThan(100);
    expect(r?.status).toBe("fail");
  });

  it("machines that sent nothing count as not compliant and are named", async () => {
    const records = syntheticEvidence(loaded.inventory, { failShare: 0 }).filter(
      (r) => r.machine !== "thcs-le-loi-lab-01",
    );
    const v = await verdictFor(records);
    const f = evidenceFindings(v).find((x) => /sent no evidence/.test(x.message));
    expect(f?.message).toContain("thcs-le-loi-lab-01");
    expect(f?.vi.message).toContain("thcs-le-loi-lab-01");
    expectVietnamese(evidenceFindings(v));
    const r = v.requirements.find((x) => x.id === windowsRequirement);
    expect(evidenceFigure(r)?.numerator).toBe((evidenceFigure(r)?.denominator ?? 0) - 1);
    expect(evidenceFigure(r)?.coverage).toMatchObject({
      withData: (evidenceFigure(r)?.denominator ?? 0) - 1,
    });
  });

  it("evidence from an outdated bundle does not count", async () => {
    const records = syntheticEvidence(loaded.inventory, { failShare: 0 });
    (records[0] as Evidence).bundle.sha256 = "0".repeat(64);
    const v = await verdictFor(records);
    expect(evidenceFindings(v).some((f) => /outdated bundle/.test(f.message))).toBe(true);
    expectVietnamese(evidenceFindings(v));
  });
});

describe("malformed evidence: exit 2 with file, line and field", () => {
  const good = () => syntheticEvidence(loaded.inventory, { failShare: 0 });
  const cases: Array<[string, (dir: string) => void, RegExp]> = [
    [
      "a wrong status",
      (dir) => {
        const r = good();
        writeEvidence(dir, r);
        const bad = {
          ...(r[0] as Evidence),
          results: [{ control: (r[0] as Evidence).results[0]?.control, status: "ok" }],
        };
        writeFileSync(join(dir, evidenceFileName(r[0] as Evidence)), JSON.stringify(bad, null, 2));
      },
      /\.json:\d+:\d+: results\[0\]\.status: expected one of "pass"/,
    ],
    [
      "an unknown control",
      (dir) => {
        const r = good();
        ((r[0] as Evidence).results[0] as { control: string }).control = "win.no-such.control";
        writeEvidence(dir, r);
      },
      /\.json:1:\d+: results\[0\]\.control: expected a control of the catalogue, found unknown control "win\.no-such\.control"/,
    ],
    [
      "not JSON",
      (dir) => {
        writeEvidence(dir, good());
        writeFileSync(join(dir, "broken.json"), '{ "schema": "attt.evidence/2", ');
      },
      /broken\.json:\d+:\d+: expected valid YAML/,
    ],
    [
      "a missing field",
      (dir) => {
        const r = good();
        const { machine: _drop, ...rest } = r[0] as Evidence;
        writeEvidence(dir, r.slice(1));
        writeFileSync(join(dir, "nameless.json"), JSON.stringify(rest, null, 2));
      },
      /nameless\.json:\d+:\d+: machine: expected a string, found nothing/,
    ],
    [
      "an unknown bundle",
      (dir) => {
        const r = good();
        (r[0] as Evidence).bundle.id = "thcs-le-loi/linux-server";
        writeEvidence(dir, r);
      },
      /bundle\.id: expected a bundle of this province/,
    ],
  ];
  for (const [name, make, message] of cases) {
    it(name, async () => {
      const dir = mkdtempSync(join(tmpdir(), "attt-badev-"));
      make(dir);
      const r = await runCli(["check", MINIMAL, "--evidence", dir]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    });
  }
});
