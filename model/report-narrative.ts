/**
 * The narrative: what the Department's officer writes for the report (who issues it, to
 * whom, the shortcomings and their causes, next period's tasks, recommendations, who
 * signs). The figures never come from here: they come from the verdict, and what was done
 * for the plans' periodic tasks from the record register (attt check --records). `attt schema
 * report-narrative` prints the JSON Schema; examples/report-narrative.yaml is a filled one.
 */
import { z } from "zod";
import { IsoDate } from "./inventory.js";
import { InputError, type Problem } from "./problems.js";
import { locate, readYaml, validate } from "./yaml-source.js";

/** Text a document can hold: no control characters (a Word file cannot carry them), at most `max` characters. */
const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    // Tab, line breaks and printable characters only (a negated class: no control character in the pattern).
    .refine((s) => !/[^\t\n\r\u0020-\u007E\u00A0-\u{10FFFF}]/u.test(s), "text without control characters");

const Paragraphs = z.array(Text(4000)).default([]);

export const Narrative = z
  .object({
    issuer: z
      .object({
        /** Cơ quan chủ quản, e.g. "UBND TỈNH HƯNG YÊN" (written in capitals in the heading). */
        parent: Text(200).optional(),
        /** Cơ quan ban hành, e.g. "SỞ GIÁO DỤC VÀ ĐÀO TẠO". */
        name: Text(200),
        /** Chữ viết tắt for the number line, e.g. "SGDĐT" → "Số: .../BC-SGDĐT". */
        abbreviation: Text(40),
      })
      .strict(),
    /** The document number when it has one; left as "..." for the clerk (văn thư) to fill in otherwise. */
    number: z
      .string()
      .regex(/^\d{1,6}$/, "digits, e.g. 45")
      .optional(),
    /** Địa danh of the place-and-date line, e.g. "Hưng Yên". */
    place: Text(100),
    /** The date of the document; the verdict's date when left out. */
    date: IsoDate.optional(),
    /** Trích yếu after "BÁO CÁO"; a standard one naming the period when left out. */
    subject: Text(300).optional(),
    /** Kính gửi: the bodies the report goes to. */
    to: z.array(Text(200)).min(1),
    /** Căn cứ / opening paragraphs before the results. */
    opening: Paragraphs,
    /** Per section, the officer's paragraphs. */
    results: Paragraphs,
    shortcomings: Paragraphs,
    causes: Paragraphs,
    nextTasks: Paragraphs,
    recommendations: Paragraphs,
    /** Nơi nhận, one line each ("Như trên", "Lưu: VT, CNTT"). */
    recipients: z.array(Text(200)).min(1),
    signer: z
      .object({
        /** "KT. GIÁM ĐỐC" when signing on behalf of the head; left out when the head signs. */
        authority: Text(100).optional(),
        /** Chức vụ: "PHÓ GIÁM ĐỐC". */
        title: Text(100),
        name: Text(100),
      })
      .strict(),
  })
  .strict();
export type Narrative = z.infer<typeof Narrative>;

/** What the report's date is checked against: the date of its figures and its period. */
export interface ReportDates {
  asOf: string;
  period: { id: string; start: string };
}

const dmy = (iso: string) => iso.split("-").reverse().join("/");

/**
 * Loads a narrative file; every problem is located (file:line, field, expected, found), exit 2.
 * With `dates`, the report's date must not precede its figures nor its period: a report
 * dated 08/06 cannot state figures of 20/11, nor report on a half-year not yet begun.
 */
export function loadNarrative(file: string, dates?: ReportDates): Narrative {
  const problems: Problem[] = [];
  const src = readYaml(file, problems);
  const parsed = src ? validate(src, Narrative, problems) : null;
  if (!src || !parsed) throw new InputError(problems);
  const floor = dates && (dates.asOf > dates.period.start ? dates.asOf : dates.period.start);
  if (dates && floor && parsed.date && parsed.date < floor)
    problems.push({
      file,
      ...locate(src, ["date"]),
      path: "date",
      expected:
        floor === dates.asOf
          ? `ngày báo cáo từ ${dmy(dates.asOf)} trở đi, ngày của số liệu (a report date on or after its figures' date, ${dates.asOf})`
          : `ngày báo cáo từ ${dmy(dates.period.start)} trở đi, ngày bắt đầu kỳ ${dates.period.id} (a report date on or after its period begins, ${dates.period.start})`,
      found: parsed.date,
    });
  if (problems.length > 0) throw new InputError(problems);
  return parsed;
}
