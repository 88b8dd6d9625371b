/**
 * Hostile inventory strings cannot change what a generated script does.
 *  1. shellQuote: bash reads every quoted word back as exactly the bytes it was given.
 *  2. The runtime's json_string: JSON.parse of its output is exactly the input.
 *  3. The data section: with hostile values in place of benign ones, the script has the
 *     same words outside quoted regions, token for token, and `bash -n` accepts it.
 *  4. For real: audit.sh and undo.sh run with hostile values against a scratch root; the
 *     evidence round-trips the exact strings and no injected command left its marker.
 */
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { dataSection } from "../baselines/emit/linux/data-section.js";
import { Evidence } from "../model/evidence.js";
import { packageRoot } from "../model/package-root.js";
import { ShellQuoteError, shellQuote, shellText } from "../templates/escape/shell.js";
import { debianUnit, fileText, linuxBundle, type UnitInput, writeBundle } from "./helpers/linux-bundles.js";
import { asShellText, asWritten, hostileStrings } from "./helpers/linux-hostile.js";

const work = mkdtempSync(join(tmpdir(), "attt-escape-"));
const markerDir = join(work, "markers");
mkdirSync(markerDir);
const MARKER = join(markerDir, "pwned");
afterAll(() => rmSync(work, { recursive: true, force: true }));

const bash = (script: string) => spawnSync("bash", ["-c", script], { timeout: 60_000 });

/** Splits a NUL-separated byte output. */
const splitNul = (out: Buffer): Buffer[] => {
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < out.length; i++) {
    if (out[i] === 0) {
      parts.push(out.subarray(start, i));
      start = i + 1;
    }
  }
  return parts;
};

describe("shellQuote", () => {
  it("quotes simple and awkward values", () => {
    expect(shellQuote("abc")).toBe("'abc'");
    expect(shellQuote("")).toBe("''");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote("$(id)`id`;\n")).toBe("'$(id)`id`;\n'");
  });

  it("refuses NUL; shellText replaces it (and lone surrogates) with U+FFFD", () => {
    expect(() => shellQuote("a\u0000b")).toThrow(ShellQuoteError);
    expect(shellText("a\u0000b")).toBe("'a\uFFFDb'");
    expect(shellText("x\ud800y")).toBe("'x\uFFFDy'");
    expect(shellText("🛡️")).toBe("'🛡️'");
  });

  it("bash reads 400 generated hostile values back byte for byte", () => {
    const values = hostileStrings(1, 400, MARKER).map((s) => s.replaceAll("\u0000", ""));
    const script = values.map((v) => `printf '%s\\0' ${shellQuote(v)}`).join("\n");
    const r = bash(script);
    expect(r.status, r.stderr.toString()).toBe(0);
    const back = splitNul(r.stdout);
    expect(back).toHaveLength(values.length);
    for (const [i, v] of values.entries()) {
      expect(back[i]?.equals(Buffer.from(v, "utf8")), JSON.stringify(v)).toBe(true);
    }
    expect(readdirSync(markerDir)).toEqual([]);
  });
});

describe("json_string (the runtime's JSON escaping)", () => {
  it("JSON.parse gives back exactly 400 generated hostile values, and fixed edge cases", () => {
    const values = [
      "",
      '"',
      "\\",
      "\u0001\u001f\u007f",
      "a\nb\rc\td",
      "Trường Nguyễn Trãi",
      "\u001b[0m",
      ...hostileStrings(2, 400, MARKER),
    ].map(asShellText);
    const runtime = join(packageRoot, "templates", "linux", "runtime-json.sh");
    const script = [
      `. ${shellQuote(runtime)}`,
      ...values.map((v) => `json_string ${shellQuote(v)}; printf '\\n'`),
    ].join("\n");
    const r = bash(script);
    expect(r.status, r.stderr.toString()).toBe(0);
    const lines = r.stdout.toString("utf8").split("\n").slice(0, -1);
    expect(lines).toHaveLength(values.length);
    for (const [i, line] of lines.entries()) expect(JSON.parse(line), line).toBe(values[i]);
    expect(readdirSync(markerDir)).toEqual([]);
  });
});

/** A lab unit with a vendor agent, whose free-text fields then get the given values (past the schema's limits). */
function hostileBundle(name: string, vendorService: string, product: string) {
  const unit: UnitInput = {
    ...debianUnit("lab"),
    machines: [
      {
        role: "lab",
        os: "debian-12",
        count: 2,
        hosts: [{ name: "attt-test-host" }],
        antiMalware: { product: "Benign product", licensedUntil: "2027-12-31", service: "benign-agent" },
      },
    ],
  };
  return linuxBundle(unit, "lab", (u) => {
    u.name = name;
    for (const g of u.machines)
      if (g.antiMalware) Object.assign(g.antiMalware, { service: vendorService, product });
  });
}

/** The script with every quoted region (including '\'' joins) replaced by Q. */
const skeleton = (script: string): string => script.replace(/(?:'[^']*'|\\')+/g, "Q");

describe("the data section with hostile values", () => {
  const benign = hostileBundle("Benign name", "benign-agent", "Benign product");
  const benignData = dataSection(benign.spec, { generator: "g", generatedAt: "t", bundleHash: benign.hash });

  it("has the same words outside quotes as with benign values, and parses (bash -n), for 150 cases", () => {
    const names = hostileStrings(3, 150, MARKER, 500);
    const services = hostileStrings(4, 150, MARKER, 256);
    const products = hostileStrings(5, 150, MARKER, 200);
    names.forEach((name, i) => {
      const b = hostileBundle(name, services[i] as string, products[i] as string);
      const data = dataSection(b.spec, { generator: "g", generatedAt: "t", bundleHash: b.hash });
      expect(skeleton(data), JSON.stringify(name)).toBe(skeleton(benignData));
      if (i % 10 === 0) {
        for (const script of ["apply.sh", "audit.sh", "undo.sh"]) {
          const r = spawnSync("bash", ["-n"], { input: fileText(b.emitted, script) });
          expect(r.status, r.stderr.toString()).toBe(0);
        }
      }
    });
    expect(readdirSync(markerDir)).toEqual([]);
  });
});

describe("running the scripts with hostile values", () => {
  /** The least a root needs for audit.sh: its OS, its name and its machine ID. */
  const fakeRoot = (dir: string) => {
    mkdirSync(join(dir, "etc"), { recursive: true });
    writeFileSync(join(dir, "etc/os-release"), 'ID=debian\nVERSION_ID="12"\n');
    writeFileSync(join(dir, "etc/hostname"), "attt-test-host\n");
    writeFileSync(join(dir, "etc/machine-id"), "0123456789abcdef0123456789abcdef\n");
    return dir;
  };

  it("audit.sh round-trips the exact strings into the evidence; undo.sh shows them; nothing runs", async () => {
    const names = hostileStrings(6, 16, MARKER, 500);
    const services = hostileStrings(7, 16, MARKER, 256);
    // Each case in its own directories, all at once: the cores share seconds of bash each.
    const check = async (name: string, i: number) => {
      const service = services[i] as string;
      const b = hostileBundle(name, service, `Sản phẩm 'x' $(touch ${MARKER})`);
      const dir = writeBundle(join(work, `b${i}`), b.emitted);
      const root = fakeRoot(join(work, `r${i}`));
      const out = join(work, `e${i}.json`);
      const audit = await execa(join(dir, "audit.sh"), ["--root", root, "--out", out], {
        reject: false,
        stripFinalNewline: false,
      });
      expect(audit.exitCode, audit.stderr).toBe(1); // nothing is installed in a fake root
      const evidence = Evidence.parse(JSON.parse(readFileSync(out, "utf8")));
      const scanner = evidence.results.find((r) => r.control === "linux.antimalware.scanner");
      const unitName = /\.(service|socket|target|timer|path|mount|scope|slice)$/.test(service)
        ? service
        : `${service}.service`;
      expect(scanner?.detail).toBe(
        `unit ${asShellText(unitName)}: expected enabled, observed not-found; ` +
          `unit ${asShellText(unitName)} running: expected active, observed not measurable in an alternate root (--root): no running services`,
      );
      expect(audit.stderr).toContain(`attt: đơn vị / unit: test-lab, ${asShellText(name)}\n`);

      const undo = await execa(join(dir, "undo.sh"), ["--root", root], {
        reject: false,
        stripFinalNewline: false,
      });
      expect(undo.exitCode, undo.stderr).toBe(0);
      expect(undo.stderr).toContain(`attt: đơn vị / unit: test-lab, ${asShellText(name)}\n`);
      expect(undo.stderr).toContain("nothing to undo");
    };
    expect(names).toHaveLength(16);
    await Promise.all(names.map(check));
    expect(readdirSync(markerDir)).toEqual([]);
    expect(existsSync(MARKER)).toBe(false);
  }, 300_000);

  it("asWritten is the identity on well-formed strings (the generator's normalisation)", () => {
    expect(asWritten("Nguyễn 🛡️")).toBe("Nguyễn 🛡️");
  });
});
