// Registry.pol writer and reader ([MS-GPREG] 2.2.1 "Registry Policy Message Syntax").
//
// Layout (every structural character is a UTF-16LE code unit, numbers are LE DWORDs):
//   "PReg" (ASCII, 4 bytes) | DWORD version = 1
//   then for each instruction:
//   "[" key NUL ";" value NUL ";" DWORD type ";" DWORD size ";" data(size bytes) "]"
//
// No npm library reads or writes this format, and the Group Policy client ignores a
// file it cannot parse without telling anyone, so the writer validates hard against
// the spec's ABNF and the reader reports the byte offset of the first thing it
// cannot parse.

export type RegType =
  | "REG_NONE"
  | "REG_SZ"
  | "REG_EXPAND_SZ"
  | "REG_BINARY"
  | "REG_DWORD"
  | "REG_DWORD_BIG_ENDIAN"
  | "REG_MULTI_SZ"
  | "REG_QWORD";

export interface PolEntry {
  /** Key path below HKLM/HKCU, e.g. `Software\Policies\Microsoft\Windows NT\DNSClient`. */
  key: string;
  /** Value name, or a special name such as `**del.X`, `**DelVals.`, `**DeleteValues`. */
  value: string;
  type: RegType;
  /**
   * REG_SZ / REG_EXPAND_SZ: string. REG_MULTI_SZ: string[].
   * REG_DWORD / REG_DWORD_BIG_ENDIAN: number (0..0xFFFFFFFF).
   * REG_QWORD: bigint (a safe-integer number is accepted on write; read gives bigint).
   * REG_BINARY / REG_NONE: Uint8Array.
   */
  data: string | number | bigint | string[] | Uint8Array;
}

// winnt.h type codes. MS-GPREG's ABNF lists 1,2,3,4,5,7,11; REG_NONE (0) is not in
// it, but Windows' own tools and Samba's parser handle it, so we allow it.
const TYPE_CODES: Record<RegType, number> = {
  REG_NONE: 0,
  REG_SZ: 1,
  REG_EXPAND_SZ: 2,
  REG_BINARY: 3,
  REG_DWORD: 4,
  REG_DWORD_BIG_ENDIAN: 5,
  REG_MULTI_SZ: 7,
  REG_QWORD: 11,
};
const TYPE_NAMES = new Map<number, RegType>(
  Object.entries(TYPE_CODES).map(([name, code]) => [code, name as RegType]),
);

const SIGNATURE = Buffer.from("PReg", "ascii");
const VERSION = 1;
// Spec: Value = 1*259ValueCharacter; Size = %x00-FFFF; Data = *65535OCTET.
const MAX_VALUE_NAME = 259;
const MAX_DATA_BYTES = 0xffff;

function utf16z(s: string): Buffer {
  return Buffer.from(`${s}\0`, "utf16le");
}

function describe(e: Pick<PolEntry, "key" | "value">): string {
  return `registry.pol entry ${JSON.stringify(e.key)} / ${JSON.stringify(e.value)}`;
}

/**
 * Spec ABNF: KeyPath = Key / KeyPath "\" Key; Key = 1*IdCharacter;
 * IdCharacter = %x20-5B / %x5D-7E (printable ASCII except backslash).
 * So: no empty component (no leading, trailing or doubled backslash), printable ASCII
 * only. `[`, `]` and `;` ARE allowed: strings are NUL-terminated, so they are
 * unambiguous. The spec also says HKLM/HKCU must not be part of the key.
 */
function validateKey(key: string): void {
  if (key.length === 0) throw new Error("registry.pol key must not be empty");
  for (const [i, part] of key.split("\\").entries()) {
    if (part.length === 0) {
      throw new Error(
        `registry.pol key ${JSON.stringify(key)}: empty path component at component ${i} (leading, trailing or doubled backslash)`,
      );
    }
    for (const ch of part) {
      const c = ch.codePointAt(0) ?? 0;
      if (c < 0x20 || c > 0x7e) {
        throw new Error(
          `registry.pol key ${JSON.stringify(key)}: character U+${c.toString(16).toUpperCase().padStart(4, "0")} is not allowed (MS-GPREG IdCharacter is printable ASCII)`,
        );
      }
    }
  }
  if (/^(HKLM|HKCU|HKEY_[A-Z_]+)(\\|$)/i.test(key)) {
    throw new Error(
      `registry.pol key ${JSON.stringify(key)}: must not start with a hive (HKLM/HKCU); the file's location selects the hive`,
    );
  }
}

/**
 * Spec ABNF: Value = 1*259ValueCharacter; ValueCharacter = SP / VCHAR (0x20-0x7E).
 * One deliberate deviation: an EMPTY value name is allowed, because Windows itself
 * writes `[key;;REG_NONE;0;]` to create a key with no values (seen in GPMC backups).
 */
function validateValueName(e: Pick<PolEntry, "key" | "value">): void {
  const v = e.value;
  if (v.length > MAX_VALUE_NAME) {
    throw new Error(`${describe(e)}: value name must be at most ${MAX_VALUE_NAME} characters`);
  }
  for (const ch of v) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || c > 0x7e) {
      throw new Error(
        `${describe(e)}: value name character U+${c.toString(16).toUpperCase().padStart(4, "0")} is not allowed (MS-GPREG ValueCharacter is printable ASCII)`,
      );
    }
  }
}

function noNul(e: PolEntry, s: string): void {
  if (s.includes("\0")) throw new Error(`${describe(e)}: string data must not contain NUL`);
}

function encodeData(e: PolEntry): Buffer {
  const d = e.data;
  switch (e.type) {
    case "REG_SZ":
    case "REG_EXPAND_SZ":
      if (typeof d !== "string") throw new Error(`${describe(e)}: ${e.type} data must be a string`);
      noNul(e, d);
      return utf16z(d);
    case "REG_MULTI_SZ": {
      if (!Array.isArray(d)) throw new Error(`${describe(e)}: REG_MULTI_SZ data must be string[]`);
      // An empty string inside a MULTI_SZ would read back as the list terminator.
      for (const s of d) {
        if (typeof s !== "string" || s.length === 0) {
          throw new Error(`${describe(e)}: REG_MULTI_SZ items must be non-empty strings`);
        }
        noNul(e, s);
      }
      // Each item NUL-terminated, then one more NUL: "a\0b\0\0". Empty list: "\0".
      return Buffer.from(`${d.map((s) => `${s}\0`).join("")}\0`, "utf16le");
    }
    case "REG_DWORD":
    case "REG_DWORD_BIG_ENDIAN": {
      if (typeof d !== "number" || !Number.isInteger(d) || d < 0 || d > 0xffffffff) {
        throw new Error(`${describe(e)}: ${e.type} data must be an integer 0..4294967295`);
      }
      const b = Buffer.alloc(4);
      if (e.type === "REG_DWORD") b.writeUInt32LE(d);
      else b.writeUInt32BE(d);
      return b;
    }
    case "REG_QWORD": {
      let v: bigint;
      if (typeof d === "bigint") v = d;
      else if (typeof d === "number" && Number.isSafeInteger(d)) v = BigInt(d);
      else throw new Error(`${describe(e)}: REG_QWORD data must be a bigint`);
      if (v < 0n || v > 0xffffffffffffffffn) {
        throw new Error(`${describe(e)}: REG_QWORD data must be 0..2^64-1`);
      }
      const b = Buffer.alloc(8);
      b.writeBigUInt64LE(v);
      return b;
    }
    case "REG_BINARY":
    case "REG_NONE":
      if (!(d instanceof Uint8Array)) throw new Error(`${describe(e)}: ${e.type} data must be a Uint8Array`);
      return Buffer.from(d);
    default:
      throw new Error(`${describe(e)}: unsupported type ${JSON.stringify(e.type)}`);
  }
}

/**
 * Ordinal comparison on upper-cased UTF-16 code units: the registry's own
 * case-insensitive rule, and independent of the host locale (localeCompare is not).
 */
function ciCompare(a: string, b: string): number {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Key paths compare component by component, as Windows orders them in the files it
 * writes: `Tcpip\Parameters` before `Tcpip6\Parameters`, `Windows\WinRM` before
 * `Windows Defender` (a whole-string compare would put them the other way round,
 * since `\` sorts after space and digits). Checked against 17 GPMC-written files.
 */
function compareKeys(a: string, b: string): number {
  const x = a.split("\\");
  const y = b.split("\\");
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = ciCompare(x[i] ?? "", y[i] ?? "");
    if (c !== 0) return c;
  }
  return x.length - y.length;
}

/**
 * Deterministic order: key (as above), then special `**` names first (so that a
 * `**DelVals.` runs before the values it must not delete), then value name
 * (case-insensitive), then a case-sensitive tie-break so the order is total.
 * (Windows keeps values of one key in the order the policy set them; we have no such
 * order, so we sort.)
 */
function compareEntries(a: PolEntry, b: PolEntry): number {
  const k = compareKeys(a.key, b.key);
  if (k !== 0) return k;
  const sa = a.value.startsWith("**") ? 0 : 1;
  const sb = b.value.startsWith("**") ? 0 : 1;
  if (sa !== sb) return sa - sb;
  const v = ciCompare(a.value, b.value);
  if (v !== 0) return v;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

export function encodeRegistryPol(entries: PolEntry[]): Buffer {
  const seen = new Set<string>();
  for (const e of entries) {
    validateKey(e.key);
    validateValueName(e);
    if (!Object.hasOwn(TYPE_CODES, e.type))
      throw new Error(`${describe(e)}: unsupported type ${JSON.stringify(e.type)}`);
    // Registry names are case-insensitive: two entries for one value would make the
    // result depend on order, which is exactly what sorting is meant to remove.
    const id = `${e.key.toUpperCase()}\0${e.value.toUpperCase()}`;
    if (seen.has(id)) throw new Error(`${describe(e)}: duplicate key/value (names are case-insensitive)`);
    seen.add(id);
  }
  const header = Buffer.alloc(8);
  SIGNATURE.copy(header, 0);
  header.writeUInt32LE(VERSION, 4);
  const parts: Buffer[] = [header];
  const open = Buffer.from("[", "utf16le");
  const semi = Buffer.from(";", "utf16le");
  const close = Buffer.from("]", "utf16le");
  for (const e of [...entries].sort(compareEntries)) {
    const data = encodeData(e);
    if (data.length > MAX_DATA_BYTES) {
      throw new Error(
        `${describe(e)}: data is ${data.length} bytes; MS-GPREG allows at most ${MAX_DATA_BYTES}`,
      );
    }
    const type = Buffer.alloc(4);
    type.writeUInt32LE(TYPE_CODES[e.type]);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(data.length);
    parts.push(open, utf16z(e.key), semi, utf16z(e.value), semi, type, semi, size, semi, data, close);
  }
  return Buffer.concat(parts);
}

// ---------------------------------------------------------------------------------
// Reader. Structural checks only (it must read files Windows wrote, which may hold
// names our writer refuses); every error names the byte offset.

class PolReader {
  pos = 0;
  constructor(private readonly buf: Buffer) {}

  fail(msg: string, at = this.pos): never {
    throw new Error(`registry.pol: ${msg} at byte offset ${at} (0x${at.toString(16)})`);
  }

  need(n: number, what: string): void {
    if (this.pos + n > this.buf.length) {
      this.fail(`truncated: expected ${what} (${n} bytes) but only ${this.buf.length - this.pos} remain`);
    }
  }

  char(ch: string): void {
    this.need(2, `'${ch}'`);
    const got = this.buf.readUInt16LE(this.pos);
    if (got !== ch.charCodeAt(0)) {
      this.fail(
        `expected '${ch}' (UTF-16LE 0x${ch.charCodeAt(0).toString(16)}) but found 0x${got.toString(16).padStart(4, "0")}`,
      );
    }
    this.pos += 2;
  }

  dword(what: string): number {
    this.need(4, what);
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  /** UTF-16LE string up to (and consuming) a NUL code unit. */
  string(what: string): string {
    const start = this.pos;
    for (let p = start; p + 1 < this.buf.length; p += 2) {
      if (this.buf.readUInt16LE(p) === 0) {
        this.pos = p + 2;
        return this.buf.toString("utf16le", start, p);
      }
    }
    return this.fail(`truncated: ${what} has no terminating NUL`, start);
  }
}

function decodeUtf16Data(r: PolReader, data: Buffer, at: number, what: string): string {
  if (data.length % 2 !== 0) r.fail(`${what} data has odd length ${data.length}`, at);
  let s = data.toString("utf16le");
  // Windows writes the terminating NUL and counts it in size; tolerate its absence.
  if (s.endsWith("\0")) s = s.slice(0, -1);
  return s;
}

export function decodeRegistryPol(buf: Buffer): PolEntry[] {
  const r: PolReader = new PolReader(buf);
  r.need(4, "signature 'PReg'");
  if (!buf.subarray(0, 4).equals(SIGNATURE)) {
    r.fail(`bad signature ${JSON.stringify(buf.subarray(0, 4).toString("latin1"))}, expected "PReg"`, 0);
  }
  r.pos = 4;
  const version = r.dword("version DWORD");
  if (version !== VERSION) r.fail(`unsupported version ${version}, expected ${VERSION}`, 4);

  const out: PolEntry[] = [];
  while (r.pos < buf.length) {
    r.char("[");
    const key = r.string("key");
    r.char(";");
    const value = r.string("value name");
    r.char(";");
    const typeAt = r.pos;
    const code = r.dword("type DWORD");
    const type = TYPE_NAMES.get(code);
    if (type === undefined) r.fail(`unsupported registry type ${code}`, typeAt);
    r.char(";");
    const size = r.dword("size DWORD");
    r.char(";");
    const dataAt = r.pos;
    r.need(size, `${size} bytes of data`);
    const data = buf.subarray(dataAt, dataAt + size);
    r.pos += size;
    r.char("]");

    let decoded: PolEntry["data"];
    switch (type) {
      case "REG_SZ":
      case "REG_EXPAND_SZ":
        decoded = decodeUtf16Data(r, data, dataAt, type);
        break;
      case "REG_MULTI_SZ": {
        const s = decodeUtf16Data(r, data, dataAt, type);
        // "a\0b\0" (after stripping the final NUL) -> ["a","b"]; "" or "\0" -> [].
        decoded = s.split("\0").filter((x) => x.length > 0);
        break;
      }
      case "REG_DWORD":
      case "REG_DWORD_BIG_ENDIAN":
        if (size !== 4) r.fail(`${type} data must be 4 bytes, size is ${size}`, dataAt);
        decoded = type === "REG_DWORD" ? data.readUInt32LE(0) : data.readUInt32BE(0);
        break;
      case "REG_QWORD":
        if (size !== 8) r.fail(`REG_QWORD data must be 8 bytes, size is ${size}`, dataAt);
        decoded = data.readBigUInt64LE(0);
        break;
      default:
        // Plain Uint8Array (not a Buffer view) so callers can compare and keep it.
        decoded = new Uint8Array(data);
    }
    out.push({ key, value, type, data: decoded });
  }
  return out;
}
