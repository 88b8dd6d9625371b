/**
 * Loads the plan catalogue (policies/plans/*.yaml), with the same located errors
 * as the inventory.
 */
import { join } from "node:path";
import { PlanDocument, type PlanDocument as PlanDocumentT, type Requirement } from "./catalogue.js";
import { listYamlFiles } from "./load-inventory.js";
import { packageRoot } from "./package-root.js";
import { InputError, type Problem, sortProblems } from "./problems.js";
import { locate, readYaml, validate } from "./yaml-source.js";

export interface Catalogue {
  documents: PlanDocumentT[];
  requirements: Map<string, Requirement & { document: PlanDocumentT["document"] }>;
}

export const DEFAULT_CATALOGUE_DIR = join(packageRoot, "policies", "plans");

let cached: Catalogue | undefined;

/** The bundled catalogue, loaded once per process. */
export function bundledCatalogue(): Catalogue {
  cached ??= loadCatalogue(DEFAULT_CATALOGUE_DIR);
  return cached;
}

export function loadCatalogue(dir: string): Catalogue {
  const problems: Problem[] = [];
  const documents: PlanDocumentT[] = [];
  const requirements: Catalogue["requirements"] = new Map();
  for (const file of listYamlFiles(dir)) {
    const src = readYaml(file, problems);
    if (!src) continue;
    const doc = validate(src, PlanDocument, problems);
    if (!doc) continue;
    documents.push(doc);
    doc.requirements.forEach((req, i) => {
      if (requirements.has(req.id)) {
        problems.push({
          file,
          ...locate(src, ["requirements", i, "id"]),
          path: `requirements[${i}].id`,
          expected: "a requirement ID used once",
          found: `"${req.id}" again`,
        });
      }
      if (!req.id.startsWith(`${doc.document.id}-`)) {
        problems.push({
          file,
          ...locate(src, ["requirements", i, "id"]),
          path: `requirements[${i}].id`,
          expected: `an ID starting ${doc.document.id}-`,
          found: `"${req.id}"`,
        });
      }
      requirements.set(req.id, { ...req, document: doc.document });
    });
  }
  if (problems.length > 0) throw new InputError(sortProblems(problems));
  return { documents, requirements };
}
