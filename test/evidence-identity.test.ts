/**
 * Who is who in machine evidence: the cases a province meets when 100,000 machines
 * report. Windows names cut to 15 characters, machines the inventory names only by
 * count, one name at two schools, one machine audited twice, evidence too old or dated
 * after asOf, and a licence renewed in the inventory. None of them aborts the check;
 * each is counted once or reported as a finding of its unit.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type BundleSpec, bundleSpecs } from "../baselines/bundle-spec.js";
import { bundleHash } from "../baselines/generate.js";
import { syntheticMachineId } from "../bench/synthetic-evidence.js";
import { EVIDENCE_SCHEMA, type Evidence } from "../model/evidence.js";
import type { Inventory } from "../model/inventory.js";
import { netbiosCollisions } from "../model/machine-names.js";
import type { Issue } from "../policies/policy.js";
import controlPassShare from "../policies/rules/evidence/controls-pass-share.js";
import { runCli } from "./helpers/cli.js";
import { testInventory, type UnitInput } from "./helpers/linux-bundles.js";

const AS_OF = "2026-11-20";
const lab = (n: number) => `hy-thpt-chuyen-tb-lab-${String(n).padStart(2, "0")}`;

function windowsUnit(id: string, machines: UnitInput["machines"]): UnitInput {
  return {
    id,
    name: `Trường ${id}`,
    type: "upper-secondary",
    level: 2,
    machines,
    network: { remoteAdminFrom: [] },
  };
}

const specOf = (inv: Inventory, id: string) => bundleSpecs(inv).find((s) => s.id === id) as BundleSpec;

/** A record as the current audit script writes it, every control passing unless `fail` names one. */
function record(
  spec: BundleSpec,
  machine: string,
  o: { id?: string; at?: string; fail?: boolean; netbios?: string; hash?: string } = {},
): { file: string; evidence: Evidence } {
  const evidence: Evidence = {
    schema: EVIDENCE_SCHEMA,
    machine,
    ...(o.netbios ? { netbios: o.netbios } : {}),
    machineId: o.id ?? syntheticMachineId(spec.unit.id, machine),
    unit: spec.unit.id,
    role: spec.role,
    os: "windows-11",
    bundle: { id: spec.id, sha256: o.hash ?? bundleHash(spec) },
    collectedAt: o.at ?? `${AS_OF}T08:00:00+07:00`,
    results: spec.controls.map((rc, i) => ({
      control: rc.control.id,
      status: o.fail && i === 0 ? "fail" : "pass",
    })),
  };
  return {
    file: `${spec.unit.id}/${machine}-${evidence.machineId.slice(0, 6)}-${evidence.collectedAt}.json`,
    evidence,
  };
}

function check(inventory: Inventory, records: Array<{ file: string; evidence: Evidence }>) {
  const result = controlPassShare.check({
    inventory,
    targets: new Map(),
    asOf: inventory.province.asOf,
    where: () => "inventory.yaml",
    records,
  });
  const measure = result.measures?.[0];
  /** Machines passing / counted for one unit, from the first requirement's breakdown. */
  const unit = (id: string) => {
    const b = measure?.breakdown?.find((x) => x.key.startsWith(`${id} `));
    return b ? `${b.numerator}/${b.denominator}` : "none";
  };
  const about = (re: RegExp) => result.findings.filter((f: Issue) => re.test(f.message));
  return { result, unit, about };
}

describe("Windows names cut to 15 characters", () => {
  const inv = testInventory([
    windowsUnit("hy-thpt-chuyen", [
      {
        role: "lab",
        os: "windows-11",
        count: 40,
        hosts: Array.from({ length: 40 }, (_, i) => ({ name: lab(i + 1) })),
      },
    ]),
  ]);
  const spec = specOf(inv, "hy-thpt-chuyen/windows-lab");

  it("40 machines reporting their full DNS names, in any case, count as 40 of 40", () => {
    const records = Array.from({ length: 40 }, (_, i) =>
      record(spec, `${lab(i + 1).toUpperCase()}.hy.edu.vn`, { netbios: "HY-THPT-CHUYEN-" }),
    );
    const { unit, result } = check(inv, records);
    expect(unit("hy-thpt-chuyen")).toBe("40/40");
    expect(result.findings).toEqual([]);
  });

  it("records naming only the shared NetBIOS form count for no one, and say why", () => {
    const records = Array.from({ length: 40 }, (_, i) =>
      record(spec, "HY-THPT-CHUYEN-", { id: syntheticMachineId("x", String(i)) }),
    );
    const { unit, about } = check(inv, records);
    expect(unit("hy-thpt-chuyen")).toBe("0/40");
    const [f] = about(/NetBIOS/);
    expect(f?.message).toContain("40 record(s) name only HY-THPT-CHUYEN-");
    expect(f?.unit).toBe("hy-thpt-chuyen");
    expect(f?.vi.message).toContain("dạng NetBIOS 15 ký tự");
  });

  it("a NetBIOS form that only one named machine has matches it", () => {
    const one = testInventory([
      windowsUnit("thpt-a", [
        {
          role: "lab",
          os: "windows-11",
          count: 2,
          hosts: [{ name: "phong-may-tinh-so-1" }, { name: "pc02" }],
        },
      ]),
    ]);
    const s = specOf(one, "thpt-a/windows-lab");
    const { unit, result } = check(one, [record(s, "PHONG-MAY-TINH-"), record(s, "pc02")]);
    expect(unit("thpt-a")).toBe("2/2");
    expect(result.findings).toEqual([]);
  });

  it("attt validate's collision list names the 40 machines under one NetBIOS name", () => {
    const [c, ...rest] = netbiosCollisions(inv);
    expect(rest).toEqual([]);
    expect(c?.netbios).toBe("HY-THPT-CHUYEN-");
    expect(c?.hosts).toHaveLength(40);
    expect(c?.unit).toBe("hy-thpt-chuyen");
  });
});

describe("attt validate and NetBIOS names", () => {
  it("warns of Windows names whose first 15 characters collide, and still exits 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "attt-netbios-"));
    const minimal = readFileSync(join(import.meta.dirname, "fixtures/minimal/inventory.yaml"), "utf8");
    const file = join(dir, "inventory.yaml");
    const twoNames = minimal.replace(
      "          - { name: thcs-le-loi-lab-01 }",
      "          - { name: thcs-le-loi-lab-01 }\n          - { name: THCS-LE-LOI-LAB-02 }",
    );
    expect(twoNames).not.toBe(minimal);
    writeFileSync(file, twoNames);
    const r = await runCli(["validate", file, "--json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).netbiosCollisions).toEqual([
      {
        unit: "thcs-le-loi",
        netbios: "THCS-LE-LOI-LAB",
        hosts: ["thcs-le-loi-lab-01", "thcs-le-loi-lab-02"],
      },
    ]);
    expect(r.stderr).toContain("cùng tên NetBIOS THCS-LE-LOI-LAB");
    writeFileSync(file, minimal);
    const clean = await runCli(["validate", file, "--json"]);
    expect(JSON.parse(clean.stdout).netbiosCollisions).toEqual([]);
    expect(clean.stderr).toBe("");
  });
});

describe("machines the inventory counts but does not name", () => {
  const inv = testInventory([windowsUnit("thcs-b", [{ role: "lab", os: "windows-11", count: 40 }])]);
  const spec = specOf(inv, "thcs-b/windows-lab");
  const pc = (n: number) => `PC${String(n).padStart(2, "0")}`;

  it("42 machines reporting for 40: 40 count, the 2 beyond are unknown machines", () => {
    const records = Array.from({ length: 42 }, (_, i) => record(spec, pc(i + 1)));
    const { unit, about } = check(inv, records);
    expect(unit("thcs-b")).toBe("40/40");
    const unknown = about(/is not counted/);
    expect(unknown.map((f) => f.subject)).toEqual(["machine PC41", "machine PC42"]);
    expect(unknown[0]?.vi.message).toContain("không được tính");
  });

  it("38 reporting: 38 of 40, the 2 silent machines are missing", () => {
    const { unit, about } = check(
      inv,
      Array.from({ length: 38 }, (_, i) => record(spec, pc(i + 1))),
    );
    expect(unit("thcs-b")).toBe("38/40");
    expect(about(/sent no evidence/)[0]?.message).toMatch(/^2 of 40 lab machines/);
  });
});

describe("one name, several machines; one machine, several audits", () => {
  const inv = testInventory([
    windowsUnit("th-a", [
      { role: "office", os: "windows-11", count: 2, hosts: [{ name: "pc01" }, { name: "pc02" }] },
    ]),
    windowsUnit("th-b", [
      { role: "office", os: "windows-11", count: 2, hosts: [{ name: "pc01" }, { name: "pc02" }] },
    ]),
  ]);
  const a = specOf(inv, "th-a/windows-office");
  const b = specOf(inv, "th-b/windows-office");

  it("pc01 at two schools is two machines, each its school's", () => {
    const { unit, result } = check(inv, [
      record(a, "pc01"),
      record(a, "pc02"),
      record(b, "pc01"),
      record(b, "PC02"),
    ]);
    expect(unit("th-a")).toBe("2/2");
    expect(unit("th-b")).toBe("2/2");
    expect(result.findings).toEqual([]);
  });

  it("two machines of one school both named pc01: the latest counts, the other is reported", () => {
    const first = record(a, "pc01", { id: "a".repeat(32), at: `${AS_OF}T07:00:00+07:00`, fail: true });
    const second = record(a, "pc01", { id: "b".repeat(32), at: `${AS_OF}T09:00:00+07:00` });
    const { unit, about } = check(inv, [first, second, record(a, "pc02")]);
    expect(unit("th-a")).toBe("2/2");
    const [dup, ...more] = about(/different machines report as pc01/);
    expect(more).toEqual([]);
    expect(dup?.message).toContain(`only the latest audit (${"b".repeat(32)}) counts`);
    expect(dup?.unit).toBe("th-a");
  });

  it("one machine audited before and after a fix counts once, as after", () => {
    const before = record(a, "pc01", { at: `${AS_OF}T07:00:00+07:00`, fail: true });
    const after = record(a, "pc01", { at: `${AS_OF}T09:30:00+07:00` });
    const { unit, result } = check(inv, [after, before, record(a, "pc02")]);
    expect(unit("th-a")).toBe("2/2");
    expect(result.findings.filter((f) => f.unit === "th-a")).toEqual([]);
  });

  it("and audited after a regression, counts as failing", () => {
    const before = record(a, "pc01", { at: `${AS_OF}T07:00:00+07:00` });
    const after = record(a, "pc01", { at: `${AS_OF}T09:30:00+07:00`, fail: true });
    const { unit, about } = check(inv, [before, after, record(a, "pc02")]);
    expect(unit("th-a")).toBe("1/2");
    expect(about(/^pc01 fails/)).toHaveLength(1);
  });
});

describe("the reporting period", () => {
  const inv = testInventory([
    windowsUnit("th-c", [{ role: "office", os: "windows-11", count: 1, hosts: [{ name: "pc01" }] }]),
  ]);
  const spec = specOf(inv, "th-c/windows-office");
  const days = inv.province.evidencePeriodDays;

  it("has a default the inventory can change", () => {
    expect(days).toBe(92);
  });

  it("evidence from 2024 is stale: reported, not counted", () => {
    const { unit, about } = check(inv, [record(spec, "pc01", { at: "2024-05-02T10:00:00+07:00" })]);
    expect(unit("th-c")).toBe("0/1");
    const [f] = about(/older than the reporting period/);
    expect(f?.message).toContain("2026-08-21 to 2026-11-20");
    expect(f?.vi.message).toContain("cũ hơn kỳ báo cáo");
  });

  it("the period's first minute counts; the minute before it does not", () => {
    expect(check(inv, [record(spec, "pc01", { at: "2026-08-21T00:00:00+07:00" })]).unit("th-c")).toBe("1/1");
    expect(check(inv, [record(spec, "pc01", { at: "2026-08-20T23:59:59+07:00" })]).unit("th-c")).toBe("0/1");
  });

  it("evidence dated after asOf is reported and not counted; asOf's last second counts", () => {
    const future = check(inv, [record(spec, "pc01", { at: "2026-11-21T00:00:00+07:00" })]);
    expect(future.unit("th-c")).toBe("0/1");
    expect(future.about(/after 2026-11-20: not counted/)).toHaveLength(1);
    // The same instant written in UTC is still after asOf in Vietnam.
    expect(check(inv, [record(spec, "pc01", { at: "2026-11-20T17:00:00Z" })]).unit("th-c")).toBe("0/1");
    expect(check(inv, [record(spec, "pc01", { at: "2026-11-20T23:59:59+07:00" })]).unit("th-c")).toBe("1/1");
  });

  it("a future record beside a current one: the current one counts, the future one is reported", () => {
    const r = check(inv, [
      record(spec, "pc01", { at: `${AS_OF}T08:00:00+07:00` }),
      record(spec, "pc01", { at: "2027-01-01T08:00:00+07:00", fail: true }),
    ]);
    expect(r.unit("th-c")).toBe("1/1");
    expect(r.about(/after 2026-11-20/)).toHaveLength(1);
  });
});

describe("a licence renewed in the inventory", () => {
  const kes = { product: "Kaspersky Endpoint Security 12", licensedUntil: "2026-12-31", service: "AVP" };
  const inventoryWith = (licensedUntil: string) =>
    testInventory([
      windowsUnit("th-d", [
        {
          role: "office",
          os: "windows-11",
          count: 1,
          hosts: [{ name: "pc01" }],
          antiMalware: { ...kes, licensedUntil },
        },
      ]),
    ]);

  it("leaves the machines' evidence current", () => {
    const before = inventoryWith("2026-12-31");
    const evidence = record(specOf(before, "th-d/windows-office"), "pc01");
    const renewed = inventoryWith("2028-12-31");
    const r = check(renewed, [evidence]);
    expect(r.unit("th-d")).toBe("1/1");
    expect(r.about(/outdated/)).toEqual([]);
  });

  it("while a changed setting still makes it outdated", () => {
    const evidence = record(specOf(inventoryWith("2026-12-31"), "th-d/windows-office"), "pc01", {
      hash: "0".repeat(64),
    });
    const r = check(inventoryWith("2026-12-31"), [evidence]);
    expect(r.unit("th-d")).toBe("0/1");
    expect(r.about(/outdated bundle/)).toHaveLength(1);
  });
});
