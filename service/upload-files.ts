/**
 * What a school sends through the upload page, turned into the records the API would get:
 * each `.json` file is one record; a `.zip` holds many (in folders or not). Nothing is
 * written to disk, so a name can do no harm there; names that try to leave the zip
 * (`../`, `/etc/...`, `C:\...`) or hide what they are (control, bidi, zero-width
 * characters) are refused all the same, so that the answer page never shows a misleading
 * name. A zip is bounded before anything is inflated: its entries' declared sizes (each no
 * larger than a record may be, all of them together no more than ZIP_TOTAL_BYTES), their
 * number and their method; inflating writes into a buffer of the declared size, so an
 * entry that lies about its size is cut short (and then is not JSON), never larger.
 */

import { unzipSync } from "fflate";
import secureJson from "secure-json-parse";
import { BODY_LIMIT } from "./limits.js";

export const UPLOAD_LIMITS = {
  /** Files (records or zips) in one upload. */
  files: 200,
  /** One record, as the API takes it. */
  recordBytes: BODY_LIMIT,
  /** One zip as sent. */
  zipBytes: 32 * 1024 * 1024,
  /** Entries of one zip, and their declared sizes together. */
  zipEntries: 2000,
  zipTotalBytes: 64 * 1024 * 1024,
};

/** Why a file is refused, Vietnamese first. */
export interface Refused {
  vi: string;
  en: string;
}

/** One record to check, or one file refused before it was read as a record. */
export type Piece = { name: string; record: unknown } | { name: string; refused: Refused };

const UNSAFE_NAME =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\ufffd]/u;

const mib = (n: number) => `${n / 1024 / 1024} MiB`;

/** Why a file or zip entry name is refused, or undefined when it is a plain relative name. */
export function unsafeName(name: string): Refused | undefined {
  if (name.length === 0 || name.length > 255)
    return { vi: "tên tệp rỗng hoặc dài quá 255 ký tự", en: "empty name or longer than 255 characters" };
  if (UNSAFE_NAME.test(name))
    return {
      vi: "tên tệp chứa ký tự điều khiển, đảo chiều hoặc ký tự ẩn",
      en: "the name holds control, bidi or invisible characters",
    };
  if (/^[/\\]|^[A-Za-z]:|\\/.test(name) || name.split("/").some((p) => p === ".." || p === "."))
    return {
      vi: "tên tệp chỉ ra ngoài thư mục (đường dẫn tuyệt đối, '..' hoặc '\\'): không nhận",
      en: "the name points outside its folder (absolute path, '..' or '\\')",
    };
  return undefined;
}

/** A name as the answer page may show it: nothing that changes how text reads, at most 120 characters. */
export function shownName(name: string): string {
  const clean = name.replace(new RegExp(UNSAFE_NAME.source, "gu"), "\ufffd");
  return clean.length > 120 ? `${clean.slice(0, 117)}...` : clean;
}

/** A record's bytes as the API's JSON parser reads them (UTF-8, no prototype poisoning). */
function readRecord(name: string, bytes: Uint8Array): Piece {
  if (bytes.length > UPLOAD_LIMITS.recordBytes)
    return {
      name,
      refused: {
        vi: `tệp lớn hơn ${mib(UPLOAD_LIMITS.recordBytes)} (một bản ghi minh chứng nhỏ hơn nhiều)`,
        en: `larger than ${mib(UPLOAD_LIMITS.recordBytes)}`,
      },
    };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { name, refused: { vi: "tệp không phải văn bản UTF-8", en: "not UTF-8 text" } };
  }
  try {
    return {
      name,
      record: secureJson.parse(text, undefined, { protoAction: "error", constructorAction: "error" }),
    };
  } catch (e) {
    return {
      name,
      refused: {
        vi: "tệp không phải JSON hợp lệ (bản ghi do Test-Baseline.ps1 hoặc audit.sh viết ra)",
        en: `not JSON: ${e instanceof Error ? e.message : String(e)}`,
      },
    };
  }
}

const notJson: Refused = {
  vi: "không phải tệp .json (bản ghi minh chứng) hay .zip chứa các bản ghi",
  en: "neither a .json record nor a .zip of records",
};

/** One uploaded file: a record, a zip of records, or a refusal. `truncated`: it passed the size limit. */
export function readUpload(name: string, bytes: Uint8Array, truncated: boolean): Piece[] {
  const badName = unsafeName(name);
  if (badName) return [{ name, refused: badName }];
  const lower = name.toLowerCase();
  if (lower.endsWith(".zip")) {
    if (truncated)
      return [
        {
          name,
          refused: {
            vi: `tệp zip lớn hơn ${mib(UPLOAD_LIMITS.zipBytes)}: chia thành nhiều tệp nhỏ hơn`,
            en: `zip larger than ${mib(UPLOAD_LIMITS.zipBytes)}`,
          },
        },
      ];
    return readZip(name, bytes);
  }
  if (!lower.endsWith(".json")) return [{ name, refused: notJson }];
  return [readRecord(name, truncated ? new Uint8Array(UPLOAD_LIMITS.recordBytes + 1) : bytes)];
}

function readZip(zipName: string, bytes: Uint8Array): Piece[] {
  const pieces: Piece[] = [];
  let entries = 0;
  let declared = 0;
  let inflated: Record<string, Uint8Array>;
  try {
    inflated = unzipSync(bytes, {
      filter: (f) => {
        const name = `${zipName}/${f.name}`;
        if (f.name.endsWith("/")) return false; // a folder
        const refuse = (refused: Refused) => {
          pieces.push({ name, refused });
          return false;
        };
        const badName = unsafeName(f.name);
        if (badName) return refuse(badName);
        if (++entries > UPLOAD_LIMITS.zipEntries)
          return refuse({
            vi: `tệp zip có hơn ${UPLOAD_LIMITS.zipEntries} tệp: phần còn lại không được xét`,
            en: `more than ${UPLOAD_LIMITS.zipEntries} entries`,
          });
        if (!f.name.toLowerCase().endsWith(".json")) return refuse(notJson);
        if (f.compression !== 0 && f.compression !== 8)
          return refuse({
            vi: "tệp trong zip nén theo cách không hỗ trợ (chỉ nhận store/deflate)",
            en: `compression method ${f.compression} (only store and deflate)`,
          });
        if (f.originalSize > UPLOAD_LIMITS.recordBytes)
          return refuse({
            vi: `giải nén ra lớn hơn ${mib(UPLOAD_LIMITS.recordBytes)} (có thể là "bom zip"): không giải nén`,
            en: `inflates to more than ${mib(UPLOAD_LIMITS.recordBytes)} (a zip bomb?)`,
          });
        declared += f.originalSize;
        if (declared > UPLOAD_LIMITS.zipTotalBytes)
          return refuse({
            vi: `các tệp trong zip giải nén ra quá ${mib(UPLOAD_LIMITS.zipTotalBytes)}: không giải nén`,
            en: `the zip inflates to more than ${mib(UPLOAD_LIMITS.zipTotalBytes)}`,
          });
        return true;
      },
    });
  } catch (e) {
    return [
      {
        name: zipName,
        refused: {
          vi: "tệp zip hỏng hoặc không đọc được; không lưu gì từ tệp này",
          en: `unreadable zip: ${e instanceof Error ? e.message : String(e)}`,
        },
      },
    ];
  }
  for (const [entry, data] of Object.entries(inflated)) pieces.push(readRecord(`${zipName}/${entry}`, data));
  if (pieces.length === 0)
    pieces.push({ name: zipName, refused: { vi: "tệp zip không chứa bản ghi nào", en: "an empty zip" } });
  return pieces.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
