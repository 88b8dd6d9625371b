/**
 * Deterministic zip archives: entries sorted, one fixed timestamp, fixed compression,
 * so the same files always give the same bytes (and the same signature).
 *
 * Reading is strict: a bundle is checked before anyone runs it as administrator, so what
 * was checked must be exactly what any unzip tool extracts. An archive whose entries an
 * extractor could resolve differently (two entries with the same name, or names that are
 * the same file on Windows; bytes hidden outside the entries the central directory lists;
 * a local header that disagrees with the central directory) is refused with a ZipError.
 */
import { strToU8, unzipSync, type Zippable, zipSync } from "fflate";

/**
 * 1980-01-01 00:00:00 is the zip format's epoch; any fixed date would do. Zip stores a
 * local date and time, and fflate reads it from the Date's local fields: the Date is
 * built in local time so those fields are the same in every time zone (from UTC, the
 * bytes changed with TZ, and west of Greenwich the date fell in 1979, out of the format's range).
 */
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);

/** An archive that is not a zip, or one that unzip tools could extract differently. */
export class ZipError extends Error {}

export function zipFiles(
  files: Map<string, string | Uint8Array>,
  executables: Set<string> = new Set(),
): Uint8Array {
  const tree: Zippable = {};
  for (const name of [...files.keys()].sort()) {
    const content = files.get(name) as string | Uint8Array;
    const data = typeof content === "string" ? strToU8(content) : content;
    // Unix mode in the external attributes keeps scripts executable after unzip.
    const mode = executables.has(name) ? 0o100755 : 0o100644;
    tree[name] = [data, { level: 6, mtime: FIXED_TIME, os: 3, attrs: mode << 16 }];
  }
  return zipSync(tree, { level: 6, mtime: FIXED_TIME });
}

/** The files of a zip (directory entries left out); a ZipError if it is not one unambiguous archive. */
export function unzipFiles(bytes: Uint8Array): Map<string, Uint8Array> {
  checkLayout(bytes);
  const names: string[] = [];
  let out: Record<string, Uint8Array>;
  try {
    out = unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        return true;
      },
    });
  } catch (e) {
    throw new ZipError(`not a zip archive (${(e as Error).message})`);
  }
  checkNames(names);
  return new Map(Object.entries(out).filter(([name]) => !name.endsWith("/")));
}

/** Little-endian reads; past the end reads as 0 (every offset is range-checked before it is trusted). */
const byte = (d: Uint8Array, at: number) => d[at] ?? 0;
const u16 = (d: Uint8Array, at: number) => byte(d, at) | (byte(d, at + 1) << 8);
const u32 = (d: Uint8Array, at: number) => (u16(d, at) | (u16(d, at + 2) << 16)) >>> 0;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const UTF8_FLAG = 0x0800;
const DESCRIPTOR_FLAG = 0x0008;
const ENCRYPTED_FLAG = 0x0001;
/** Extra fields that change an entry's name or sizes for some extractors and not others. */
const AMBIGUOUS_EXTRAS = new Map([
  [0x0001, "ZIP64 sizes"],
  [0x7075, "an Info-ZIP Unicode path (another name for the entry)"],
]);

/**
 * The archive is exactly its entries, back to back from byte 0, then the central
 * directory, then the end record: every local header matches its central-directory entry,
 * and no byte is left over for a streaming extractor to read as another file.
 * Mirrors how fflate finds the end record, so both read the same directory.
 */
function checkLayout(d: Uint8Array): void {
  const bad = (what: string): never => {
    throw new ZipError(`not a well-formed zip archive: ${what}`);
  };
  const notZip = (): never => {
    throw new ZipError("not a zip archive (no end of central directory record)");
  };
  if (d.length < 22) notZip();
  let e = d.length - 22;
  while (u32(d, e) !== EOCD) {
    if (e === 0 || d.length - e > 65558) notZip();
    e--;
  }
  if (e + 22 + u16(d, e + 20) !== d.length) bad("bytes after the end of central directory record");
  if (u16(d, e + 4) !== 0 || u16(d, e + 6) !== 0) bad("a multi-part archive");
  const count = u16(d, e + 8);
  const size = u32(d, e + 12);
  const start = u32(d, e + 16);
  if (u16(d, e + 10) !== count) bad("inconsistent entry counts");
  if (
    count === 0xffff ||
    size === 0xffffffff ||
    start === 0xffffffff ||
    (e >= 20 && u32(d, e - 20) === ZIP64_LOCATOR)
  )
    bad("ZIP64 (attt-kit bundles never are)");
  if (start + size !== e) bad("bytes between the central directory and its end record");

  const spans: Array<[number, number]> = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + 46 > e || u32(d, at) !== CENTRAL) bad(`central directory entry ${i + 1} is damaged`);
    const flags = u16(d, at + 8);
    const method = u16(d, at + 10);
    const csize = u32(d, at + 20);
    const usize = u32(d, at + 24);
    const nameLen = u16(d, at + 28);
    const extraLen = u16(d, at + 30);
    const next = at + 46 + nameLen + extraLen + u16(d, at + 32);
    if (next > e) bad(`central directory entry ${i + 1} is damaged`);
    const nameBytes = d.subarray(at + 46, at + 46 + nameLen);
    const name = Buffer.from(nameBytes).toString(flags & UTF8_FLAG ? "utf8" : "latin1");
    if (flags & ENCRYPTED_FLAG) bad(`${name} is encrypted`);
    checkExtras(d, at + 46 + nameLen, extraLen, name, bad);
    if (nameBytes.some((b) => b < 0x20 || b === 0x7f))
      bad(`${JSON.stringify(name)}: control characters in a name`);
    if (!(flags & UTF8_FLAG) && nameBytes.some((b) => b > 0x7f))
      bad(`${name}: a non-ASCII name without the UTF-8 flag reads differently in different unzip tools`);
    if (flags & UTF8_FLAG) {
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(nameBytes);
      } catch {
        bad(`${name}: the name is not valid UTF-8`);
      }
    }

    const local = u32(d, at + 42);
    if (local + 30 > start || u32(d, local) !== LOCAL) bad(`${name}: its local header is missing`);
    const localNameLen = u16(d, local + 26);
    const localExtraLen = u16(d, local + 28);
    const localFlags = u16(d, local + 6);
    if (!Buffer.from(d.subarray(local + 30, local + 30 + localNameLen)).equals(nameBytes))
      bad(`${name}: the local header names another file`);
    if (u16(d, local + 8) !== method || (localFlags & DESCRIPTOR_FLAG) !== (flags & DESCRIPTOR_FLAG))
      bad(`${name}: the local header disagrees with the central directory`);
    checkExtras(d, local + 30 + localNameLen, localExtraLen, name, bad);
    const dataStart = local + 30 + localNameLen + localExtraLen;
    let end = dataStart + csize;
    if (flags & DESCRIPTOR_FLAG) {
      // Sizes follow the data (12 bytes, or 16 with the optional signature).
      const sig = end + 4 <= start && u32(d, end) === DESCRIPTOR ? 4 : 0;
      if (end + sig + 12 > start || u32(d, end + sig + 4) !== csize || u32(d, end + sig + 8) !== usize)
        bad(`${name}: its data descriptor disagrees with the central directory`);
      end += sig + 12;
    } else if (u32(d, local + 18) !== csize || u32(d, local + 22) !== usize) {
      bad(`${name}: the local header disagrees with the central directory`);
    }
    if (end > start) bad(`${name}: its data overlaps the central directory`);
    spans.push([local, end]);
    at = next;
  }
  if (at !== e) bad("the central directory has more bytes than its entries");
  spans.sort((a, b) => a[0] - b[0]);
  let expected = 0;
  for (const [from, to] of spans) {
    if (from !== expected) bad(from < expected ? "entries overlap" : "bytes hidden between entries");
    expected = to;
  }
  if (expected !== start) bad("bytes hidden before the central directory");
}

function checkExtras(
  d: Uint8Array,
  from: number,
  length: number,
  name: string,
  bad: (what: string) => never,
) {
  for (let at = from; at + 4 <= from + length; at += 4 + u16(d, at + 2)) {
    const what = AMBIGUOUS_EXTRAS.get(u16(d, at));
    if (what) bad(`${name} carries ${what}`);
  }
}

/**
 * No two entries may be the same file once extracted: exact duplicates (one map would keep
 * the last, an unzip tool may extract the first), and names Windows resolves to one path
 * (case, `\` for `/`, `./` and empty segments, trailing dots and spaces). Nor may a name be
 * both a file and a folder, or climb out of the extraction folder.
 */
function checkNames(names: string[]): void {
  const seen = new Map<string, string>();
  const files = new Set<string>();
  const folders = new Set<string>();
  for (const name of names) {
    const segments = name.split(/[\\/]/);
    const isFolder = name.endsWith("/") || name.endsWith("\\");
    if (/^[\\/]/.test(name) || /^[A-Za-z]:/.test(name) || segments.includes(".."))
      throw new ZipError(`unsafe entry name "${name}": it would be extracted outside the destination folder`);
    const key = segments
      .filter((s) => s !== "" && s !== ".")
      .map((s) =>
        s
          .replace(/[. ]+$/, "")
          .normalize("NFC")
          .toLowerCase(),
      )
      .join("/");
    const other = seen.get(key);
    if (other !== undefined) {
      throw new ZipError(
        other === name
          ? `duplicate entry "${name}": the archive holds two files with this name, and unzip tools disagree on which one they extract`
          : `entries "${other}" and "${name}" are the same file when extracted on Windows; unzip tools disagree on which one they extract`,
      );
    }
    seen.set(key, name);
    (isFolder ? folders : files).add(key);
  }
  for (const key of [...files, ...folders]) {
    const parts = key.split("/");
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join("/");
      if (files.has(parent))
        throw new ZipError(
          `entry "${seen.get(parent)}" is a file, but "${seen.get(key)}" needs it to be a folder`,
        );
    }
  }
}
