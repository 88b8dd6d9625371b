/**
 * YAML files read with source positions, so every problem can point at a line.
 */
import {
  type Alias,
  type Document,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
  visit,
} from "yaml";
import type { core, ZodType } from "zod";
import { type PlainPositions, readPlainly } from "./plain-yaml.js";
import { schemaProblemVi } from "./problem-vi.js";
import { describeFound, formatPath, type Problem } from "./problems.js";
import { MAX_YAML_BYTES, readInputBytes } from "./read-input.js";
import { isWellFormedText } from "./unicode.js";

export interface SourceFile {
  file: string;
  data: unknown;
  /** The document with its source positions (a plainly read file is parsed again for them, once). */
  positions: () => Positions;
  /**
   * Set while `data` comes from the plain reader: reads the file again positionally, in
   * place, so that the problems of a file that does not validate are the positional
   * reader's own, each at its line. False when that reading refuses the file.
   */
  reread?: (problems: Problem[]) => boolean;
}

export interface Positions {
  lines: LineCounter;
  /** Offset of the node at `path` (or of its nearest existing parent), or of its key `key`. */
  offsetOf: (path: ReadonlyArray<PropertyKey>, key?: string) => number | undefined;
}

const fileProblem = (file: string, expected: string, found: string, line = 0, column = 0): Problem => ({
  file,
  line,
  column,
  path: "",
  expected,
  found,
});

/** Reads and parses one YAML file. Problems are appended; the result is null when unreadable. */
export function readYaml(file: string, problems: Problem[], displayName = file): SourceFile | null {
  const bytes = readInputBytes(file, MAX_YAML_BYTES, problems, displayName, "a readable YAML file");
  return bytes ? parseYaml(bytes, displayName, problems) : null;
}

/** Only comments and blank lines (checked line by line: linear whatever the text). */
const onlyComments = (text: string): boolean =>
  text.split("\n").every((line) => {
    const t = line.trim();
    return t === "" || t.startsWith("#");
  });

export function parseYaml(bytes: Uint8Array, file: string, problems: Problem[]): SourceFile | null {
  if (bytes.includes(0)) {
    problems.push(fileProblem(file, "a YAML text file", "binary data (a NUL byte)"));
    return null;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    problems.push(fileProblem(file, "a YAML text file in UTF-8", "bytes that are not UTF-8"));
    return null;
  }
  if (onlyComments(text)) {
    problems.push(fileProblem(file, "at least one section", "an empty file"));
    return null;
  }
  const plain = readPlainly(text);
  return plain ? plainSource(file, text, plain) : readPositionally(text, file, problems);
}

/**
 * A file the plain reader took: its data now, its positions on first need. Building the
 * positional document costs ten times the plain reading (seconds for a province's 2,000
 * school files), and a valid file is located only when a finding points into it.
 */
function plainSource(file: string, text: string, plain: ReturnType<typeof readPlainly> & {}): SourceFile {
  let positions: Positions | undefined;
  const src: SourceFile = {
    file,
    data: plain.data,
    positions: () => {
      positions ??= plain.positions
        ? recordedPositions(text, plain.data, plain.positions)
        : (readPositionally(text, file, [])?.positions() ?? {
            lines: new LineCounter(),
            offsetOf: () => undefined,
          });
      return positions;
    },
    reread: (problems) => {
      const again = readPositionally(text, file, problems);
      if (!again) return false;
      src.data = again.data;
      src.positions = again.positions;
      delete src.reread;
      return true;
    },
  };
  return src;
}

/** The positional reading: every node with its place, every oddity a located problem. */
function readPositionally(text: string, file: string, problems: Problem[]): SourceFile | null {
  const lines = new LineCounter();
  // The core schema keeps 2026-01-01 a string and "yes" a string: no YAML 1.1 surprises.
  const docs = parseAllDocuments(text, {
    lineCounter: lines,
    uniqueKeys: true,
    schema: "core",
    prettyErrors: false,
  });
  const list = Array.isArray(docs) ? docs : [];
  if (!Array.isArray(docs)) {
    problems.push(fileProblem(file, "YAML documents", "nothing parsable"));
    return null;
  }
  if (list.length > 1) {
    const pos = lines.linePos(list[1]?.range[0] ?? 0);
    problems.push(
      fileProblem(file, "one YAML document per file", `${list.length} documents`, pos.line, pos.col),
    );
    return null;
  }
  const doc = list[0];
  if (!doc) return null;
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const pos = lines.linePos(err.pos[0]);
      const near = /^[^:\n]{0,60}/.exec(text.slice(err.pos[0]))?.[0]?.trim() ?? "";
      problems.push(
        fileProblem(file, "valid YAML", yamlErrorText(err.code, err.message, near), pos.line, pos.col),
      );
    }
    return null;
  }
  const tagged = foreignTags(doc);
  for (const { node, path } of tagged) {
    const pos = lines.linePos(node.range?.[0] ?? 0);
    problems.push({
      ...fileProblem(
        file,
        "a plain YAML value (no tag, or one of !!str !!int !!float !!bool !!null !!map !!seq)",
        `the tag ${String(node.tag).replace("tag:yaml.org,2002:", "!!")}`,
        pos.line,
        pos.col,
      ),
      path: formatPath(path),
    });
  }
  if (tagged.length > 0) return null;
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // yaml refuses an alias bomb ("billion laughs") and an alias to an anchor not yet set.
    if (!(e instanceof ReferenceError)) throw e;
    const bad = aliasProblem(doc);
    const pos = lines.linePos(bad.offset);
    problems.push(
      fileProblem(file, bad.expected, bad.found, bad.offset ? pos.line : 0, bad.offset ? pos.col : 0),
    );
    return null;
  }
  return {
    file,
    data,
    positions: () => ({ lines, offsetOf: (path, key) => documentOffset(doc, path, key) }),
  };
}

/** Positions the plain reader recorded: the same offsets the document's nodes have. */
function recordedPositions(text: string, data: unknown, p: PlainPositions): Positions {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines.addNewLine(i + 1);
  const offsetOf = (path: ReadonlyArray<PropertyKey>, key?: string) => {
    let node = data;
    let offset = p.root;
    for (const step of path) {
      const at =
        node !== null && typeof node === "object"
          ? Array.isArray(node)
            ? typeof step === "number"
              ? p.lists.get(node)?.[step]
              : undefined
            : p.maps.get(node)?.get(String(step))?.value
          : undefined;
      if (at === undefined) break;
      offset = at;
      node = (node as Record<PropertyKey, unknown>)[step];
    }
    if (key !== undefined && node !== null && typeof node === "object" && !Array.isArray(node))
      offset = p.maps.get(node)?.get(key)?.key ?? offset;
    return offset;
  };
  return { lines, offsetOf };
}

const MAX_ALIAS_COUNT = 100;

/** The tags of YAML's core schema; the yaml library also knows !!timestamp, !!binary, !!set ... */
const CORE_TAGS = new Set(
  ["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`),
);

/**
 * Nodes with a tag outside the core schema: an unknown one (!shell) the yaml library
 * would drop with a warning, or one it would turn into a Date, a Buffer or a Set that no
 * schema here expects. Either way the file does not say what it seems to.
 */
function foreignTags(doc: Document.Parsed): Array<{ node: Node; path: PropertyKey[] }> {
  const found: Array<{ node: Node; path: PropertyKey[] }> = [];
  const check = (node: Node, ancestors: readonly unknown[]) => {
    if (node.tag && !CORE_TAGS.has(node.tag)) found.push({ node, path: fieldPath([...ancestors, node]) });
  };
  visit(doc, {
    Scalar: (_, node, ancestors) => check(node, ancestors),
    Map: (_, node, ancestors) => check(node, ancestors),
    Seq: (_, node, ancestors) => check(node, ancestors),
  });
  return found;
}

/** The field path of the last node of a chain of YAML nodes (document, maps, pairs, lists). */
function fieldPath(chain: readonly unknown[]): PropertyKey[] {
  const path: PropertyKey[] = [];
  chain.forEach((n, i) => {
    if (isSeq(n)) path.push(n.items.indexOf(chain[i + 1] as never));
    else if (isPair(n)) path.push(isScalar(n.key) ? String(n.key.value) : "?");
  });
  return path;
}

/** Where and why the aliases (*name) of a document cannot be expanded. */
function aliasProblem(doc: Document.Parsed): { offset: number; expected: string; found: string } {
  const aliases: Alias[] = [];
  visit(doc, {
    Alias(_, node) {
      aliases.push(node);
    },
  });
  const unresolved = aliases.find((a) => a.resolve(doc) === undefined);
  if (unresolved)
    return {
      offset: unresolved.range?.[0] ?? 0,
      expected: `an alias to an anchor set before it (&${unresolved.source})`,
      found: `*${unresolved.source} with no such anchor before it`,
    };
  // The first alias to an anchor that itself holds aliases: where the expansion multiplies.
  const nested = aliases.find((a) => {
    const target = a.resolve(doc);
    let inner = false;
    if (target && isCollection(target))
      visit(target, {
        Alias() {
          inner = true;
          return visit.BREAK;
        },
      });
    return inner;
  });
  const at = nested ?? aliases[0];
  return {
    offset: at?.range?.[0] ?? 0,
    expected: `aliases (*name) that expand to at most ${MAX_ALIAS_COUNT} nodes`,
    found: `${at ? `*${at.source}: ` : ""}aliases nested or repeated beyond that (an alias bomb such as "billion laughs")`,
  };
}

function yamlErrorText(code: string, message: string, near: string): string {
  if (code === "DUPLICATE_KEY") return `the key "${near}" a second time in the same mapping`;
  return `a syntax error: ${message.split("\n")[0]}`;
}

/** The line and column of the node at `path`, or of its nearest existing parent. */
export function locate(
  src: SourceFile,
  path: ReadonlyArray<PropertyKey>,
  key?: string,
): { line: number; column: number } {
  const { lines, offsetOf } = src.positions();
  const offset = offsetOf(path, key);
  if (offset === undefined) return { line: 0, column: 0 };
  const pos = lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** The offset of the node at `path` in a parsed document (of its nearest existing parent). */
function documentOffset(
  doc: Document.Parsed | null,
  path: ReadonlyArray<PropertyKey>,
  key?: string,
): number | undefined {
  if (!doc) return undefined;
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (const step of path) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step),
      );
      if (pair && isPair(pair)) {
        next = pair.value;
        offset = (pair.key as Node).range?.[0] ?? offset;
        if (next && (next as Node).range) offset = (next as Node).range?.[0] ?? offset;
      }
    } else if (isSeq(node) && typeof step === "number") {
      next = node.items[step];
      if (next && (next as Node).range) offset = (next as Node).range?.[0] ?? offset;
    }
    if (next === undefined) break;
    node = next;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    if (pair && isScalar(pair.key)) offset = pair.key.range?.[0] ?? offset;
  }
  return offset;
}

/** The value at a path of plain data, or undefined. */
export function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = data;
  for (const step of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[step];
  }
  return v;
}

/** zod's own words for a format ("Invalid ISO datetime") say what is wrong, not what is wanted. */
const FORMAT_WORDS: Record<string, string> = {
  datetime: "a date and time in ISO 8601 form with its offset, e.g. 2026-11-20T08:30:00+07:00",
  date: "a date written YYYY-MM-DD",
  url: "a URL",
  email: "an e-mail address",
  ipv4: "an IPv4 address",
  cidrv4: "an IPv4 network in CIDR form, e.g. 10.0.0.0/24",
};

/** What a zod issue says was expected, in words a user can act on. */
export function expectedOf(issue: core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      // A schema that explains itself (`z.object(..., { error })`) keeps its own words.
      if (!issue.message.startsWith("Invalid input")) return issue.message;
      return (
        { object: "a mapping", array: "a list", int: "an integer", undefined: "nothing" }[
          issue.expected as string
        ] ?? `a ${issue.expected}`
      );
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "unrecognized_keys":
      return "only known fields";
    case "too_small":
    case "too_big":
      return issue.message.replace(/^Too (small|big): expected /, "");
    case "invalid_format":
      // A schema's own words (z.url({ error })) win; zod's defaults start with "Invalid".
      if (!issue.message.startsWith("Invalid")) return issue.message;
      return FORMAT_WORDS[issue.format] ?? issue.message.replace(/^Invalid (string|input): /, "");
    case "custom":
      return issue.message.replace(/^Invalid (string|input): /, "");
    case "invalid_union":
      return "one of the allowed forms";
    default:
      return issue.message;
  }
}

/** Validates a parsed file against a schema, turning every issue into a located problem. */
export function validate<T>(
  src: SourceFile,
  schema: ZodType<T>,
  problems: Problem[],
  base: PropertyKey[] = [],
): T | null {
  if (src.reread) {
    const plain = valueAt(src.data, base);
    const result = illFormedText(plain, base).length === 0 ? schema.safeParse(plain) : undefined;
    if (result?.success) return result.data;
    if (!src.reread(problems)) return null;
  }
  const data = valueAt(src.data, base);
  const illFormed = illFormedText(data, base);
  for (const path of illFormed)
    problems.push({
      file: src.file,
      ...locate(src, path),
      path: formatPath(path),
      expected: "text (a YAML escape such as \\uD800 made half a character)",
      found: "a lone UTF-16 surrogate",
      vi: "cần văn bản hợp lệ, nhưng có nửa ký tự (một escape YAML như \\uD800)",
    });
  if (illFormed.length > 0) return null;
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  // One problem per field: a value that fails a format usually fails the checks after it too.
  const reported = new Set<string>();
  for (const issue of result.error.issues) {
    const path = [...base, ...issue.path];
    const key = formatPath(path);
    if (issue.code !== "unrecognized_keys" && reported.has(key)) continue;
    reported.add(key);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const pos = locate(src, path, key);
        problems.push({
          file: src.file,
          ...pos,
          path: formatPath([...path, key]),
          expected: `a known field (${knownKeys(schema, issue.path)})`,
          found: `unknown field "${key}"`,
          vi: `trường lạ "${key}"; các trường hợp lệ: ${knownKeys(schema, issue.path)}`,
        });
      }
      continue;
    }
    problems.push({
      file: src.file,
      ...locate(src, path),
      path: formatPath(path),
      expected: expectedOf(issue),
      found: describeFound(valueAt(src.data, path)),
      vi: schemaProblemVi(issue, valueAt(src.data, path)),
    });
  }
  return null;
}

/**
 * Paths of strings (values or keys) that are not well-formed Unicode. YAML's "\uD800"
 * escape can write half of a surrogate pair: no output format can carry it, so it is
 * refused here rather than deep inside a generator.
 */
function illFormedText(data: unknown, base: PropertyKey[]): PropertyKey[][] {
  const found: PropertyKey[][] = [];
  const walk = (v: unknown, path: PropertyKey[]) => {
    if (typeof v === "string") {
      if (!isWellFormedText(v)) found.push(path);
    } else if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, [...path, i]);
    } else if (v !== null && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        if (!isWellFormedText(k)) found.push([...path, k]);
        else walk(x, [...path, k]);
      }
  };
  walk(data, base);
  return found;
}

/** The field names a strict object at `path` accepts, for "did you mean" help. */
function knownKeys(schema: ZodType, path: ReadonlyArray<PropertyKey>): string {
  let s: unknown = schema;
  for (const step of path) s = childSchema(s, step);
  const shape = shapeOf(s);
  return shape ? Object.keys(shape).join(", ") : "see attt schema";
}

function unwrap(s: unknown): unknown {
  let cur = s as { _zod?: { def?: Record<string, unknown> } } | undefined;
  for (let i = 0; i < 10 && cur?._zod?.def; i++) {
    const def = cur._zod.def;
    const inner = def.innerType ?? def.in ?? (def.type === "pipe" ? def.in : undefined);
    if (!inner) break;
    cur = inner as typeof cur;
  }
  return cur;
}

function shapeOf(s: unknown): Record<string, unknown> | undefined {
  const u = unwrap(s) as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined;
  return u?._zod?.def?.shape;
}

function childSchema(s: unknown, step: PropertyKey): unknown {
  const u = unwrap(s) as { _zod?: { def?: Record<string, unknown> } } | undefined;
  const def = u?._zod?.def;
  if (!def) return undefined;
  if (typeof step === "number" && def.element) return def.element;
  const shape = def.shape as Record<string, unknown> | undefined;
  return shape?.[String(step)];
}
