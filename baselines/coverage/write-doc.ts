/** Writes docs/msft-baseline-coverage.md (npm run docs:coverage). */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadInventory } from "../../model/load-inventory.js";
import { packageRoot } from "../../model/package-root.js";
import { coverage, coverageMarkdown } from "./coverage-doc.js";

export const COVERAGE_DOC = join(packageRoot, "docs", "msft-baseline-coverage.md");

const { inventory } = loadInventory(join(packageRoot, "examples", "demo-province"));
writeFileSync(COVERAGE_DOC, coverageMarkdown(coverage(inventory)));
console.log(`wrote ${COVERAGE_DOC}`);
