/**
 * Problems with the user's input, and the one error type that carries them.
 *
 * Every problem says where (file, line, column), which field (a path such as
 * `units[3].machines[0].count`), what was expected and what was found. A run
 * gathers all of them before it stops, so a user fixes a file in one pass.
 */
import { customProblemVi, fileProblemVi } from "./problem-vi.js";

export interface Problem {
  file: string;
  line: number; // 1-based; 0 when the problem is about a whole file or directory
  column: number; // 1-based; 0 when unknown
  path: string; // field path, "" for the whole document
  expected: string;
  found: string;
  /** A whole sentence, printed instead of "expected ..., found ..." when the check explains itself. */
  message?: string;
  /** The problem in Vietnamese (what is expected and found), printed first where the check gives it. */
  vi?: string;
}

export class InputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`${problems.length} problem(s) in the input`);
    this.name = "InputError";
  }
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out;
}

export function formatProblem(p: Problem): string {
  return `${problemPlace(p)} ${p.message ?? `expected ${p.expected}, found ${p.found}`}`;
}

/** The problem in Vietnamese: its own words where the check gives them, else which field of which line is wrong. */
export function formatProblemVi(p: Problem): string {
  const fallback =
    fileProblemVi(p.found) ??
    customProblemVi(p.expected, p.found) ??
    (p.path
      ? "giá trị không hợp lệ (chi tiết ở dòng tiếng Anh bên dưới)"
      : "tệp không đọc được hoặc không hợp lệ (chi tiết ở dòng tiếng Anh bên dưới)");
  return `${problemPlace(p)} ${p.vi ?? fallback}`;
}

/** "file:line:column: field:" */
function problemPlace(p: Problem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  return `${where}:${p.path ? ` ${p.path}:` : ""}`;
}

/** The words describeFound uses, per language. */
export interface FoundWords {
  missing: string;
  list: (n: number) => string;
  mapping: string;
  nan: string;
  infinite: string;
  kind: (value: string | number | boolean | bigint | symbol | ((...a: unknown[]) => unknown)) => string;
}

const FOUND_EN: FoundWords = {
  missing: "nothing (the field is missing)",
  list: (n) => `a list of ${n}`,
  mapping: "a mapping",
  nan: "not a number (.nan)",
  infinite: "an infinite number (.inf, or a number too large such as 1e400)",
  kind: (v) => typeof v,
};

/** A short, safe rendering of a value the user wrote. */
export function describeFound(value: unknown, words: FoundWords = FOUND_EN): string {
  if (value === undefined) return words.missing;
  if (value === null) return "null";
  if (Array.isArray(value)) return words.list(value.length);
  if (typeof value === "object") return words.mapping;
  // JSON.stringify would say null for both: YAML's .nan, .inf and a number such as 1e400.
  if (typeof value === "number" && Number.isNaN(value)) return words.nan;
  if (typeof value === "number" && !Number.isFinite(value)) return words.infinite;
  const text = JSON.stringify(value) ?? String(value);
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `${words.kind(value as string)} ${shown}`;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.path.localeCompare(b.path),
  );
}
