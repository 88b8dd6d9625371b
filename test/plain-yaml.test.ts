/**
 * The plain YAML reader (model/plain-yaml.ts) gives the positional reader's data or
 * nothing; an inventory read through it is the same model, with the same file:line for
 * findings, and a file that does not validate is read again positionally so its problems
 * keep their lines.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { writeSyntheticProvince } from "../bench/synthetic-province.js";
import { listYamlFiles } from "../model/load-inventory.js";
import { packageRoot } from "../model/package-root.js";
import { readPlainly } from "../model/plain-yaml.js";
import type { InputError } from "../model/problems.js";
import { tempDir } from "./helpers/vendor-tools.js";

const positional = (text: string) => parse(text, { schema: "core", uniqueKeys: true, prettyErrors: false });

describe("the plain reader", () => {
  it("reads every YAML file of the repository as the positional reader does, or leaves it to it", () => {
    const files = ["examples", "test/fixtures", "policies/plans", "templates"].flatMap((d) =>
      listYamlFiles(join(packageRoot, d)),
    );
    let plain = 0;
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      const r = readPlainly(text);
      if (!r) continue;
      plain++;
      expect(r.data, f).toEqual(positional(text));
    }
    // The reader is used, not bypassed: most of the repository's YAML is plain.
    expect(plain).toBeGreaterThan(files.length / 2);
  });

  // Scalars where YAML 1.1, js-yaml's own core schema and YAML 1.2 core disagree.
  const SCALARS = [
    "0b101",
    "1_000",
    "-0x1F",
    "+0x1F",
    "0o17",
    "0x1F",
    "017",
    "+5",
    "-0",
    "12345678901234567890",
    ".5",
    "-.5",
    "+.5",
    "1.",
    "1.50",
    "1e5",
    "1E-3",
    ".5e3",
    "1_0.5",
    ".inf",
    "-.Inf",
    "+.INF",
    ".NaN",
    ".nan",
    "nan",
    "inf",
    "~",
    "null",
    "Null",
    "NULL",
    "nULL",
    "",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "True",
    "TRUE",
    "tRUE",
    "false",
    "2026-01-01",
    "2026-01-01T08:00:00+07:00",
    "1:30",
    "0777",
    "12:30:45",
    "'0x1F'",
    '"1e5"',
    "1e400",
    "-1e400",
    "0.1.2",
    "1,000",
    "$5",
    "5%",
    "0x",
    "0o",
    "0o8",
    "--1",
  ];
  it.each(SCALARS)("reads the scalar %j as YAML 1.2 core", (scalar) => {
    const text = `v: ${scalar}\nw: [${scalar || "~"}]\n`;
    const r = readPlainly(text);
    expect(r, "a plain scalar is read plainly").toBeDefined();
    expect(r?.data).toEqual(positional(text));
  });

  it.each([
    ["an anchor and alias", "a: &x 1\nb: *x\n"],
    ["an alias bomb", 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n'],
    ["a tag", "a: !!binary aGk=\n"],
    ["a foreign tag", "a: !shell rm\n"],
    ["a directive", "%YAML 1.1\n---\na: yes\n"],
    ["an explicit key", "? a\n: 1\n"],
    ["a null key", "null: 1\n"],
    ["an empty key", ": 1\n"],
    ["a key written twice", "a: 1\na: 2\n"],
    ["two documents", "a: 1\n---\nb: 2\n"],
    ["a syntax error", "a: [1, 2\n"],
  ])("leaves %s to the positional reader", (_, text) => {
    expect(readPlainly(text)).toBeUndefined();
  });

  it("still reads an ampersand, an asterisk or an exclamation mark inside text plainly", () => {
    const text = "name: Sở GD&ĐT Hưng Yên\nnote: a*b!\nurl: https://x.test/a?b=1\n";
    expect(readPlainly(text)?.data).toEqual(positional(text));
  });
});

describe("positions recorded while reading plainly", async () => {
  const plainSource = await import("../model/yaml-source.js");
  vi.resetModules();
  vi.doMock("../model/plain-yaml.js", () => ({ readPlainly: () => undefined }));
  const positionalSource = await import("../model/yaml-source.js");
  vi.doUnmock("../model/plain-yaml.js");
  const dir = tempDir("plain-yaml-positions");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeSyntheticProvince(dir, { schools: 3, namedHosts: true });

  /** Every path into the data: each key's and each item's, with the key itself for mappings. */
  function* paths(v: unknown, at: PropertyKey[] = []): Generator<[PropertyKey[], string | undefined]> {
    yield [at, undefined];
    if (Array.isArray(v)) for (const [i, x] of v.entries()) yield* paths(x, [...at, i]);
    else if (v !== null && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        yield [at, k];
        yield* paths(x, [...at, k]);
      }
    // A field that is not there: located at its nearest parent.
    yield [[...at, "khong-co"], undefined];
  }

  it("are the positional reader's, for every key, value and list item of every YAML file here", () => {
    const files = ["examples", "test/fixtures", "policies/plans", "templates"]
      .flatMap((d) => listYamlFiles(join(packageRoot, d)))
      .concat(listYamlFiles(dir));
    let compared = 0;
    for (const f of files) {
      const bytes = readFileSync(f);
      const plain = plainSource.parseYaml(bytes, f, []);
      const positional = positionalSource.parseYaml(bytes, f, []);
      if (!plain || !positional || !readPlainly(bytes.toString("utf8"))?.positions) continue;
      for (const [path, key] of paths(plain.data)) {
        const where = `${f} ${JSON.stringify(path)} ${key ?? ""}`;
        expect(plainSource.locate(plain, path, key), where).toEqual(
          positionalSource.locate(positional, path, key),
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20_000);
  });
});

describe("an inventory through the plain reader", async () => {
  const dir = tempDir("plain-yaml");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeSyntheticProvince(join(dir, "synthetic"), { schools: 12, namedHosts: true });
  const plainLoader = await import("../model/load-inventory.js");
  vi.resetModules();
  vi.doMock("../model/plain-yaml.js", () => ({ readPlainly: () => undefined }));
  const positionalLoader = await import("../model/load-inventory.js");
  vi.doUnmock("../model/plain-yaml.js");

  const problemsOf = (load: (p: string) => unknown, path: string) => {
    try {
      load(path);
    } catch (e) {
      // Two module graphs (one with the plain reader mocked out): two InputError classes.
      if ((e as Error).name === "InputError") return (e as InputError).problems;
      throw e;
    }
    throw new Error(`${path} loaded without problems`);
  };

  it.each([
    ["the demo province", join(packageRoot, "examples", "demo-province")],
    ["a synthetic province", join(dir, "synthetic")],
  ])(
    "is the same model as through the positional reader, with the same file:line per entity (%s)",
    (_, path) => {
      const fast = plainLoader.loadInventory(path);
      const slow = positionalLoader.loadInventory(path);
      expect(fast.inventory).toEqual(slow.inventory);
      expect(fast.files).toEqual(slow.files);
      const where = (l: typeof fast) =>
        [...l.inventory.units, ...l.inventory.staff, ...l.inventory.datacentre.services].map((e) => [
          l.origins.where(e),
          l.origins.where(e, ["id"]),
        ]);
      const located = where(fast);
      expect(located).toEqual(where(slow));
      expect(located.every(([w]) => (w?.line ?? 0) > 0)).toBe(true);
    },
  );

  it("reports a school file that does not validate at its file, line and field, as the positional reader does", () => {
    const bad = join(dir, "bad");
    cpSync(join(dir, "synthetic"), bad, { recursive: true });
    const file = join(bad, "units", "sch-0007.yaml");
    const text = readFileSync(file, "utf8");
    expect(readPlainly(text), "the file is one the plain reader takes").toBeDefined();
    const broken = text.replace(/^( {8}count: )\d+$/m, "$1nhiều");
    expect(broken).not.toBe(text);
    writeFileSync(file, broken);
    const expectedLine = broken.split("\n").findIndex((l) => l.includes("count: nhiều")) + 1;
    const problems = problemsOf(plainLoader.loadInventory, bad);
    expect(problems).toEqual(problemsOf(positionalLoader.loadInventory, bad));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: expectedLine, found: expect.stringContaining("nhiều") });
    expect(problems[0]?.file).toMatch(/sch-0007\.yaml$/);
    expect(problems[0]?.path).toMatch(/^units\[0\]\.machines\[\d+\]\.count$/);
  });
});
