/**
 * Loads machine evidence (one JSON record per audit) with located errors. JSON is
 * read with the YAML parser, which gives every field a line and column.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Evidence, type Evidence as EvidenceT } from "./evidence.js";
import { formatPath, InputError, type Problem, sortProblems } from "./problems.js";
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
    // Fast path: a province sends 100,000 records; JSON.parse + zod is an order of magnitude
    // faster than the positional parser, which runs only to locate the problems of a bad file.
    const bytes = readFileSync(file);
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
    if (
      known &&
      !crossCheck(() => src ?? (parseYaml(bytes, file, problems) as SourceFile), evidence, known, problems)
    )
      continue;
    out.push({ file, evidence });
  }
  if (problems.length) throw new InputError(sortProblems(problems));
  return out;
}

function tryFast(bytes: Buffer): EvidenceT | null {
  try {
    const r = Evidence.safeParse(JSON.parse(bytes.toString("utf8")));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
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
