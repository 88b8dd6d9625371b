/**
 * The Department's report, every file of it, from one report model: the Decree 30
 * document (bao-cao.docx), its Excel appendix (phu-luc.xlsx) and the same report in
 * Markdown (bao-cao.md).
 */
import type { Inventory } from "../../model/inventory.js";
import type { Catalogue } from "../../model/load-catalogue.js";
import type { Narrative } from "../../model/report-narrative.js";
import type { FileTree } from "../../model/write-tree.js";
import type { Verdict } from "../engine.js";
import { docxReport } from "./docx.js";
import type { Period } from "./period.js";
import { reportMarkdown } from "./report-markdown.js";
import { reportModel } from "./verdict-view.js";
import { xlsxReport } from "./xlsx.js";

export const REPORT_FILES = { docx: "bao-cao.docx", xlsx: "phu-luc.xlsx", markdown: "bao-cao.md" } as const;

export async function departmentReport(args: {
  verdict: Verdict;
  previous?: Verdict;
  inventory: Inventory;
  catalogue: Catalogue;
  period: Period;
  narrative: Narrative;
}): Promise<FileTree> {
  const model = reportModel(args);
  return new Map<string, string | Uint8Array>([
    [REPORT_FILES.docx, await docxReport(model)],
    [REPORT_FILES.xlsx, await xlsxReport(model)],
    [REPORT_FILES.markdown, reportMarkdown(model)],
  ]);
}
