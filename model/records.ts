/**
 * The record register: the documents that prove what only documents can (a decision, a
 * drill report, a duty roster). One YAML file listing, per requirement, the document's
 * number, date, issuer, title and approver, and the file (with its sha256) or a URL.
 * Each record is checked before it proves anything: a requirement the catalogue has and
 * documents prove, a date within the plan's period, a file that is there with that hash.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, normalize, sep } from "node:path";
import { z } from "zod";
import { RequirementId } from "./catalogue.js";
import { IsoDate } from "./inventory.js";
import type { Catalogue } from "./load-catalogue.js";
import { displayPath } from "./load-inventory.js";
import { InputError, type Problem } from "./problems.js";
import { locate, readYaml, type SourceFile, validate } from "./yaml-source.js";

export const RecordEntry = z
  .object({
    requirement: RequirementId.describe("The plan requirement the document proves (e.g. HY-PROV-35)"),
    title: z.string().min(5).max(300).describe("The document's title (trích yếu)"),
    number: z.string().min(1).max(100).describe("The document's number (số, ký hiệu), e.g. 1211/QĐ-SGDĐT"),
    date: IsoDate.describe("The document's date (YYYY-MM-DD)"),
    issuer: z.string().min(2).max(200).describe("Who issued it (cơ quan ban hành)"),
    approver: z.string().min(3).max(200).describe("Who signed or approved it (người ký / phê duyệt)"),
    file: z
      .string()
      .min(1)
      .max(500)
      .optional()
      .describe("The document's file, relative to the register's directory"),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, "64 lowercase hex digits")
      .optional()
      .describe("sha256 of the file"),
    url: z
      .url({ protocol: /^https$/, error: "an https:// address" })
      .max(500)
      .optional()
      .describe("Where the document is published, instead of a file"),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (!r.file && !r.url)
      ctx.addIssue({ code: "custom", path: ["file"], message: "a file (with sha256) or a url" });
    if (r.file && r.url)
      ctx.addIssue({ code: "custom", path: ["url"], message: "a file or a url, not both" });
    if (r.file && !r.sha256)
      ctx.addIssue({ code: "custom", path: ["sha256"], message: "the sha256 of the file (sha256sum FILE)" });
  });
export type RecordEntry = z.infer<typeof RecordEntry>;

export const RecordFile = z.object({ records: z.array(RecordEntry) }).strict();

/** A checked record: what it proves, and where it is written (file:line). */
export interface LoadedRecord extends RecordEntry {
  location: string;
}

/** Where a requirement's period starts: the first day of its plan ("2026-02" -> 2026-02-01). */
const periodStart = (date: string) =>
  date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;

/**
 * Loads and checks a record register. Every problem is gathered (file:line, field, what
 * was expected, what was found) and thrown together as one InputError. With
 * `laterDoNotCount` (a report of an earlier period, attt report --period), a record dated
 * after asOf is checked like any other but does not count: the register of the whole year
 * serves the report of its first half.
 */
export function loadRecords(
  file: string,
  o: { catalogue: Catalogue; asOf: string; laterDoNotCount?: boolean },
): LoadedRecord[] {
  const problems: Problem[] = [];
  const src = readYaml(file, problems);
  const parsed = src ? validate(src, RecordFile, problems) : null;
  if (!src || !parsed) throw new InputError(problems);
  const dir = dirname(file);
  const out: LoadedRecord[] = [];
  parsed.records.forEach((r, i) => {
    const problem = (field: keyof RecordEntry, expected: string, found: string, vi?: string) =>
      problems.push({ ...at(src, file, i, field, expected, found), ...(vi ? { vi } : {}) });
    const req = o.catalogue.requirements.get(r.requirement);
    if (!req) {
      problem(
        "requirement",
        "a requirement of the plan catalogue (attt plan coverage lists them)",
        `"${r.requirement}"`,
        `không có yêu cầu "${r.requirement}" trong danh mục kế hoạch (attt plan coverage liệt kê các yêu cầu)`,
      );
      return;
    }
    if (req.status === "automated" || req.status === "not-applicable")
      problem(
        "requirement",
        "a requirement that documents prove (status evidence or manual in the catalogue)",
        `${r.requirement}, which is ${req.status === "automated" ? "measured from the inputs, not from documents" : "not applicable"}`,
        `${r.requirement} ${req.status === "automated" ? "được đo từ dữ liệu đầu vào, không chứng minh bằng văn bản" : "không áp dụng"}`,
      );
    const from = periodStart(req.document.date);
    const later = r.date > o.asOf && o.laterDoNotCount === true;
    if (r.date < from)
      problem(
        "date",
        `a date on or after the plan's start, ${from} (plan ${req.document.id})`,
        r.date,
        `ngày ${r.date} trước ngày bắt đầu của kế hoạch ${req.document.id} (${from})`,
      );
    else if (r.date > o.asOf && !later)
      problem(
        "date",
        `a date on or before the check date, ${o.asOf} (--as-of or the inventory's asOf)`,
        r.date,
        `ngày ${r.date} sau ngày kiểm tra ${o.asOf} (--as-of hoặc asOf của danh mục)`,
      );
    if (r.file) {
      const bad = unsafePath(r.file);
      if (bad)
        problem(
          "file",
          "a path inside the register's directory",
          `"${r.file}" (${bad})`,
          `đường dẫn "${r.file}" phải nằm trong thư mục của sổ hồ sơ`,
        );
      else {
        const path = join(dir, r.file);
        const hash = sha256Of(path);
        if (hash === undefined)
          problem(
            "file",
            `a file at ${displayPath(path)}`,
            "nothing there (or not a readable file)",
            `không có tệp đọc được tại ${displayPath(path)}`,
          );
        // The file's own hash is not printed: pasting it would make a replaced file pass.
        else if (r.sha256 && hash !== r.sha256)
          problem(
            "sha256",
            `the sha256 of ${r.file} as registered when the document was filed`,
            `${r.sha256}, which the file no longer matches (it was changed or replaced: check it against the signed original)`,
            `tệp ${r.file} không còn khớp mã sha256 đã ghi khi lưu văn bản (tệp đã bị sửa hoặc thay): đối chiếu với bản gốc có chữ ký`,
          );
      }
    }
    // Relative to the working directory, as findings are: the verdict is the same wherever the clone is.
    if (!later) out.push({ ...r, location: `${displayPath(file)}:${locate(src, ["records", i]).line}` });
  });
  if (problems.length > 0) throw new InputError(problems);
  return out;
}

function at(
  src: SourceFile,
  file: string,
  i: number,
  field: string,
  expected: string,
  found: string,
): Problem {
  return { file, ...locate(src, ["records", i, field]), path: `records[${i}].${field}`, expected, found };
}

/** Why a record's file path may not be read, or undefined when it may. */
function unsafePath(p: string): string | undefined {
  if (isAbsolute(p)) return "an absolute path";
  if (normalize(p).split(sep).includes("..")) return "it leaves the register's directory";
  if (/[\0\r\n]/.test(p)) return "a control character";
  return undefined;
}

function sha256Of(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return undefined;
    return createHash("sha256").update(readFileSync(path)).digest("hex");
  } catch {
    return undefined;
  }
}
