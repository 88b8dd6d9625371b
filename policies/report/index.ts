/**
 * Every report format, rendered from one verdict. The human formats, junit.xml and
 * attt.sarif read in `lang`; verdict.json is data and holds both languages.
 */
import type { Inventory } from "../../model/inventory.js";
import type { Catalogue } from "../../model/load-catalogue.js";
import type { FileTree } from "../../model/write-tree.js";
import type { Verdict } from "../engine.js";
import { htmlReport } from "./html.js";
import { junitReport } from "./junit.js";
import type { Lang } from "./labels.js";
import { markdownReport } from "./markdown.js";
import { sarifReport } from "./sarif.js";
import { reportView } from "./view.js";

export const REPORT_FORMATS = ["console", "json", "junit", "sarif", "markdown", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function renderReports(
  v: Verdict,
  catalogue: Catalogue,
  formats: ReportFormat[],
  lang: Lang,
  unitNames: Map<string, string> = new Map(),
  /** For subjects by name ("Trường Mầm non Hoa Mai", not "unit hy-mn-hoa-mai"). */
  inventory?: Inventory,
): FileTree {
  const tree: FileTree = new Map();
  const view = () => reportView(v, catalogue, lang, unitNames, inventory);
  for (const f of formats) {
    if (f === "json") tree.set("verdict.json", `${JSON.stringify(v, null, 2)}\n`);
    if (f === "junit") tree.set("junit.xml", junitReport(v, lang));
    if (f === "sarif") tree.set("attt.sarif", sarifReport(v, lang));
    if (f === "markdown") tree.set(`report.${lang}.md`, markdownReport(view()));
    if (f === "html") tree.set(`report.${lang}.html`, htmlReport(view()));
  }
  return tree;
}
