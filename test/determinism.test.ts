/**
 * Same inputs, same bytes, whatever the machine: every command that writes files
 * (baseline generate, baseline package --sign-key with a fixed key, synth, check --out,
 * template render) is run through the CLI twice, the second time in another time zone
 * (Pacific/Kiritimati: UTC+14 today, UTC-10 in 1980), another locale (vi_VN.UTF-8 against
 * C), another working directory with its own copy of the inventory and values files,
 * and, when Debian's faketime is installed, with the clock 15 years ahead. The two output
 * trees must match byte for byte, with the same files and modes.
 *
 * The inputs are given as the same relative paths from each working directory. The one
 * place an input path reaches the output is a finding's location in check's reports: the
 * inventory file as the working directory sees it (SARIF resolves it against the checkout
 * root, and a reader opens it from there), so the test also asserts that neither run's
 * absolute directory appears in any output.
 */
import { execSync } from "node:child_process";
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unzipFiles } from "../baselines/bundle/zip.js";
import { DEMO_INVENTORY } from "../model/demo.js";
import { cliCommand } from "./helpers/cli.js";

const ROOT = join(import.meta.dirname, "..");
const VALUES = join(ROOT, "examples", "vendor-values");
const TEMPLATES = [
  "reverse-proxy",
  "postgresql",
  "docker-daemon",
  "log-forwarding",
  "backup-policy",
  "incident-report",
];

const FAKETIME = (() => {
  try {
    return execSync("command -v faketime", { encoding: "utf8", shell: "/bin/sh" }).trim() || undefined;
  } catch {
    return undefined;
  }
})();
if (!FAKETIME)
  console.warn(
    "determinism: faketime is not installed (apt-get install faketime): the run under a clock 15 years ahead is skipped; the time zone, locale and path variations still run",
  );

const work = mkdtempSync(join(tmpdir(), "attt-determinism-"));
const KEY = join(work, "keys", "attt-signing.key");
afterAll(() => {
  if (!process.env.ATTT_KEEP) rmSync(work, { recursive: true, force: true });
});

interface Machine {
  /** Working directory: the inventory and values files are copied in, outputs go to out/. */
  dir: string;
  env: Record<string, string>;
  /** A command line put in front of node (faketime), or none. */
  wrapper: string[];
}

interface Run {
  stdout: Map<string, string>;
}

async function attt(
  m: Machine,
  args: string[],
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  // The CLI bundled once for the file (or through tsx, ATTT_TEST_CLI=source): both machines run the same code.
  const node = ["node", ...(await cliCommand()), ...args];
  const [file, ...rest] = [...m.wrapper, ...node] as [string, ...string[]];
  const r = await execa(file, rest, {
    cwd: m.dir,
    env: { ...m.env, NO_COLOR: "1" },
    reject: false,
    timeout: 300_000,
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Every command, from inputs copied into the machine's own directory and named relatively. */
async function runAll(m: Machine): Promise<Run> {
  mkdirSync(m.dir, { recursive: true });
  cpSync(DEMO_INVENTORY, join(m.dir, "province"), { recursive: true });
  cpSync(VALUES, join(m.dir, "values"), { recursive: true });
  const stdout = new Map<string, string>();
  const step = async (name: string, args: string[], exit: number) => {
    const r = await attt(m, args);
    expect(r.exitCode, `${name} in ${m.dir}: ${r.stderr}`).toBe(exit);
    stdout.set(name, r.stdout);
  };
  await step("generate", ["baseline", "generate", "province", "--out", "out/bundles"], 0);
  await step("package", ["baseline", "package", "province", "--out", "out/zips", "--sign-key", KEY], 0);
  await step("synth", ["synth", "province", "--out", "out/datacentre"], 0);
  // The demo has deliberate violations: exit 1, with every report written.
  await step(
    "check",
    ["check", "province", "--stacks", "out/datacentre", "--bundles", "out/bundles", "--out", "out/reports"],
    1,
  );
  for (const t of TEMPLATES)
    await step(
      `template ${t}`,
      ["template", "render", t, "--values", `values/${t}.yaml`, "--out", `out/${t}`],
      0,
    );
  return { stdout };
}

/** Every entry under a directory, by relative path: its kind and permission bits. */
function listing(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const st = lstatSync(join(dir, rel));
    const kind = st.isSymbolicLink() ? "link" : st.isDirectory() ? "dir" : "file";
    out.set(rel, `${kind} ${(st.mode & 0o7777).toString(8)}`);
  }
  return out;
}

/** Where two files first differ, with a little context, for the failure message (inside a zip: which entry). */
function firstDifference(rel: string, a: Buffer, b: Buffer): string {
  if (rel.endsWith(".zip")) {
    const [x, y] = [unzipFiles(a), unzipFiles(b)];
    for (const name of new Set([...x.keys(), ...y.keys()])) {
      const [ex, ey] = [x.get(name), y.get(name)];
      if (!ex || !ey) return `entry ${name} is only in one of them`;
      if (!Buffer.from(ex).equals(Buffer.from(ey)))
        return `entry ${name}: ${firstDifference(name, Buffer.from(ex), Buffer.from(ey))}`;
    }
  }
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const show = (x: Buffer) => JSON.stringify(x.subarray(Math.max(0, i - 60), i + 60).toString("latin1"));
  return `sizes ${a.length} and ${b.length}, first difference at byte ${i}:\n  ${show(a)}\n  ${show(b)}`;
}

describe("same inputs, same bytes, on another machine", () => {
  const first: Machine = {
    dir: join(work, "first"),
    env: { TZ: "UTC", LANG: "C", LC_ALL: "C" },
    wrapper: [],
  };
  const second: Machine = {
    dir: join(work, "elsewhere", "a", "much", "deeper", "checkout"),
    env: { TZ: "Pacific/Kiritimati", LANG: "vi_VN.UTF-8", LC_ALL: "vi_VN.UTF-8", LANGUAGE: "vi" },
    wrapper: FAKETIME
      ? // The monotonic clock stays real: Node's timers and worker threads rely on it.
        ["env", "FAKETIME_DONT_FAKE_MONOTONIC=1", FAKETIME, "2041-03-05 23:30:00"]
      : [],
  };
  let runs: [Run, Run];

  beforeAll(async () => {
    const keygen = await attt({ dir: ROOT, env: {}, wrapper: [] }, ["keygen", "--out", join(work, "keys")]);
    expect(keygen.exitCode, keygen.stderr).toBe(0);
    runs = await Promise.all([runAll(first), runAll(second)]);
  }, 600_000);

  it("the second machine really is another one (clock, time zone)", async () => {
    const probe = [
      "-e",
      "process.stdout.write([new Date().getFullYear(), new Date().getTimezoneOffset()].join(' '))",
    ];
    const [file, ...rest] = [...second.wrapper, "node", ...probe] as [string, ...string[]];
    const r = await execa(file, rest, { env: second.env });
    const [year, offset] = String(r.stdout).split(" ").map(Number);
    expect(offset).toBe(-14 * 60);
    if (FAKETIME) expect(year).toBe(2041);
  });

  it("writes the same files, with the same modes", () => {
    const a = listing(join(first.dir, "out"));
    const b = listing(join(second.dir, "out"));
    expect([...b.entries()]).toEqual([...a.entries()]);
    // Every command wrote something (a zip per unit, the reports, each template).
    for (const sub of ["bundles", "zips", "datacentre", "reports", ...TEMPLATES])
      expect(
        [...a.keys()].some((p) => p.startsWith(`${sub}/`)),
        sub,
      ).toBe(true);
  });

  it("byte for byte", () => {
    const a = listing(join(first.dir, "out"));
    let files = 0;
    for (const [rel, kind] of a) {
      if (!kind.startsWith("file")) continue;
      const x = readFileSync(join(first.dir, "out", rel));
      const y = readFileSync(join(second.dir, "out", rel));
      if (!x.equals(y)) expect.fail(`${rel} differs: ${firstDifference(rel, x, y)}`);
      files++;
    }
    expect(files).toBeGreaterThan(0);
  });

  it("prints the same console summary", () => {
    expect(runs[1].stdout.get("check")).toBe(runs[0].stdout.get("check"));
  });

  it("embeds neither working directory nor the temporary directory in any output", () => {
    for (const m of [first, second]) {
      for (const [rel, kind] of listing(join(m.dir, "out"))) {
        if (!kind.startsWith("file")) continue;
        const bytes = readFileSync(join(m.dir, "out", rel));
        for (const needle of [first.dir, second.dir, work])
          expect(bytes.includes(Buffer.from(needle)), `${rel} holds ${needle}`).toBe(false);
      }
    }
  });
});
