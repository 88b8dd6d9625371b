// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Terraform template text is the subject of these tests
/**
 * Hostile text never becomes a Terraform expression. Terraform reads every string of a
 * .tf.json file as a template (`${file("/etc/shadow")}` reads the deploying machine's
 * file, `%{ ... }` is a directive), so every data string cdktf writes must stay literal.
 *
 * The property runs over every string of an inventory: each is replaced with hostile
 * text carrying a tag, one leaf at a time to see which the loader refuses (refused at
 * that field is a correct outcome), then all accepted ones at once through a real synth.
 * The written cdk.tf.json must hold exactly the template parts an innocent inventory
 * gives (cdktf's own references), and every string carrying a tag must read back, by
 * Terraform's template grammar and by Terraform itself (`terraform apply` of an
 * outputs-only configuration, where installed), as text that holds the hostile value.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { loadInventory } from "../../model/load-inventory.js";
import { formatPath, InputError } from "../../model/problems.js";
import { synthToDir } from "../../stacks/synth.js";
import {
  assertLiteralTemplates,
  CDKTF_MARKER,
  templateParts,
  templateText,
  terraformLiteral,
} from "../../templates/escape/terraform.js";
import { hostileString, rng } from "../helpers/hostile.js";

const work = mkdtempSync(join(tmpdir(), "attt-tf-literal-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const MINIMAL = readFileSync(join(import.meta.dirname, "../fixtures/minimal/inventory.yaml"), "utf8");

type DcDoc = { hosts: unknown[]; services: unknown[]; flows: Array<Record<string, unknown>> };

/** The minimal inventory, plus what brings more strings into Terraform: a TLS host, a published service. */
function baseInventory(): Record<string, unknown> {
  const inv = parse(MINIMAL) as { datacentre: DcDoc };
  const dc = inv.datacentre;
  dc.hosts = [
    {
      id: "dc-host-tls",
      endpoint: "tcp://10.9.4.10:2376",
      tls: { caFile: "/etc/attt/ca.pem", certFile: "/etc/attt/cert.pem", keyFile: "/etc/attt/key.pem" },
    },
    ...dc.hosts,
  ];
  dc.services.push({
    id: "portal",
    kind: "reverse-proxy",
    zone: "dmz",
    level: 3,
    image: "registry.example.vn/portal:1.0",
    port: 8443,
    publish: [443],
  });
  dc.flows.push({
    from: "internet",
    to: "dmz",
    service: "portal",
    port: 443,
    reason: "parents reach the portal",
  });
  return inv;
}

/** Payloads aimed at Terraform's template grammar, on top of the generic hostile fragments. */
const TERRAFORM_FRAGMENTS = [
  '${file("/etc/hostname")}',
  "${path.cwd}",
  "%{ if true }yes%{ endif }",
  "%{",
  "${",
  "$${",
  "%%{",
  "$$${",
  "%%%{",
  "$",
  "%",
  '${"}"}',
  "}",
];

function hostileValue(tag: string, next: () => number): string {
  const pick = TERRAFORM_FRAGMENTS[Math.floor(next() * TERRAFORM_FRAGMENTS.length)] as string;
  const rest = hostileString(next).slice(0, 120);
  // Text imitating cdktf's own tokens is refused by the loader (its own test below).
  return `${tag}${pick}${rest.replace(/TfToken\[/g, "TfToken(")}`;
}

interface Leaf {
  path: PropertyKey[];
  set: (doc: Record<string, unknown>, value: string) => void;
}

/** Every string of the document, with a setter. */
function leavesOf(doc: unknown): Leaf[] {
  const out: Leaf[] = [];
  const walk = (v: unknown, path: PropertyKey[]) => {
    if (typeof v === "string")
      out.push({
        path,
        set: (d, value) => {
          let at = d as Record<PropertyKey, unknown>;
          for (const step of path.slice(0, -1)) at = at[step] as Record<PropertyKey, unknown>;
          at[path[path.length - 1] as PropertyKey] = value;
        },
      });
    else if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, [...path, i]);
    else if (v !== null && typeof v === "object")
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(doc, []);
  return out;
}

let dirs = 0;
function writeInventory(doc: unknown): string {
  const dir = join(work, `inv-${++dirs}`);
  mkdirSync(dir);
  writeFileSync(join(dir, "inventory.yaml"), stringify(doc));
  return dir;
}

/** Every string of every cdk.tf.json of a synth output. */
function terraformStrings(out: string): string[] {
  const strings: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string") strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        strings.push(k);
        walk(x);
      }
  };
  for (const stack of readdirSync(join(out, "stacks")))
    walk(JSON.parse(readFileSync(join(out, "stacks", stack, "cdk.tf.json"), "utf8")));
  return strings;
}

/** file("...") of a TLS path: the one expression that carries data (the path, refused at validate unless plain). */
const FILE_CALL = /^file\("((?:[^"\\$%]|\$(?!\{)|%(?!\{))*)"\)$/;

/** The template parts of all strings, a file() call's path left out (it differs by design). */
const partsOf = (strings: string[]): string[] =>
  strings
    .flatMap((s) => templateParts(s).map((p) => `${p.kind} ${p.text.replace(FILE_CALL, "file(PATH)")}`))
    .sort();

const TERRAFORM = (() => {
  try {
    execFileSync("terraform", ["version"], { stdio: "ignore" });
    return "terraform";
  } catch {
    return undefined;
  }
})();

/** What Terraform itself makes of each string: an outputs-only configuration, applied with local state. */
function terraformOutputs(values: string[]): string[] {
  const dir = mkdtempSync(join(work, "tf-"));
  const output = Object.fromEntries(values.map((v, i) => [`o${i}`, { value: v }]));
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ output }));
  const env = {
    ...process.env,
    TF_IN_AUTOMATION: "1",
    CHECKPOINT_DISABLE: "1",
    TF_CLI_CONFIG_FILE: "/dev/null",
  };
  const tf = (...args: string[]) =>
    execFileSync(TERRAFORM as string, args, {
      cwd: dir,
      env,
      encoding: "utf8",
      maxBuffer: 64 << 20,
      stdio: ["ignore", "pipe", "pipe"],
    });
  tf("init", "-input=false", "-no-color");
  tf("apply", "-auto-approve", "-input=false", "-no-color");
  const result = JSON.parse(tf("output", "-json", "-no-color")) as Record<string, { value: string }>;
  return values.map((_, i) => result[`o${i}`]?.value as string);
}

describe("terraformLiteral: Terraform's template grammar reads the text back", () => {
  it("leaves no interpolation or directive, and reads back to the value (2,000 hostile strings)", () => {
    const next = rng(18);
    for (let i = 0; i < 2000; i++) {
      const value = hostileValue(`t${i}`, next);
      const literal = terraformLiteral(value);
      expect(templateParts(literal), value).toEqual([]);
      expect(templateText(literal), value).toBe(value);
    }
  });

  it("the reader finds what Terraform would evaluate (else the property above proves nothing)", () => {
    expect(templateParts('a ${file("/etc/shadow")} b')).toEqual([
      { kind: "interpolation", text: 'file("/etc/shadow")' },
    ]);
    expect(templateParts("%{ if x }y%{ endif }").map((p) => p.kind)).toEqual(["directive", "directive"]);
    expect(templateParts("$${x} %%{y}")).toEqual([]);
    expect(templateParts("$$${x}")).toEqual([]); // "$" then the escape "$${" (terraform apply agrees below)
  });

  it.skipIf(!TERRAFORM)("terraform apply keeps every escaped value literal", () => {
    const next = rng(1811);
    const values = [
      ...TERRAFORM_FRAGMENTS,
      ...Array.from({ length: 60 }, (_, i) => hostileValue(`a${i}`, next)).filter((v) => !v.includes("\0")),
    ];
    const outputs = terraformOutputs(values.map(terraformLiteral));
    values.forEach((v, i) => {
      expect(outputs[i], JSON.stringify(v)).toBe(v.normalize("NFC"));
    });
    // And unescaped, Terraform does evaluate them: the test can fail.
    expect(terraformOutputs(['${upper("x")}'])).toEqual(["X"]);
  });
  if (!TERRAFORM)
    console.log(
      "terraform apply check skipped: no terraform on PATH (https://developer.hashicorp.com/terraform/install)",
    );
});

describe("every inventory string that reaches cdk.tf.json stays literal", () => {
  const base = baseInventory();
  const leaves = leavesOf(base);

  it(`refused at its field, or written literally: ${leaves.length} strings, 4 rounds of hostile values`, () => {
    const baseline = join(work, "baseline");
    synthToDir(loadInventory(writeInventory(base)).inventory, baseline);
    const baselineParts = partsOf(terraformStrings(baseline));
    expect(baselineParts.length).toBeGreaterThan(0); // cdktf's references: the comparison has content

    const reached = new Set<string>();
    const next = rng(2026);
    for (let round = 0; round < 4; round++) {
      const accepted: Array<{ leaf: Leaf; value: string; tag: string }> = [];
      leaves.forEach((leaf, i) => {
        const tag = `Qz${round}x${i}Q`;
        const value = hostileValue(tag, next);
        const doc = structuredClone(base);
        leaf.set(doc, value);
        try {
          loadInventory(writeInventory(doc));
          accepted.push({ leaf, value, tag });
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          // Refused: at this very field, not as a side effect somewhere else.
          expect(
            e.problems.map((p) => p.path),
            `${formatPath(leaf.path)} = ${JSON.stringify(value)}`,
          ).toContain(formatPath(leaf.path));
        }
      });
      const doc = structuredClone(base);
      for (const a of accepted) a.leaf.set(doc, a.value);
      const out = join(work, `round-${round}`);
      synthToDir(loadInventory(writeInventory(doc)).inventory, out);
      const strings = terraformStrings(out);
      // Not one interpolation or directive more (or less) than an innocent inventory gives.
      expect(partsOf(strings)).toEqual(baselineParts);
      const tagged: Array<{ text: string; values: string[] }> = [];
      for (const s of strings) {
        const inside = accepted.filter((a) => s.includes(a.tag));
        if (inside.length === 0) continue;
        const parts = templateParts(s);
        if (parts.length > 0) {
          // A TLS file read by Terraform: the path inside file("...") is exactly the value.
          expect(parts, s).toHaveLength(1);
          const path = FILE_CALL.exec(parts[0]?.text ?? "")?.[1];
          expect(path, s).toBeDefined();
          expect(inside.map((a) => a.value)).toContain(path);
          for (const a of inside) reached.add(formatPath(a.leaf.path));
          continue;
        }
        const text = templateText(s);
        for (const a of inside) {
          reached.add(formatPath(a.leaf.path));
          // Verbatim, or JSON-encoded inside a label that holds JSON (an exception's reason).
          const json = JSON.stringify(a.value).slice(1, -1);
          expect(text?.includes(a.value) || text?.includes(json), `${a.tag}: ${s}`).toBe(true);
        }
        tagged.push({ text: s, values: inside.map((a) => a.value) });
      }
      if (TERRAFORM) {
        const outputs = terraformOutputs(tagged.map((t) => t.text));
        tagged.forEach((t, i) => {
          const got = outputs[i] as string;
          for (const v of t.values)
            expect(
              got.includes(v.normalize("NFC")) ||
                got.includes(JSON.stringify(v).slice(1, -1).normalize("NFC")),
              `terraform output ${JSON.stringify(got)} lost ${JSON.stringify(v)}`,
            ).toBe(true);
        });
      }
    }
    // Free text does reach Terraform (labels): the property is not vacuous.
    expect([...reached]).toContain("datacentre.flows[2].reason");
    console.log(`inventory strings reaching cdk.tf.json: ${[...reached].sort().join(", ")}`);
  }, 300_000);

  it("text imitating cdktf's tokens is refused at its field", () => {
    const doc = structuredClone(base) as { datacentre: DcDoc };
    (doc.datacentre.flows[0] as Record<string, unknown>).reason = "see ${TfToken[TOKEN.1]} here";
    let problems: InputError["problems"] = [];
    try {
      loadInventory(writeInventory(doc));
    } catch (e) {
      if (e instanceof InputError) problems = e.problems;
    }
    expect(problems.map((p) => p.path)).toEqual(["datacentre.flows[0].reason"]);
    expect(problems[0]?.expected).toMatch(/TfToken/);
    expect(problems[0]?.line).toBeGreaterThan(0);
    expect(CDKTF_MARKER.test("#{TfToken[TOKEN.2]}")).toBe(true);
  });

  it("the guard over written files refuses an expression the stacks did not write", () => {
    expect(() => assertLiteralTemplates({ a: { b: "x ${docker_image.web.image_id}" } }, "t")).not.toThrow();
    expect(() => assertLiteralTemplates({ a: { b: '${file("/etc/shadow")}x' } }, "t")).not.toThrow();
    expect(() => assertLiteralTemplates({ a: { b: 'x${file("/etc/shadow")}' } }, "t")).not.toThrow();
    expect(() => assertLiteralTemplates({ a: ["${path.cwd}"] }, "t")).toThrow(/a\[0\]/);
    expect(() => assertLiteralTemplates({ a: "%{ if true }x%{ endif }" }, "t")).toThrow(/directive/);
    expect(() => assertLiteralTemplates({ a: '${upper("x")}' }, "t")).toThrow(/interpolation/);
  });
});
