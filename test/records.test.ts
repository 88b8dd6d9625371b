/**
 * The record register: documents prove what only documents can. A valid record makes a
 * requirement "recorded"; a bad one is an error naming file, line and field (exit 2),
 * and nothing is written.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_INVENTORY, DEMO_RECORDS } from "../model/demo.js";
import { bundledCatalogue } from "../model/load-catalogue.js";
import { loadInventory } from "../model/load-inventory.js";
import { InputError } from "../model/problems.js";
import { loadRecords } from "../model/records.js";
import { checkProvince } from "../policies/check-province.js";
import { runCli } from "./helpers/cli.js";

const DOC = "Biên bản diễn tập ứng cứu sự cố năm 2026\n";
const sha = (s: string) => createHash("sha256").update(s).digest("hex");

/** A register in a fresh directory, with one document file beside it. */
function register(records: string): string {
  const dir = mkdtempSync(join(tmpdir(), "attt-records-"));
  writeFileSync(join(dir, "drill.txt"), DOC);
  const file = join(dir, "records.yaml");
  writeFileSync(file, `records:\n${records}`);
  return file;
}

const drill = (over: Record<string, string> = {}) => {
  const fields: Record<string, string> = {
    requirement: "HY-EDU-S07",
    title: '"Biên bản diễn tập thực chiến năm 2026"',
    number: "12/BB-ĐUCSC",
    date: '"2026-10-15"',
    issuer: "Đội ứng cứu sự cố ngành GDĐT",
    approver: "Chánh Văn phòng Sở",
    file: "drill.txt",
    sha256: `"${sha(DOC)}"`,
    ...over,
  };
  return Object.entries(fields)
    .filter(([, v]) => v !== "")
    .map(([k, v], i) => `${i === 0 ? "  - " : "    "}${k}: ${v}\n`)
    .join("");
};

const check = (recordsFile: string) =>
  checkProvince({
    loaded: loadInventory(DEMO_INVENTORY),
    catalogue: bundledCatalogue(),
    waivers: [],
    recordsFile,
  });

describe("a valid record proves its requirement", () => {
  it("failing: without the drill report HY-EDU-S07 is evidence-missing", async () => {
    const v = await check(register("  []\n"));
    expect(v.requirements.find((r) => r.id === "HY-EDU-S07")?.status).toBe("evidence-missing");
  });
  it("passing: the drill report of 15 October makes HY-EDU-S07 recorded, resting on the record", async () => {
    const file = register(drill());
    const r = (await check(file)).requirements.find((x) => x.id === "HY-EDU-S07");
    expect(r?.status).toBe("recorded");
    expect(r?.basis).toEqual([
      { input: "records", source: `${file}:2`, date: "2026-10-15", number: "12/BB-ĐUCSC" },
    ]);
  });
  it("the demo's register records four requirements and leaves the yearly report overdue", async () => {
    const v = await check(DEMO_RECORDS);
    const recorded = v.requirements.filter((r) => r.status === "recorded").map((r) => r.id);
    expect(recorded.sort()).toEqual(["HY-EDU-A01", "HY-EDU-S05", "HY-EDU-S07"]);
    const report = v.requirements.find((r) => r.id === "HY-PROV-35");
    expect(report?.status).toBe("evidence-missing");
    expect(report?.due).toMatchObject({ state: "overdue", lastDue: "2026-10-10" });
    expect(loadRecords(DEMO_RECORDS, { catalogue: bundledCatalogue(), asOf: "2026-11-20" })).toHaveLength(4);
  });
  it("a record's source is relative to the working directory, like the findings' locations", async () => {
    // vitest runs in the clone's root: the same verdict wherever the clone lives.
    const v = await check(DEMO_RECORDS);
    const sources = v.requirements.flatMap((r) =>
      r.basis.filter((b) => b.input === "records").map((b) => b.source),
    );
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) expect(s).toMatch(/^examples\/demo-records\/records\.yaml:\d+$/);
  });
});

describe("bad records are precise errors", () => {
  const cases: Array<[string, string, RegExp]> = [
    [
      "an unknown requirement",
      drill({ requirement: "HY-EDU-S99" }),
      /records\.yaml:2:\d+: records\[0\]\.requirement: expected a requirement of the plan catalogue/,
    ],
    [
      "a requirement measured from inputs, not documents",
      drill({ requirement: "HY-EDU-T1" }),
      /records\.yaml:2:\d+: records\[0\]\.requirement: expected a requirement that documents prove/,
    ],
    [
      "a date after the check date",
      drill({ date: '"2026-12-01"' }),
      // The end is the check date, not the plan's: the message says which.
      /records\.yaml:5:\d+: records\[0\]\.date: expected a date on or before the check date, 2026-11-20 \(--as-of or the inventory's asOf\), found 2026-12-01/,
    ],
    [
      "a date before the plan",
      drill({ date: '"2025-12-31"' }),
      /records\[0\]\.date: expected a date on or after the plan's start, 2026-02-01 \(plan HY-EDU\), found 2025-12-31/,
    ],
    [
      "a missing file",
      drill({ file: "nowhere.pdf" }),
      /records\.yaml:8:\d+: records\[0\]\.file: expected a file at .*nowhere\.pdf, found nothing there/,
    ],
    [
      "a wrong hash",
      drill({ sha256: `"${"0".repeat(64)}"` }),
      // The file's own hash is never printed: pasting it would make a replaced file pass.
      /records\.yaml:9:\d+: records\[0\]\.sha256: expected the sha256 of drill\.txt as registered when the document was filed, found 0{64}, which the file no longer matches(?![\s\S]*[0-9a-f]{64}(?<!0{64}))/,
    ],
    [
      "a file outside the register's directory",
      drill({ file: "../../etc/passwd" }),
      /records\[0\]\.file: expected a path inside the register's directory/,
    ],
    [
      "neither file nor url",
      drill({ file: "", sha256: "" }),
      /records\[0\]\.file: .*a file \(with sha256\) or a url/,
    ],
    ["a plain http url", drill({ file: "", sha256: "", url: "http://example.vn/x" }), /records\[0\]\.url/],
    ["no approver", drill({ approver: "" }), /records\[0\]\.approver/],
  ];
  for (const [name, text, expected] of cases) {
    it(`${name}: InputError with file:line and field`, () => {
      const file = register(text);
      let error: unknown;
      try {
        loadRecords(file, { catalogue: bundledCatalogue(), asOf: "2026-11-20" });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      const lines = (error as InputError).problems.map(
        (p) =>
          `${p.file}:${p.line}:${p.column}: ${p.path}: ${p.message ?? `expected ${p.expected}, found ${p.found}`}`,
      );
      expect(lines.join("\n")).toMatch(expected);
    });
  }

  it("on the command line: exit 2, the problem on stderr, no stack trace, nothing written", async () => {
    const file = register(drill({ sha256: `"${"0".repeat(64)}"` }));
    const out = join(mkdtempSync(join(tmpdir(), "attt-records-out-")), "reports");
    const r = await runCli(["check", "--records", file, "--out", out]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/records\.yaml:9:\d+: records\[0\]\.sha256: expected the sha256 of drill\.txt/);
    expect(r.stderr).not.toContain(sha(DOC));
    // Vietnamese first, for an officer who reads only Vietnamese; then the English.
    expect(r.stderr).toMatch(
      /^lỗi: .*records\.yaml:9:\d+: records\[0\]\.sha256: tệp drill\.txt không còn khớp mã sha256 đã ghi khi lưu văn bản.*\nerror: .*records\.yaml:9:\d+: records\[0\]\.sha256: expected/m,
    );
    expect(r.stderr).toMatch(/1 lỗi; không ghi tệp nào\. \/ 1 problem\(s\); nothing was written\.\n?$/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(out)).toBe(false);
  });

  it("a valid register on the command line records the requirement in verdict.json", async () => {
    const dir = mkdtempSync(join(tmpdir(), "attt-records-ok-"));
    cpSync(join(DEMO_RECORDS, ".."), dir, { recursive: true });
    const out = join(dir, "reports");
    const r = await runCli([
      "check",
      "--records",
      join(dir, "records.yaml"),
      "--format",
      "json",
      "--out",
      out,
    ]);
    expect(r.exitCode).toBe(1);
    const v = JSON.parse(readFileSync(join(out, "verdict.json"), "utf8"));
    const s07 = v.requirements.find((x: { id: string }) => x.id === "HY-EDU-S07");
    expect(s07.status).toBe("recorded");
    expect(s07.basis[0].source).toMatch(/records\.yaml:\d+$/);
  });

  it("attt schema records prints the register's JSON Schema", async () => {
    const r = await runCli(["schema", "records"]);
    expect(r.exitCode).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.properties.records.items.required).toEqual(
      expect.arrayContaining(["requirement", "title", "number", "date", "issuer", "approver"]),
    );
  });
});
