/**
 * Loads machine evidence (one JSON record per machine) with located errors. JSON is
 * read with the YAML parser, which gives every field a line and column.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Evidence, type Evidence as EvidenceT } from "./evidence.js";
import { InputError, type Problem, sortProblems } from "./problems.js";
import { readYaml, validate } from "./yaml-source.js";

export function loadEvidence(dir: string): Array<{ file: string; evidence: EvidenceT }> {
  const problems: Problem[] = [];
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((n) => n.endsWith(".json")).sort();
  } catch {
    throw new InputError([{ file: dir, line: 0, column: 0, path: "", expected: "a directory of evidence .json files", found: "nothing readable" }]);
  }
  const out: Array<{ file: string; evidence: EvidenceT }> = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    const src = readYaml(file, problems);
    if (!src) continue;
    const evidence = validate(src, Evidence, problems);
    if (!evidence) continue;
    const key = evidence.machine.toLowerCase();
    const first = seen.get(key);
    if (first) {
      problems.push({ file, line: 1, column: 1, path: "machine", expected: "one evidence record per machine", found: `"${evidence.machine}" again (first in ${first})` });
      continue;
    }
    seen.set(key, file);
    out.push({ file, evidence });
  }
  if (problems.length) throw new InputError(sortProblems(problems));
  return out;
}
