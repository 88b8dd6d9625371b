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
    if (f === "console") continue;
    const name = reportFileName(f, lang);
    if (f === "json") tree.set(name, `${JSON.stringify(v, null, 2)}\n`);
    if (f === "junit") tree.set(name, junitReport(v, lang));
    if (f === "sarif") tree.set(name, sarifReport(v, lang));
    if (f === "markdown") tree.set(name, markdownReport(view()));
    if (f === "html") tree.set(name, htmlReport(view()));
  }
  return tree;
}

/** The file a report format is written to. */
export function reportFileName(f: Exclude<ReportFormat, "console">, lang: Lang): string {
  return {
    json: "verdict.json",
    junit: "junit.xml",
    sarif: "attt.sarif",
    markdown: `report.${lang}.md`,
    html: `report.${lang}.html`,
  }[f];
}
