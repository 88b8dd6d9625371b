/**
 * `attt schema`: the JSON Schemas editors, vendors and other tools read. Checked with an
 * independent validator (Ajv, JSON Schema 2020-12) against the real files the toolkit
 * itself accepts, and against files it refuses.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { listYamlFiles } from "../model/load-inventory.js";
import { inputSchemas } from "../model/schemas.js";
import { runCli } from "./helpers/cli.js";

const ROOT = join(import.meta.dirname, "..");
const schemaOf = async (name: string) => {
  const r = await runCli(["schema", name]);
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};
const validator = (schema: Record<string, unknown>) =>
  new Ajv2020({ strict: false, allErrors: true }).compile(schema);
// The core schema, as the loader reads YAML: dates stay strings.
const readYamlFile = (file: string) => parse(readFileSync(file, "utf8"), { schema: "core" });

describe("attt schema", () => {
  it("lists every input format", async () => {
    const r = await runCli(["schema"]);
    expect(r.exitCode).toBe(0);
    const names = r.stdout
      .split("\n")
      .filter(Boolean)
      .map((l) => l.split(/\s+/)[0]);
    expect(names).toEqual(Object.keys(inputSchemas));
  });

  it("--out with a name writes that schema only; without, every schema", async () => {
    const one = join(mkdtempSync(join(tmpdir(), "attt-schema-")), "one");
    expect((await runCli(["schema", "inventory", "--out", one])).exitCode).toBe(0);
    expect(readdirSync(one).filter((f) => !f.startsWith("."))).toEqual(["inventory.schema.json"]);
    const all = join(mkdtempSync(join(tmpdir(), "attt-schema-")), "all");
    expect((await runCli(["schema", "--out", all])).exitCode).toBe(0);
    expect(
      readdirSync(all)
        .filter((f) => !f.startsWith("."))
        .sort(),
    ).toEqual(
      Object.keys(inputSchemas)
        .map((n) => `${n}.schema.json`)
        .sort(),
    );
    const unknown = await runCli(["schema", "nope", "--out", join(tmpdir(), "attt-schema-never")]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/unknown schema "nope"; one of inventory, /);
  });

  it("the inventory schema accepts every file of the demo province and refuses a broken one", async () => {
    const validate = validator(await schemaOf("inventory"));
    const files = listYamlFiles(join(ROOT, "examples", "demo-province"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files)
      expect(validate(readYamlFile(f)), `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
    const minimal = readYamlFile(join(ROOT, "test", "fixtures", "minimal", "inventory.yaml"));
    expect(validate(minimal)).toBe(true);
    minimal.units[0].machines[0].count = "ten";
    expect(validate(minimal)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toContain("/units/0/machines/0/count");
  });

  it("each vendor template's schema accepts its example values and refuses a misspelt field", async () => {
    const dir = join(ROOT, "examples", "vendor-values");
    const examples = readdirSync(dir).filter((f) => f.endsWith(".yaml"));
    const vendorSchemas = Object.keys(inputSchemas).filter((n) => n.startsWith("vendor-"));
    // An example is named after its template, alone or with a suffix (reverse-proxy-evidence.yaml).
    const templateOf = (f: string) =>
      vendorSchemas
        .filter((n) => `vendor-${f.replace(/\.yaml$/, "")}`.startsWith(n))
        .sort((a, b) => b.length - a.length)[0];
    expect(new Set(examples.map(templateOf))).toEqual(new Set(vendorSchemas));
    for (const f of examples) {
      const values = readYamlFile(join(dir, f));
      const validate = validator(await schemaOf(String(templateOf(f))));
      expect(validate(values), `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(validate({ ...values, misspelt: true }), `${f} with an unknown field`).toBe(false);
    }
  });
});
