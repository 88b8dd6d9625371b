// Windows policy file formats: own round trips, byte-level checks against what GPMC
// writes, and round trips through Samba's independent parsers (python3-samba).

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  AUDIT_CSV_HEADER,
  AUDIT_SUBCATEGORIES,
  type AuditSetting,
  auditSetting,
  decodeAuditCsv,
  encodeAuditCsv,
} from "../baselines/emit/windows/audit-csv.js";
import { gpoBackupFiles, gpoBackupIds, machineExtensionNames } from "../baselines/emit/windows/gpo-backup.js";
import { decodeGptTmpl, encodeGptTmpl, type InfDocument } from "../baselines/emit/windows/gpttmpl-inf.js";
import {
  decodeRegistryPol,
  encodeRegistryPol,
  type PolEntry,
} from "../baselines/emit/windows/registry-pol.js";
import { ATTT_KIT_NAMESPACE, stableGuid, uuidV5 } from "../baselines/emit/windows/stable-guid.js";
import { xmlCdata, xmlEscape } from "../baselines/emit/windows/xml.js";

const PYTHON = "/usr/bin/python3";
const SAMBA_READ = join(dirname(fileURLToPath(import.meta.url)), "helpers", "samba_read.py");

function probe(code: string): boolean {
  const r = spawnSync(PYTHON, ["-c", code], { encoding: "utf8" });
  return r.status === 0;
}
const hasPython = probe("import xml.etree.ElementTree");
const hasSamba =
  hasPython &&
  probe("import samba.gp_parse.gp_pol, samba.gp_parse.gp_inf, samba.gp_parse.gp_csv, samba.dcerpc.security");
if (!hasPython) console.warn(`skipping XML checks: ${PYTHON} is missing`);
if (!hasSamba)
  console.warn(`skipping Samba round trips: ${PYTHON} cannot import samba (apt-get install python3-samba)`);

const work = mkdtempSync(join(tmpdir(), "attt-winfmt-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let fileNo = 0;
function tmpFile(bytes: Buffer, name = `f${fileNo++}`): string {
  const p = join(work, name);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, bytes);
  return p;
}

/** JSON printed by test/helpers/samba_read.py (see its docstring). */
interface SambaPol {
  signature: string;
  version: number;
  num_entries: number;
  entries: Array<{ key: string; value: string; type: string; size: number; data: unknown }>;
}
interface SambaInf {
  sections: Record<string, unknown[]>;
}
interface SambaCsv {
  header: string[];
  rows: Array<Record<string, string>>;
}
function samba(kind: "pol", bytes: Buffer): SambaPol;
function samba(kind: "inf", bytes: Buffer): SambaInf;
function samba(kind: "csv", bytes: Buffer): SambaCsv;
function samba(kind: "pol" | "inf" | "csv", bytes: Buffer): unknown {
  const r = spawnSync(PYTHON, [SAMBA_READ, kind, tmpFile(bytes)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`samba_read ${kind} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function python<T>(code: string, args: string[]): T {
  const r = spawnSync(PYTHON, ["-c", code, ...args], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// --- Registry.pol -------------------------------------------------------------------

const K = "Software\\Policies\\attt-kit\\Test";
function must<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`missing ${what}`);
  return v;
}

/** One entry of every supported type, deliberately out of order. */
const ALL_TYPES: PolEntry[] = [
  { key: K, value: "Sz", type: "REG_SZ", data: "Cảnh báo: máy tính của nhà trường — chỉ dùng cho học tập" },
  { key: K, value: "ExpandSz", type: "REG_EXPAND_SZ", data: "%SystemRoot%\\System32\\Tiếng Việt" },
  { key: K, value: "Dword", type: "REG_DWORD", data: 4294967295 },
  { key: K, value: "DwordZero", type: "REG_DWORD", data: 0 },
  { key: K, value: "DwordBE", type: "REG_DWORD_BIG_ENDIAN", data: 0x01020304 },
  { key: K, value: "Qword", type: "REG_QWORD", data: 18446744073709551615n },
  { key: K, value: "QwordSmall", type: "REG_QWORD", data: 42n },
  { key: K, value: "MultiSz", type: "REG_MULTI_SZ", data: ["một", "hai", "ba;[x]"] },
  { key: K, value: "MultiSzEmpty", type: "REG_MULTI_SZ", data: [] },
  { key: K, value: "Binary", type: "REG_BINARY", data: new Uint8Array([0, 1, 0x7f, 0x80, 0xff]) },
  { key: `${K}\\Sub`, value: "", type: "REG_NONE", data: new Uint8Array() },
  { key: K, value: "**del.OldValue", type: "REG_SZ", data: " " },
  { key: K, value: "**DeleteValues", type: "REG_SZ", data: "A;B" },
  { key: `${K}\\Clean`, value: "**DelVals.", type: "REG_SZ", data: " " },
  {
    key: "Software\\Policies\\Microsoft\\Windows NT\\DNSClient",
    value: "EnableMulticast",
    type: "REG_DWORD",
    data: 0,
  },
];

function byKeyValue(a: PolEntry, b: PolEntry): number {
  const x = `${a.key}\0${a.value}`;
  const y = `${b.key}\0${b.value}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

describe("registry.pol", () => {
  it("round-trips every type through its own reader", () => {
    const back = decodeRegistryPol(encodeRegistryPol(ALL_TYPES));
    expect([...back].sort(byKeyValue)).toEqual([...ALL_TYPES].sort(byKeyValue));
  });

  it("writes the MS-GPREG layout byte for byte", () => {
    const bytes = encodeRegistryPol([{ key: "A\\B", value: "V", type: "REG_DWORD", data: 0x11223344 }]);
    const u16 = (s: string) => Buffer.from(s, "utf16le");
    const expected = Buffer.concat([
      Buffer.from("PReg", "ascii"),
      Buffer.from([1, 0, 0, 0]),
      u16("[A\\B\0;V\0;"),
      Buffer.from([4, 0, 0, 0]),
      u16(";"),
      Buffer.from([4, 0, 0, 0]),
      u16(";"),
      Buffer.from([0x44, 0x33, 0x22, 0x11]),
      u16("]"),
    ]);
    expect(bytes.equals(expected)).toBe(true);
    expect(encodeRegistryPol([]).equals(Buffer.from("PReg\x01\x00\x00\x00", "latin1"))).toBe(true);
  });

  it("terminates strings with NUL and MULTI_SZ with a double NUL", () => {
    const sz = encodeRegistryPol([{ key: "A", value: "V", type: "REG_SZ", data: "ab" }]);
    expect(sz.includes(Buffer.from("ab\0]", "utf16le"))).toBe(true);
    const multi = encodeRegistryPol([{ key: "A", value: "V", type: "REG_MULTI_SZ", data: ["x", "y"] }]);
    expect(multi.includes(Buffer.from("x\0y\0\0]", "utf16le"))).toBe(true);
  });

  it("sorts deterministically: key components case-insensitively, ** names first, then value", () => {
    const entries: PolEntry[] = [
      { key: "Software\\Windows Defender", value: "a", type: "REG_DWORD", data: 1 },
      { key: "software\\windows\\WinRM", value: "Z", type: "REG_DWORD", data: 1 },
      { key: "Software\\Windows\\WinRM", value: "a", type: "REG_DWORD", data: 1 },
      { key: "Software\\Windows\\WinRM", value: "**DelVals.", type: "REG_SZ", data: " " },
      { key: "System\\Tcpip6\\Parameters", value: "x", type: "REG_DWORD", data: 1 },
      { key: "System\\Tcpip\\Parameters", value: "x", type: "REG_DWORD", data: 1 },
    ];
    const order = decodeRegistryPol(encodeRegistryPol(entries)).map((e) => `${e.key}|${e.value}`);
    // Windows' own files put `Windows\WinRM` before `Windows Defender` and `Tcpip\` before `Tcpip6\`.
    expect(order).toEqual([
      "Software\\Windows\\WinRM|**DelVals.",
      "Software\\Windows\\WinRM|a",
      "software\\windows\\WinRM|Z",
      "Software\\Windows Defender|a",
      "System\\Tcpip\\Parameters|x",
      "System\\Tcpip6\\Parameters|x",
    ]);
  });

  it("is deterministic: same entries in any order give identical bytes", () => {
    const a = encodeRegistryPol(ALL_TYPES);
    const b = encodeRegistryPol([...ALL_TYPES].reverse());
    expect(a.equals(b)).toBe(true);
    expect(a.equals(encodeRegistryPol(ALL_TYPES))).toBe(true);
  });

  it.each<[string, PolEntry, RegExp]>([
    ["hive in key", { key: "HKLM\\Software\\X", value: "v", type: "REG_DWORD", data: 1 }, /hive/],
    [
      "leading backslash",
      { key: "\\Software", value: "v", type: "REG_DWORD", data: 1 },
      /empty path component/,
    ],
    [
      "doubled backslash",
      { key: "Software\\\\X", value: "v", type: "REG_DWORD", data: 1 },
      /empty path component/,
    ],
    ["empty key", { key: "", value: "v", type: "REG_DWORD", data: 1 }, /must not be empty/],
    ["NUL in key", { key: "Soft\0ware", value: "v", type: "REG_DWORD", data: 1 }, /U\+0000/],
    ["non-ASCII key", { key: "Software\\Trường", value: "v", type: "REG_DWORD", data: 1 }, /U\+01B0/],
    [
      "NUL in value name",
      { key: "S", value: "a\0b", type: "REG_DWORD", data: 1 },
      /value name character U\+0000/,
    ],
    ["value name too long", { key: "S", value: "x".repeat(260), type: "REG_DWORD", data: 1 }, /at most 259/],
    ["NUL in string data", { key: "S", value: "v", type: "REG_SZ", data: "a\0b" }, /NUL/],
    ["DWORD too big", { key: "S", value: "v", type: "REG_DWORD", data: 2 ** 32 }, /0\.\.4294967295/],
    ["negative DWORD", { key: "S", value: "v", type: "REG_DWORD", data: -1 }, /0\.\.4294967295/],
    ["DWORD given a string", { key: "S", value: "v", type: "REG_DWORD", data: "1" }, /integer/],
    ["QWORD negative", { key: "S", value: "v", type: "REG_QWORD", data: -1n }, /2\^64/],
    ["empty MULTI_SZ item", { key: "S", value: "v", type: "REG_MULTI_SZ", data: ["a", ""] }, /non-empty/],
    ["binary given string", { key: "S", value: "v", type: "REG_BINARY", data: "00" }, /Uint8Array/],
    [
      "data over 65535 bytes",
      { key: "S", value: "v", type: "REG_BINARY", data: new Uint8Array(65536) },
      /65535/,
    ],
  ])("rejects %s", (_name, entry, message) => {
    expect(() => encodeRegistryPol([entry])).toThrow(message);
  });

  it("accepts [ ] ; in names, which MS-GPREG's IdCharacter allows", () => {
    const e: PolEntry = { key: "Software\\a[b];c", value: "x;[y]", type: "REG_DWORD", data: 7 };
    expect(decodeRegistryPol(encodeRegistryPol([e]))).toEqual([e]);
  });

  it("rejects duplicate values (case-insensitive)", () => {
    expect(() =>
      encodeRegistryPol([
        { key: "S\\K", value: "Name", type: "REG_DWORD", data: 1 },
        { key: "s\\k", value: "NAME", type: "REG_DWORD", data: 2 },
      ]),
    ).toThrow(/duplicate/);
  });

  describe("malformed input names the byte offset", () => {
    const good = encodeRegistryPol(ALL_TYPES);

    it("bad signature", () => {
      const bad = Buffer.from(good);
      bad.write("PRex", 0, "ascii");
      expect(() => decodeRegistryPol(bad)).toThrow(/bad signature.*byte offset 0\b/);
    });
    it("bad header version", () => {
      const bad = Buffer.from(good);
      bad.writeUInt32LE(2, 4);
      expect(() => decodeRegistryPol(bad)).toThrow(/version 2.*byte offset 4\b/);
    });
    it("short header", () => {
      expect(() => decodeRegistryPol(Buffer.from("PR"))).toThrow(/truncated.*byte offset 0\b/);
      expect(() => decodeRegistryPol(Buffer.from("PReg\x01\x00", "latin1"))).toThrow(
        /truncated.*byte offset 4\b/,
      );
    });
    it("truncation at every length that is not an entry boundary", () => {
      // A cut exactly between two entries leaves a valid, shorter file.
      const sorted = decodeRegistryPol(good);
      const boundaries = new Set(sorted.map((_, k) => encodeRegistryPol(sorted.slice(0, k)).length));
      for (let n = 9; n < good.length; n++) {
        if (boundaries.has(n)) continue;
        expect(() => decodeRegistryPol(good.subarray(0, n)), `cut at ${n}`).toThrow(/byte offset \d+/);
      }
      expect(boundaries.size).toBe(ALL_TYPES.length);
    });
    it("missing opening bracket", () => {
      const bad = Buffer.from(good);
      bad.write("{", 8, "utf16le");
      expect(() => decodeRegistryPol(bad)).toThrow(/expected '\['.*byte offset 8\b/);
    });
    it("unknown type code", () => {
      const one = encodeRegistryPol([{ key: "A", value: "V", type: "REG_DWORD", data: 1 }]);
      const typeAt = 8 + 2 + 4 + 2 + 4 + 2; // header, "[", "A\0", ";", "V\0", ";"
      one.writeUInt32LE(6, typeAt); // REG_LINK
      expect(() => decodeRegistryPol(one)).toThrow(new RegExp(`type 6 at byte offset ${typeAt}\\b`));
    });
    it("DWORD with wrong size", () => {
      const u16 = (s: string) => Buffer.from(s, "utf16le");
      const bad = Buffer.concat([
        Buffer.from("PReg\x01\x00\x00\x00", "latin1"),
        u16("[A\0;V\0;"),
        Buffer.from([4, 0, 0, 0]),
        u16(";"),
        Buffer.from([2, 0, 0, 0]),
        u16(";"),
        Buffer.from([1, 0]),
        u16("]"),
      ]);
      // data starts after header 8 + "[A\0;V\0;" 14 + type 4 + ";" 2 + size 4 + ";" 2 = 34
      expect(() => decodeRegistryPol(bad)).toThrow(/must be 4 bytes.*byte offset 34\b/);
    });
  });

  describe.skipIf(!hasSamba)("read back by Samba's GPPolParser", () => {
    it("sees every type with the same values", () => {
      const bytes = encodeRegistryPol(ALL_TYPES);
      const out = samba("pol", bytes);
      expect(out.signature).toBe("PReg");
      expect(out.version).toBe(1);
      expect(out.num_entries).toBe(ALL_TYPES.length);
      const ours = decodeRegistryPol(bytes); // same order as the file
      const theirs = out.entries.map((e): PolEntry => {
        let data: PolEntry["data"];
        switch (e.type) {
          case "REG_QWORD":
            data = BigInt(String(e.data));
            break;
          case "REG_BINARY":
            data = new Uint8Array(Buffer.from(String(e.data), "hex"));
            break;
          case "REG_NONE":
            // Samba keeps only the size of REG_NONE data; ours are all empty.
            expect(e.size).toBe(0);
            data = new Uint8Array();
            break;
          default:
            data = e.data as PolEntry["data"];
        }
        return { key: e.key, value: e.value, type: e.type as PolEntry["type"], data };
      });
      expect(theirs).toEqual(ours);
      expect([...theirs].sort(byKeyValue)).toEqual([...ALL_TYPES].sort(byKeyValue));
    });

    it("reads Vietnamese REG_SZ text exactly", () => {
      const text = "Đây là máy tính của trường. Mọi truy cập đều được ghi lại.";
      const out = samba(
        "pol",
        encodeRegistryPol([{ key: K, value: "LegalNotice", type: "REG_SZ", data: text }]),
      );
      expect(out.entries).toEqual([
        { key: K, value: "LegalNotice", type: "REG_SZ", size: (text.length + 1) * 2, data: text },
      ]);
    });

    it("agrees that a truncated file is broken", () => {
      const bytes = encodeRegistryPol(ALL_TYPES);
      const r = spawnSync(PYTHON, [SAMBA_READ, "pol", tmpFile(bytes.subarray(0, bytes.length - 3))], {
        encoding: "utf8",
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/Samba could not parse/);
    });
  });
});

// --- GptTmpl.inf --------------------------------------------------------------------

const INF: InfDocument = {
  sections: {
    // Deliberately not in canonical order.
    "Privilege Rights": [
      ["SeNetworkLogonRight", "*S-1-5-32-544,*S-1-5-32-545"],
      ["SeTcbPrivilege", ""],
      ["SeDenyNetworkLogonRight", "*S-1-5-32-546"],
    ],
    "Kerberos Policy": [["MaxTicketAge", "10"]],
    "System Access": [
      ["MinimumPasswordLength", "14"],
      ["PasswordComplexity", "1"],
      ["PasswordHistorySize", "24"],
      ["LockoutBadCount", "5"],
      ["NewAdministratorName", '"Quản trị viên"'],
    ],
    "Service General Setting": [["XblGameSave", '4,""']],
    "Registry Values": [
      ["MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\LmCompatibilityLevel", "4,5"],
      [
        "MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\LegalNoticeCaption",
        '1,"Cảnh báo an toàn thông tin"',
      ],
      ["MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\RestrictRemoteSAM", '1,"O:BAG:BAD:(A;;RC;;;BA)"'],
    ],
    "Event Audit": [["AuditLogonEvents", "3"]],
  },
};

describe("GptTmpl.inf", () => {
  it("round-trips through its own reader, Vietnamese included", () => {
    expect(decodeGptTmpl(encodeGptTmpl(INF))).toEqual(INF);
  });

  it("is UTF-16LE with BOM and CRLF, [Unicode] and [Version] first, canonical section order", () => {
    const bytes = encodeGptTmpl(INF);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const text = bytes.toString("utf16le", 2);
    expect(
      text.startsWith('[Unicode]\r\nUnicode=yes\r\n[Version]\r\nsignature="$CHICAGO$"\r\nRevision=1\r\n'),
    ).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const headers = [...text.matchAll(/^\[(.*)\]\r$/gm)].map((m) => m[1]);
    expect(headers).toEqual([
      "Unicode",
      "Version",
      "System Access",
      "Event Audit",
      "Registry Values",
      "Privilege Rights",
      "Service General Setting",
      "Kerberos Policy",
    ]);
    // Line shapes as GPMC writes them.
    expect(text).toContain("\r\nMinimumPasswordLength = 14\r\n");
    expect(text).toContain("\r\nSeTcbPrivilege =\r\n");
    expect(text).toContain(
      "\r\nMACHINE\\System\\CurrentControlSet\\Control\\Lsa\\LmCompatibilityLevel=4,5\r\n",
    );
    expect(text).toContain('\r\n"XblGameSave",4,""\r\n');
  });

  it("is deterministic", () => {
    expect(encodeGptTmpl(INF).equals(encodeGptTmpl(structuredClone(INF)))).toBe(true);
  });

  it.each<[string, InfDocument, RegExp]>([
    ["a [Version] section", { sections: { Version: [["Revision", "1"]] } }, /written automatically/],
    ["CR in a value", { sections: { "System Access": [["A", "1\r2"]] } }, /CR, LF or NUL/],
    ["= in a key", { sections: { "System Access": [["A=B", "1"]] } }, /must not contain '='/],
    [
      "registry value without type",
      { sections: { "Registry Values": [["MACHINE\\X", "1"]] } },
      /<type>,<data>/,
    ],
    [
      "duplicate key",
      {
        sections: {
          "System Access": [
            ["A", "1"],
            ["a", "2"],
          ],
        },
      },
      /duplicate/,
    ],
    [
      "quote in service name",
      { sections: { "Service General Setting": [['a"b', '4,""']] } },
      /must not contain '"'/,
    ],
    ["bad section name", { sections: { "a]b": [] } }, /bad section name/],
  ])("rejects %s", (_name, doc, message) => {
    expect(() => encodeGptTmpl(doc)).toThrow(message);
  });

  it("reports malformed files clearly", () => {
    expect(() => decodeGptTmpl(Buffer.from("[Unicode]\r\n", "utf8"))).toThrow(/byte-order mark.*offset 0/);
    expect(() => decodeGptTmpl(Buffer.from([0xff, 0xfe, 0x41]))).toThrow(/odd length/);
    const orphan = Buffer.from("\uFEFFA = 1\r\n[System Access]\r\n", "utf16le");
    expect(() => decodeGptTmpl(orphan)).toThrow(/line 1: text before the first \[section\]/);
    const badService = Buffer.from('\uFEFF[Service General Setting]\r\nXbl,4,""\r\n', "utf16le");
    expect(() => decodeGptTmpl(badService)).toThrow(/line 2 in \[Service General Setting\]/);
  });

  describe.skipIf(!hasSamba)("read back by Samba's GptTmplInfParser", () => {
    it("sees the same sections and values", () => {
      const out = samba("inf", encodeGptTmpl(INF));
      const s = INF.sections;
      expect(out.sections["System Access"]).toEqual(s["System Access"]);
      expect(out.sections["Event Audit"]).toEqual(s["Event Audit"]);
      expect(out.sections["Kerberos Policy"]).toEqual(s["Kerberos Policy"]);
      expect(out.sections["Registry Values"]).toEqual(s["Registry Values"]?.map(([k, v]) => `${k}=${v}`));
      expect(out.sections["Privilege Rights"]).toEqual(
        s["Privilege Rights"]?.map(([k, v]) => [k, v.split(",")]),
      );
      expect(out.sections["Service General Setting"]).toEqual([["XblGameSave", "4", ""]]);
      expect(Object.keys(out.sections).sort()).toEqual(Object.keys(s).sort());
    });
  });
});

// --- audit.csv ----------------------------------------------------------------------

const AUDIT: AuditSetting[] = [
  auditSetting("Credential Validation", 3),
  auditSetting("Logon", 3),
  auditSetting("Logoff", 1),
  auditSetting("Account Lockout", 2),
  auditSetting("Process Creation", 1),
  auditSetting("Removable Storage", 3),
  auditSetting("Other Object Access Events", 0),
];

describe("audit.csv", () => {
  it("round-trips through its own reader", () => {
    expect(decodeAuditCsv(encodeAuditCsv(AUDIT))).toEqual(AUDIT);
  });

  it("writes GPMC's exact bytes: ASCII, no BOM, CRLF, lower-case GUIDs, empty machine and exclusion", () => {
    const bytes = encodeAuditCsv([auditSetting("Logon", 3), auditSetting("Logoff", 1)]);
    expect(bytes.toString("latin1")).toBe(
      "Machine Name,Policy Target,Subcategory,Subcategory GUID,Inclusion Setting,Exclusion Setting,Setting Value\r\n" +
        ",System,Audit Logon,{0cce9215-69ae-11d9-bed3-505054503030},Success and Failure,,3\r\n" +
        ",System,Audit Logoff,{0cce9216-69ae-11d9-bed3-505054503030},Success,,1\r\n",
    );
    expect(encodeAuditCsv([]).toString("latin1")).toBe(`${AUDIT_CSV_HEADER}\r\n`);
    const upper = encodeAuditCsv([
      { subcategory: "Audit Logon", guid: "{0CCE9215-69AE-11D9-BED3-505054503030}", value: 1 },
    ]);
    expect(upper.toString("latin1")).toContain("{0cce9215-69ae-11d9-bed3-505054503030}");
  });

  it("writes the inclusion text for each value", () => {
    const text = encodeAuditCsv(
      ([0, 1, 2, 3] as const).map((value, i) => ({
        ...must(Object.values(AUDIT_SUBCATEGORIES)[i], "subcategory"),
        value,
      })),
    )
      .toString("latin1")
      .split("\r\n");
    expect(text.slice(1, 5).map((l) => l.split(",")[4])).toEqual([
      "No Auditing",
      "Success",
      "Failure",
      "Success and Failure",
    ]);
  });

  it("knows the 25 subcategories the baselines need, with well-formed, distinct GUIDs", () => {
    const all = Object.values(AUDIT_SUBCATEGORIES);
    expect(all).toHaveLength(25);
    for (const s of all) expect(s.guid).toMatch(/^\{0cce92[0-9a-f]{2}-69ae-11d9-bed3-505054503030\}$/);
    expect(new Set(all.map((s) => s.guid)).size).toBe(25);
    // Spot checks against [MS-GPAC] 2.2.1.2 and the brief.
    expect(AUDIT_SUBCATEGORIES.Logon.guid).toBe("{0cce9215-69ae-11d9-bed3-505054503030}");
    expect(AUDIT_SUBCATEGORIES["Security State Change"].guid).toBe("{0cce9210-69ae-11d9-bed3-505054503030}");
    expect(AUDIT_SUBCATEGORIES["Security System Extension"].guid).toBe(
      "{0cce9211-69ae-11d9-bed3-505054503030}",
    );
    expect(AUDIT_SUBCATEGORIES["System Integrity"].guid).toBe("{0cce9212-69ae-11d9-bed3-505054503030}");
  });

  it.each<[string, AuditSetting, RegExp]>([
    [
      "a bad GUID",
      { subcategory: "Audit Logon", guid: "0cce9215-69ae-11d9-bed3-505054503030", value: 1 },
      /bad GUID/,
    ],
    [
      "a comma in the name",
      { subcategory: "Audit, Logon", guid: "{0cce9215-69ae-11d9-bed3-505054503030}", value: 1 },
      /comma/,
    ],
    [
      "a non-ASCII name",
      { subcategory: "Kiểm toán", guid: "{0cce9215-69ae-11d9-bed3-505054503030}", value: 1 },
      /ASCII/,
    ],
    [
      "value 4",
      { subcategory: "Audit Logon", guid: "{0cce9215-69ae-11d9-bed3-505054503030}", value: 4 as 0 },
      /0, 1, 2 or 3/,
    ],
  ])("rejects %s", (_name, setting, message) => {
    expect(() => encodeAuditCsv([setting])).toThrow(message);
  });

  it("rejects duplicate subcategories", () => {
    expect(() => encodeAuditCsv([auditSetting("Logon", 1), auditSetting("Logon", 3)])).toThrow(/duplicate/);
  });

  it("reports malformed files with the line number", () => {
    const good = encodeAuditCsv(AUDIT).toString("latin1");
    expect(() => decodeAuditCsv(Buffer.from(`\uFEFF${good}`, "utf8"))).toThrow(
      /byte-order mark at byte offset 0/,
    );
    expect(() => decodeAuditCsv(Buffer.from(good.replace("Machine Name", "Machine"), "latin1"))).toThrow(
      /line 1: expected header/,
    );
    expect(() => decodeAuditCsv(Buffer.from(good.replace(",,3\r\n", ",3\r\n"), "latin1"))).toThrow(
      /line 2: expected 7 fields/,
    );
    expect(() => decodeAuditCsv(Buffer.from(good.replace(",,3\r\n", ",,9\r\n"), "latin1"))).toThrow(
      /line 2: setting value "9"/,
    );
    const option = `${AUDIT_CSV_HEADER}\r\n,,Option:CrashOnAuditFail,,Disabled,,0\r\n`;
    expect(() => decodeAuditCsv(Buffer.from(option, "latin1"))).toThrow(/line 2: policy target/);
  });

  describe.skipIf(!hasSamba)("read back by Samba's GPAuditCsvParser", () => {
    it("sees the same header and rows", () => {
      const out = samba("csv", encodeAuditCsv(AUDIT));
      expect(out.header.join(",")).toBe(AUDIT_CSV_HEADER);
      expect(out.rows).toHaveLength(AUDIT.length);
      out.rows.forEach((row, i) => {
        const s = must(AUDIT[i], `row ${i}`);
        expect(row).toEqual({
          "Machine Name": "",
          "Policy Target": "System",
          Subcategory: s.subcategory,
          "Subcategory GUID": s.guid,
          "Inclusion Setting": ["No Auditing", "Success", "Failure", "Success and Failure"][s.value],
          "Exclusion Setting": "",
          "Setting Value": String(s.value),
        });
      });
    });
  });
});

// --- stable GUIDs -------------------------------------------------------------------

describe("stableGuid", () => {
  it("is an upper-case braced GUID, the same for the same parts", () => {
    const g = stableGuid("gpo", "Trường THCS Nguyễn Du");
    expect(g).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}$/);
    expect(stableGuid("gpo", "Trường THCS Nguyễn Du")).toBe(g);
    expect(stableGuid("gpo", "Trường THCS Nguyễn Trãi")).not.toBe(g);
    expect(stableGuid("ab", "c")).not.toBe(stableGuid("a", "bc"));
    expect(() => stableGuid()).toThrow();
  });

  it("implements RFC 4122 version 5 (Python's uuid.uuid5 vector)", () => {
    expect(uuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org")).toBe(
      "886313e1-3b8a-5372-9b90-0c9aee199e5d",
    );
  });

  it.skipIf(!hasPython)("derives the namespace exactly as Python's uuid module does", () => {
    const out = python<string>(
      "import json, uuid; print(json.dumps(str(uuid.uuid5(uuid.NAMESPACE_URL, 'urn:attt-kit:windows-guid'))))",
      [],
    );
    expect(ATTT_KIT_NAMESPACE).toBe(out);
  });
});

// --- XML helpers --------------------------------------------------------------------

describe("xml helpers", () => {
  it("escape markup and refuse characters XML cannot hold", () => {
    expect(xmlEscape(`a&b<c>"d'`)).toBe("a&amp;b&lt;c&gt;&quot;d&apos;");
    expect(xmlCdata("x]]>y")).toBe("<![CDATA[x]]]]><![CDATA[>y]]>");
    expect(() => xmlEscape("bell\u0007")).toThrow(/XML 1.0/);
    expect(() => xmlCdata("lone \uD800")).toThrow(/XML 1.0/);
  });
});

// --- GPO backup ---------------------------------------------------------------------

const BACKUP_INPUT = {
  displayName: "attt-kit — Trường học & <phòng máy> ]]> 'A'",
  domain: "truong.edu.vn",
  generatedAt: "2026-03-01T08:09:10.123Z",
  registryPol: encodeRegistryPol(ALL_TYPES),
  gptTmpl: encodeGptTmpl(INF),
  auditCsv: encodeAuditCsv(AUDIT),
  comment: "Sinh bởi attt-kit & kiểm tra <tự động>",
};

const XML_PROBE = `
import json, sys, xml.etree.ElementTree as ET
B = "{http://www.microsoft.com/GroupPolicy/GPOOperations}"
M = "{http://www.microsoft.com/GroupPolicy/GPOOperations/Manifest}"
root = sys.argv[1]
out = {}
for rel in sys.argv[2:]:
    t = ET.parse(root + "/" + rel).getroot()
    d = {"tag": t.tag}
    if t.tag == B + "GroupPolicyBackupScheme":
        core = t.find(B + "GroupPolicyObject/" + B + "GroupPolicyCoreSettings")
        d["core"] = {c.tag[len(B):]: (c.text or "") for c in core}
        d["extensions"] = [
            [e.get(B + "ID"), e.get(B + "DescName"),
             [[f.tag[len(B):], f.get(B + "Location")] for f in e]]
            for e in t.find(B + "GroupPolicyObject").findall(B + "GroupPolicyExtension")]
    else:
        inst = t if t.tag == M + "BackupInst" else t.find(M + "BackupInst")
        d["inst"] = {c.tag[len(M):]: (c.text or "") for c in inst}
    out[rel] = d
print(json.dumps(out))
`;

const SD_PROBE = `
import json, sys
from samba.dcerpc import security
from samba.ndr import ndr_unpack
print(json.dumps(ndr_unpack(security.descriptor, bytes.fromhex(sys.argv[1].replace(" ", ""))).as_sddl()))
`;

describe("GPO backup folder", () => {
  const files = gpoBackupFiles(BACKUP_INPUT);
  const { gpoGuid, backupId } = gpoBackupIds(BACKUP_INPUT.displayName);
  const machine = `${backupId}/DomainSysvol/GPO/Machine`;

  it("contains every file at the path GPMC uses", () => {
    expect([...files.keys()]).toEqual([
      "manifest.xml",
      `${backupId}/Backup.xml`,
      `${backupId}/bkupInfo.xml`,
      `${machine}/registry.pol`,
      `${machine}/microsoft/windows nt/SecEdit/GptTmpl.inf`,
      `${machine}/microsoft/windows nt/Audit/audit.csv`,
    ]);
    expect(files.get(`${machine}/registry.pol`)?.equals(BACKUP_INPUT.registryPol)).toBe(true);
    expect(
      files.get(`${machine}/microsoft/windows nt/SecEdit/GptTmpl.inf`)?.equals(BACKUP_INPUT.gptTmpl),
    ).toBe(true);
    expect(files.get(`${machine}/microsoft/windows nt/Audit/audit.csv`)?.equals(BACKUP_INPUT.auditCsv)).toBe(
      true,
    );
    expect(backupId).toMatch(/^\{[0-9A-F-]{36}\}$/);
    expect(gpoGuid).toBe(stableGuid("gpo", BACKUP_INPUT.displayName));
  });

  it("is byte-identical for identical input", () => {
    const again = gpoBackupFiles({ ...BACKUP_INPUT });
    expect([...again.keys()]).toEqual([...files.keys()]);
    for (const [k, v] of files) expect(again.get(k)?.equals(v), k).toBe(true);
  });

  it("uses GPMC's encodings: UTF-8 without BOM, declaration only in Backup.xml", () => {
    const backup = must(files.get(`${backupId}/Backup.xml`), "Backup.xml");
    const info = must(files.get(`${backupId}/bkupInfo.xml`), "bkupInfo.xml");
    const manifest = must(files.get("manifest.xml"), "manifest.xml");
    for (const b of [backup, info, manifest]) expect(b[0]).toBe("<".charCodeAt(0));
    expect(
      backup.toString("utf8").startsWith('<?xml version="1.0" encoding="utf-8"?><GroupPolicyBackupScheme '),
    ).toBe(true);
    expect(backup.toString("utf8").endsWith("</GroupPolicyBackupScheme>")).toBe(true);
    expect(info.toString("utf8").startsWith("<BackupInst ")).toBe(true);
    expect(info.toString("utf8").endsWith("</BackupInst>\r\n")).toBe(true);
    expect(manifest.toString("utf8").startsWith("<Backups ")).toBe(true);
  });

  it("lists exactly the machine extensions present, sorted by CSE GUID", () => {
    expect(machineExtensionNames(["audit", "registry", "security"])).toBe(
      "[{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{D02B1F72-3407-48AE-BA88-E8213C6761F1}]" +
        "[{827D319E-6EAC-11D2-A4EA-00C04F79F83A}{803E14A0-B4FB-11D0-A0D0-00A0C90F574B}]" +
        "[{F3CCC681-B74C-4060-9F26-CD84525DCA2A}{0F3F3735-573D-9804-99E4-AB2A69BA5FD4}]",
    );
    expect(machineExtensionNames(["audit"])).toBe(
      "[{F3CCC681-B74C-4060-9F26-CD84525DCA2A}{0F3F3735-573D-9804-99E4-AB2A69BA5FD4}]",
    );
    expect(machineExtensionNames([])).toBe("");
  });

  it("rejects bad input", () => {
    expect(() => gpoBackupFiles({ ...BACKUP_INPUT, generatedAt: "yesterday" })).toThrow(/ISO 8601/);
    expect(() => gpoBackupFiles({ ...BACKUP_INPUT, displayName: "  " })).toThrow(/displayName/);
    expect(() => gpoBackupFiles({ ...BACKUP_INPUT, domain: "bad domain" })).toThrow(/DNS name/);
    expect(() => gpoBackupFiles({ ...BACKUP_INPUT, registryPol: Buffer.from("nope") })).toThrow(/PReg/);
    expect(() => gpoBackupFiles({ ...BACKUP_INPUT, gptTmpl: Buffer.from("[Unicode]") })).toThrow(
      /byte-order mark/,
    );
    expect(() => gpoBackupFiles({ ...BACKUP_INPUT, displayName: "bell\u0007" })).toThrow(/XML 1.0/);
  });

  describe.skipIf(!hasPython)("XML read back by Python's xml.etree", () => {
    /** What XML_PROBE prints for each XML file. */
    interface Probed {
      tag: string;
      core: Record<string, string>;
      extensions: Array<[string, string, Array<[string, string]>]>;
      inst: Record<string, string>;
    }
    function probeBackup(f: Map<string, Buffer>, rel: string): Probed {
      const dir = mkdtempSync(join(work, "gpo-"));
      for (const [path, bytes] of f) tmpFile(bytes, join(dir.slice(work.length + 1), path));
      const xmlFiles = [...f.keys()].filter((k) => k.endsWith(".xml"));
      return must(python<Record<string, Probed>>(XML_PROBE, [dir, ...xmlFiles])[rel], rel);
    }

    it("every XML file is well-formed and the IDs, names and extensions agree", () => {
      const backup = probeBackup(files, `${backupId}/Backup.xml`);
      const info = probeBackup(files, `${backupId}/bkupInfo.xml`).inst;
      const manifestDoc = probeBackup(files, "manifest.xml");
      const manifest = manifestDoc.inst;
      expect(manifestDoc.tag).toBe("{http://www.microsoft.com/GroupPolicy/GPOOperations/Manifest}Backups");
      for (const inst of [info, manifest]) {
        expect(inst).toEqual({
          GPOGuid: gpoGuid,
          GPODomain: "truong.edu.vn",
          GPODomainGuid: stableGuid("domain", "truong.edu.vn").toLowerCase(),
          GPODomainController: "truong.edu.vn",
          BackupTime: "2026-03-01T08:09:10",
          ID: backupId,
          Comment: BACKUP_INPUT.comment,
          GPODisplayName: BACKUP_INPUT.displayName,
        });
      }
      expect(backup.core.ID).toBe(gpoGuid);
      expect(backup.core.DisplayName).toBe(BACKUP_INPUT.displayName);
      expect(backup.core.Domain).toBe("truong.edu.vn");
      expect(backup.core.MachineExtensionGuids).toBe(
        machineExtensionNames(["registry", "security", "audit"]),
      );
      expect(backup.core.UserExtensionGuids).toBe("");
      expect(backup.extensions).toEqual([
        [
          "{35378EAC-683F-11D2-A89A-00C04FBBCFA2}",
          "Registry",
          [["FSObjectFile", "DomainSysvol\\GPO\\Machine\\registry.pol"]],
        ],
        [
          "{827D319E-6EAC-11D2-A4EA-00C04F79F83A}",
          "Security",
          [["FSObjectFile", "DomainSysvol\\GPO\\Machine\\microsoft\\windows nt\\SecEdit\\GptTmpl.inf"]],
        ],
        [
          "{F15C46CD-82A0-4C2D-A210-5D0D3182A418}",
          "Unknown Extension",
          [
            ["FSObjectDir", "DomainSysvol\\GPO\\Machine\\microsoft"],
            ["FSObjectDir", "DomainSysvol\\GPO\\Machine\\microsoft\\windows nt"],
            ["FSObjectDir", "DomainSysvol\\GPO\\Machine\\microsoft\\windows nt\\Audit"],
            ["FSObjectFile", "DomainSysvol\\GPO\\Machine\\microsoft\\windows nt\\Audit\\audit.csv"],
            ["FSObjectDir", "DomainSysvol\\GPO\\Machine\\microsoft\\windows nt\\SecEdit"],
          ],
        ],
      ]);
      // Every file a Location names is in the backup.
      for (const [, , items] of backup.extensions) {
        for (const [kind, loc] of items) {
          const rel = `${backupId}/${loc.replace(/\\/g, "/")}`;
          if (kind === "FSObjectFile") expect(files.has(rel), rel).toBe(true);
          else
            expect(
              [...files.keys()].some((k) => k.startsWith(`${rel}/`)),
              rel,
            ).toBe(true);
        }
      }
    });

    it("a registry-only GPO lists only the registry extension", () => {
      const only = gpoBackupFiles({
        displayName: "Chỉ registry",
        generatedAt: "2026-01-01T00:00:00Z",
        registryPol: encodeRegistryPol([]),
      });
      const { backupId: id } = gpoBackupIds("Chỉ registry");
      expect([...only.keys()]).toEqual([
        "manifest.xml",
        `${id}/Backup.xml`,
        `${id}/bkupInfo.xml`,
        `${id}/DomainSysvol/GPO/Machine/registry.pol`,
      ]);
      const b = probeBackup(only, `${id}/Backup.xml`);
      expect(b.core.MachineExtensionGuids).toBe(machineExtensionNames(["registry"]));
      expect(b.core.Domain).toBe("attt-kit.invalid");
      expect(b.extensions.map((e) => e[1])).toEqual(["Registry"]);
    });

    it.skipIf(!hasSamba)("the security descriptor is a valid self-relative SD (decoded by Samba)", () => {
      const sd = must(probeBackup(files, `${backupId}/Backup.xml`).core.SecurityDescriptor, "SD");
      const sddl = python<string>(SD_PROBE, [sd]);
      expect(sddl).toBe(
        "D:PAI(OA;CI;CR;edacfd8f-ffb3-11d1-b41d-00a0c968f939;;AU)" +
          "(A;CI;RPWPCCDCLCLORCWOWDSDDTSW;;;BA)(A;CI;RPLCLORC;;;ED)(A;CI;RPLCLORC;;;AU)" +
          "(A;CI;RPWPCCDCLCLORCWOWDSDDTSW;;;SY)(A;CIIO;RPWPCCDCLCLORCWOWDSDDTSW;;;CO)",
      );
    });
  });

  describe.skipIf(!hasSamba)("payload files read back by Samba", () => {
    it("registry.pol, GptTmpl.inf and audit.csv parse", () => {
      const file = (rel: string) => must(files.get(`${machine}/${rel}`), rel);
      expect(samba("pol", file("registry.pol")).num_entries).toBe(ALL_TYPES.length);
      const inf = samba("inf", file("microsoft/windows nt/SecEdit/GptTmpl.inf"));
      expect(inf.sections["System Access"]).toEqual(INF.sections["System Access"]);
      expect(samba("csv", file("microsoft/windows nt/Audit/audit.csv")).rows).toHaveLength(AUDIT.length);
    });
  });
});
