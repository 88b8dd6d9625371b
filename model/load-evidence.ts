/**
 * Loads machine evidence (one JSON record per audit) with located errors. JSON is
 * read with the YAML parser, which gives every field a line and column.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Evidence, type Evidence as EvidenceT } from "./evidence.js";
import { formatPath, InputError, type Problem, sortProblems } from "./problems.js";
import { MAX_EVIDENCE_BYTES, readInputBytes } from "./read-input.js";
import { locate, parseYaml, type SourceFile, validate } from "./yaml-source.js";

/** What the records may name: the province's bundles and the catalogue's controls. */
export interface KnownIds {
  bundles: Set<string>;
  controls: Set<string>;
}

export function loadEvidence(dir: string, known?: KnownIds): Array<{ file: string; evidence: EvidenceT }> {
  const problems: Problem[] = [];
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((n) => n.endsWith(".json"))
      .sort();
  } catch {
    throw new InputError([
      {
        file: dir,
        line: 0,
        column: 0,
        path: "",
        expected: "a directory of evidence .json files",
        found: "nothing readable",
      },
    ]);
  }
  const out: Array<{ file: string; evidence: EvidenceT }> = [];
  for (const name of names) {
    const file = join(dir, name);
    const bytes = readInputBytes(file, MAX_EVIDENCE_BYTES, problems, file, "a readable evidence .json file");
    if (!bytes) continue;
    // Fast path: a province sends 100,000 records; JSON.parse + zod is an order of magnitude
    // faster than the positional parser, which runs only to locate the problems of a bad file
    // (and of one with a key written twice, which JSON.parse would take silently).
    const fast = tryFast(bytes);
    let src: SourceFile | null = null;
    let evidence = fast;
    if (!evidence) {
      src = parseYaml(bytes, file, problems);
      if (!src) continue;
      evidence = validate(src, Evidence, problems);
      if (!evidence) continue;
    }
    // Two records of one name (a name reused at two schools, a machine audited twice) are
    // not bad input: the evidence policy tells machines apart and reports what it finds.
    if (known && !crossCheck(() => src ?? locatable(bytes, file), evidence, known, problems)) continue;
    out.push({ file, evidence });
  }
  if (problems.length) throw new InputError(sortProblems(problems));
  return out;
}

function tryFast(bytes: Uint8Array): EvidenceT | null {
  try {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
    const value: unknown = JSON.parse(text);
    if (keysWritten(text) !== keysParsed(value)) return null; // a key twice: let the YAML path say where
    const r = Evidence.safeParse(value);
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** The source of a record the fast path accepted, parsed again to point at a field. */
function locatable(bytes: Uint8Array, file: string): SourceFile {
  const src = parseYaml(bytes, file, []);
  // JSON.parse and zod accepted these bytes, and every JSON text is YAML.
  if (!src) throw new Error(`${file}: valid JSON the YAML parser refused`);
  return src;
}

/**
 * How many object keys a valid JSON text writes: every string followed by ":". Linear,
 * and fast enough for 100,000 records; fewer keys parsed than written means a key
 * was written twice in one object.
 */
function keysWritten(text: string): number {
  let keys = 0;
  for (let open = text.indexOf('"'); open !== -1; ) {
    let close = text.indexOf('"', open + 1);
    while (escaped(text, close)) close = text.indexOf('"', close + 1);
    let next = close + 1;
    let c = text.charCodeAt(next);
    while (c === 32 || c === 9 || c === 10 || c === 13) c = text.charCodeAt(++next);
    if (c === 58) keys++; // ':' after a string: a key
    open = text.indexOf('"', next);
  }
  return keys;
}

/** Whether the quote at `at` is escaped: an odd number of backslashes before it. */
function escaped(text: string, at: number): boolean {
  let n = 0;
  while (text.charCodeAt(at - 1 - n) === 92) n++;
  return n % 2 === 1;
}

function keysParsed(value: unknown): number {
  if (Array.isArray(value)) {
    let n = 0;
    for (const v of value) n += keysParsed(v);
    return n;
  }
  if (value === null || typeof value !== "object") return 0;
  let n = 0;
  for (const key in value) n += 1 + keysParsed((value as Record<string, unknown>)[key]);
  return n;
}
function crossCheck(source: () => SourceFile, e: EvidenceT, known: KnownIds, problems: Problem[]): boolean {
  const before = problems.length;
  const at = (path: PropertyKey[], expected: string, found: string) => {
    const src = source();
    problems.push({ file: src.file, ...locate(src, path), path: formatPath(path), expected, found });
  };
  if (!known.bundles.has(e.bundle.id))
    at(["bundle", "id"], "a bundle of this province (unit/family-role)", `unknown bundle "${e.bundle.id}"`);
  else if (!e.bundle.id.startsWith(`${e.unit}/`))
    at(["unit"], `the unit of bundle ${e.bundle.id}`, `"${e.unit}"`);
  e.results.forEach((r, i) => {
    if (!known.controls.has(r.control))
      at(["results", i, "control"], "a control of the catalogue", `unknown control "${r.control}"`);
  });
  return problems.length === before;
}
