/**
 * YAML files read with source positions, so every problem can point at a line.
 */
import { readFileSync } from "node:fs";
import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
} from "yaml";
import type { core, ZodType } from "zod";
import { describeFound, formatPath, type Problem } from "./problems.js";

export interface SourceFile {
  file: string;
  doc: Document.Parsed | null;
  lines: LineCounter;
  data: unknown;
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
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    problems.push(
      fileProblem(displayName, "a readable file", (e as NodeJS.ErrnoException).code ?? "an error"),
    );
    return null;
  }
  return parseYaml(bytes, displayName, problems);
}

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
  if (text.trim() === "" || /^(\s*#.*\n?)*\s*$/.test(text)) {
    problems.push(fileProblem(file, "at least one section", "an empty file"));
    return null;
  }
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
  return { file, doc, lines, data: doc.toJS({ maxAliasCount: 100 }) };
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
  if (!src.doc) return { line: 0, column: 0 };
  let node: unknown = src.doc.contents;
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
  const pos = src.lines.linePos(offset);
  return { line: pos.line, column: pos.col };
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

/** What a zod issue says was expected, in words a user can act on. */
export function expectedOf(issue: core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "object"
        ? "a mapping"
        : issue.expected === "array"
          ? "a list"
          : `a ${issue.expected}`;
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "unrecognized_keys":
      return "only known fields";
    case "too_small":
    case "too_big":
      return issue.message.replace(/^Too (small|big): expected /, "");
    case "invalid_format":
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
  const data = valueAt(src.data, base);
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = [...base, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const pos = locate(src, path, key);
        problems.push({
          file: src.file,
          ...pos,
          path: formatPath([...path, key]),
          expected: `a known field (${knownKeys(schema, issue.path)})`,
          found: `unknown field "${key}"`,
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
    });
  }
  return null;
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
