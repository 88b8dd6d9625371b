/**
 * Helpers for the Windows tests: generating bundles, parsing PowerShell with
 * tree-sitter, and an independent reading of PowerShell's verbatim strings.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Parser from "tree-sitter";
import PowerShell from "tree-sitter-powershell";
import { type BundleSpec, bundleSpecs } from "../../baselines/bundle-spec.js";
import type { EmittedBundle } from "../../baselines/emit/emitter.js";
import { windowsEmitter } from "../../baselines/emit/windows/index.js";
import { bundleHash } from "../../baselines/generate.js";
import type { Inventory } from "../../model/inventory.js";

export const GENERATED_AT = "2026-11-20T00:00:00+07:00";
export const GENERATOR = "attt-kit test";

export interface WindowsBundle {
  spec: BundleSpec;
  out: EmittedBundle;
}

export function windowsBundles(inventory: Inventory, unit?: string): WindowsBundle[] {
  return bundleSpecs(inventory, { os: "windows", unit }).map((spec) => ({
    spec,
    out: windowsEmitter(spec, {
      generator: GENERATOR,
      generatedAt: GENERATED_AT,
      bundleHash: bundleHash(spec),
    }),
  }));
}

export function asBuffer(content: string | Uint8Array): Buffer {
  return typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
}

/** The one file of a bundle whose path ends with `suffix` (the GPO's backup folder name varies). */
export function fileEndingWith(bundle: WindowsBundle, suffix: string): Buffer | undefined {
  const hits = [...bundle.out.files].filter(([p]) => p.endsWith(suffix));
  if (hits.length > 1) throw new Error(`${bundle.spec.id}: several files end with ${suffix}`);
  const hit = hits[0];
  return hit ? asBuffer(hit[1]) : undefined;
}

// ------------------------------------------------------------------ tree-sitter

let parser: Parser | undefined;

export function parsePowerShell(source: string): Parser.Tree {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(PowerShell);
  }
  // A string input lets node.text slice the source; a callback input would be
  // re-read for every node. The callback form is the fallback for builds whose
  // string form limits the size.
  try {
    return parser.parse(source);
  } catch {
    return parser.parse((index: number) => source.slice(index, index + 16_384));
  }
}

/**
 * Visits every node in document order with a TreeCursor (node objects are slow to
 * create in the Node binding; a province has hundreds of 60 kB scripts). `enter`
 * returns false to skip a node's children.
 */
export function walkTree(
  tree: Parser.Tree,
  enter: (c: Parser.TreeCursor) => boolean | undefined,
  leave?: (c: Parser.TreeCursor, entered: boolean, hadChildren: boolean) => void,
): void {
  const c = tree.walk();
  const visit = (): void => {
    do {
      const descend = enter(c) !== false;
      let hadChildren = false;
      if (descend && c.gotoFirstChild()) {
        hadChildren = true;
        visit();
        c.gotoParent();
      }
      leave?.(c, descend, hadChildren);
    } while (c.gotoNextSibling());
  };
  visit();
}

/** Every ERROR or MISSING node, with where it is. */
export function syntaxProblems(tree: Parser.Tree): string[] {
  // tree-sitter adds the error cost of every ERROR and MISSING node up to the root, so a
  // root without hasError has neither: the walk (seconds for a 100 kB script through the
  // Node binding) only runs to say where they are.
  if (!tree.rootNode.hasError) return [];
  const out: string[] = [];
  walkTree(tree, (c) => {
    if (c.nodeType === "ERROR" || c.nodeIsMissing) {
      out.push(
        `${c.nodeIsMissing ? "MISSING" : "ERROR"} at ${c.startPosition.row + 1}:${c.startPosition.column + 1}: ${JSON.stringify(c.nodeText.slice(0, 80))}`,
      );
    }
    return true;
  });
  return out;
}

// ------------------------------------------------------------------ PowerShell's own reading of strings

/** The characters PowerShell's tokenizer treats as single quotes (language spec, single-quote-character). */
const PS_QUOTES = new Set(["'", "\u2018", "\u2019", "\u201A", "\u201B"]);

/**
 * Reads a verbatim string the way PowerShell's tokenizer does, starting at a quote.
 * Returns the value and where the literal ends, or null when the text does not
 * start with a quote or the string never closes. Written from the language
 * specification, independently of the escaping helper.
 */
export function readVerbatim(text: string, start = 0): { value: string; end: number } | null {
  const chars = [...text.slice(start)];
  if (chars.length === 0 || !PS_QUOTES.has(chars[0] as string)) return null;
  let value = "";
  let offset = start + (chars[0] as string).length;
  for (let i = 1; i < chars.length; i++) {
    const c = chars[i] as string;
    if (PS_QUOTES.has(c)) {
      const next = chars[i + 1];
      if (next !== undefined && PS_QUOTES.has(next)) {
        value += next; // a doubled quote: the second one is kept
        offset += c.length + next.length;
        i++;
        continue;
      }
      return { value, end: offset + c.length };
    }
    value += c;
    offset += c.length;
  }
  return null;
}

const BASE64_LITERAL =
  /^\[Text\.Encoding\]::UTF8\.GetString\(\[Convert\]::FromBase64String\('([A-Za-z0-9+/=]*)'\)\)$/;

/**
 * When `text` is exactly one string literal of the two forms the escaping helper
 * writes, its value as PowerShell would compute it; otherwise null.
 */
export function literalValue(text: string): string | null {
  const b64 = BASE64_LITERAL.exec(text);
  if (b64) return Buffer.from(b64[1] ?? "", "base64").toString("utf8");
  const v = readVerbatim(text);
  return v && v.end === text.length ? v.value : null;
}

export interface ScriptShape {
  /** Node types and every non-literal token, with each literal region replaced by <STR>. */
  skeleton: string[];
  /** The values of the literal regions, in order. */
  literals: string[];
}

/** Could a literal start at this offset? (cheap test before reading the node's text) */
function mayStartLiteral(source: string, at: number): boolean {
  return PS_QUOTES.has(source[at] ?? "") || source.startsWith("[Text.Encoding]::UTF8.", at);
}

/**
 * The structure of a script with its string data taken out. A node whose whole text
 * is one literal (a verbatim string, or the base64 expression) becomes <STR>, after
 * checking that tree-sitter also sees a string literal there and nothing callable.
 * Two scripts with equal skeletons run the same commands on different data.
 */
export function scriptShape(tree: Parser.Tree, source: string): ScriptShape {
  const skeleton: string[] = [];
  const literals: string[] = [];
  walkTree(
    tree,
    (c) => {
      if (c.nodeType !== "comment" && mayStartLiteral(source, c.startIndex)) {
        const value = literalValue(source.slice(c.startIndex, c.endIndex));
        if (value !== null && isLiteralRegion(c.currentNode)) {
          skeleton.push("<STR>");
          literals.push(value);
          return false;
        }
      }
      skeleton.push(`(${c.nodeType}`);
      return true;
    },
    (c, entered, hadChildren) => {
      if (!entered) return;
      // A token's own text is part of the structure: command names, operators, variables.
      if (!hadChildren) skeleton.push(source.slice(c.startIndex, c.endIndex));
      skeleton.push(")");
    },
  );
  return { skeleton, literals };
}

function isLiteralRegion(n: Parser.SyntaxNode): boolean {
  const types = new Set<string>();
  const strings: string[] = [];
  const visit = (m: Parser.SyntaxNode) => {
    types.add(m.type);
    if (m.type === "verbatim_string_characters") strings.push(m.text);
    for (const c of m.children) visit(c);
  };
  visit(n);
  if (types.has("command") || types.has("ERROR") || types.has("sub_expression") || types.has("script_block"))
    return false;
  if (strings.length !== 1) return false;
  // Verbatim form: the region is that string. Base64 form: the string is the digits.
  return strings[0] === n.text || BASE64_LITERAL.test(n.text);
}

/** Every verbatim string node, checked against PowerShell's reading (five quote characters). */
export function verbatimMismatches(tree: Parser.Tree): string[] {
  const out: string[] = [];
  // Found by tree-sitter itself: a walk in JavaScript takes four times as long.
  for (const node of tree.rootNode.descendantsOfType("verbatim_string_characters")) {
    const text = node.text;
    const v = readVerbatim(text);
    if (!v || v.end !== text.length)
      out.push(`${node.startPosition.row + 1}: ${JSON.stringify(text.slice(0, 80))}`);
  }
  return out;
}

// ------------------------------------------------------------------ Samba

const PYTHON = "/usr/bin/python3";
const HELPERS = dirname(fileURLToPath(import.meta.url));

/** Why Samba's GPO parsers cannot be used on this machine, or null when they can. */
export function sambaMissing(): string | null {
  const r = spawnSync(
    PYTHON,
    ["-c", "import samba.gp_parse.gp_pol, samba.gp_parse.gp_inf, samba.gp_parse.gp_csv"],
    { encoding: "utf8" },
  );
  if (r.error) return `${PYTHON} cannot run (${r.error.message}); apt-get install python3 python3-samba`;
  if (r.status === 0) return null;
  const lines = (r.stderr ?? "")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const why = [...lines].reverse().find((l) => /Error\b/.test(l)) ?? lines.at(-1) ?? `exit ${r.status}`;
  return `${PYTHON} cannot import Samba's GPO parsers (${why}); apt-get install python3-samba`;
}

export function sambaAvailable(): boolean {
  return sambaMissing() === null;
}

/**
 * Reads many files with Samba's parsers in one Python process (test/helpers/samba_read.py
 * does one file per process, which is slow for a whole province).
 */
export function sambaReadMany(files: Array<{ kind: "pol" | "inf" | "csv"; bytes: Buffer }>): unknown[] {
  const dir = mkdtempSync(join(tmpdir(), "attt-samba-"));
  try {
    const list = files.map((f, i) => {
      const path = join(dir, `${i}.${f.kind}`);
      writeFileSync(path, f.bytes);
      return [f.kind, path];
    });
    const listFile = join(dir, "list.json");
    writeFileSync(listFile, JSON.stringify(list));
    const r = spawnSync(PYTHON, [join(HELPERS, "samba_read_batch.py"), listFile], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(`samba_read_batch failed (${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout) as unknown[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
