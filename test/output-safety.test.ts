/**
 * Output safety: attt never deletes or writes beside what the user keeps, and a path it
 * cannot use is bad input (exit 2, one line naming the path and what was expected, no
 * stack trace), not an internal error with raw errno text. Nothing is written or deleted
 * when it refuses; an interrupted run leaves no staging debris.
 */
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  watch,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliCommand, runCli, runCliUnprivileged } from "./helpers/cli.js";

const ROOT = join(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "attt-output-safety-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The CLI run from another working directory. */
const runCliIn = (cwd: string, args: string[]) => runCli(args, { cwd });

let pristine: Promise<string> | undefined;
/**
 * One demo output for the whole file, never changed: its parts are each another command's
 * output (bundles/ of baseline generate, datacentre/ of synth), copied where a case needs
 * one instead of generating the province again.
 */
function demoOutput(): Promise<string> {
  pristine ??= (async () => {
    const dir = join(work, "pristine-demo");
    const r = await runCli(["demo", "--out", dir]);
    if (r.exitCode !== 0) throw new Error(`attt demo: ${r.stderr}`);
    return dir;
  })();
  return pristine;
}

/** A copy of a part of the demo's output (modes and markers included) at `to`. */
async function copyOfDemo(part: string, to: string): Promise<string> {
  cpSync(join(await demoOutput(), part), to, { recursive: true });
  return to;
}

let n = 0;
/** A fresh directory for one case. */
const caseDir = (): string => {
  const dir = join(work, `case-${++n}`);
  mkdirSync(dir);
  return dir;
};

/** Every entry under `dir` (hidden ones too) with its content: what must not change. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, r));
      if (st.isSymbolicLink()) out[r] = `-> ${readlinkSync(join(dir, r))}`;
      else if (st.isDirectory()) {
        out[r] = "dir";
        walk(r);
      } else out[r] = readFileSync(join(dir, r), "utf8");
    }
  };
  walk("");
  return out;
}

const BOMB = [
  'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
  "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
  "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
  "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]",
  "",
].join("\n");

/** Exit 2, one `error:` line naming `path`, no stack trace, no "internal error". */
function expectRefused(r: { exitCode: number; stderr: string }, path: string, lines = 1): void {
  expect(r.exitCode, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at |Error:/);
  expect(r.stderr).toContain(path);
  // `lines` counts the English lines; each error is said in Vietnamese first, on the line before.
  const all = r.stderr.trim().split("\n");
  expect(all.filter((l) => !l.startsWith("lỗi: "))).toHaveLength(lines);
  all.forEach((l, i) => {
    if (l.startsWith("error: ")) expect(all[i - 1], l).toMatch(/^lỗi: /);
  });
}

/** The commands that write a directory given by --out (some with extra arguments). */
const writers: Array<[string, (out: string) => string[]]> = [
  ["baseline generate", (out) => ["baseline", "generate", "--out", out]],
  ["baseline package", (out) => ["baseline", "package", "--out", out]],
  ["synth", (out) => ["synth", "--out", out]],
  [
    "template render",
    (out) => [
      "template",
      "render",
      "reverse-proxy",
      "--values",
      join(ROOT, "examples/vendor-values/reverse-proxy.yaml"),
      "--out",
      out,
    ],
  ],
  ["demo", (out) => ["demo", "--out", out]],
];

describe("outputs attt did not write are never replaced", () => {
  it("demo --out D keeps a Terraform state under D/datacentre and writes nothing", async () => {
    const base = caseDir();
    const out = join(base, "D");
    mkdirSync(join(out, "datacentre"), { recursive: true });
    writeFileSync(join(out, "datacentre", "terraform.tfstate"), "state");
    const before = snapshot(base);
    const r = await runCli(["demo", "--out", out]);
    expectRefused(r, out);
    expect(r.stderr).toMatch(/not written by attt-kit/);
    expect(r.stdout).not.toMatch(/1\. inventory/);
    expect(snapshot(base)).toEqual(before);
  });

  it("demo --out D with the user's files in D/reports fails before writing anything", async () => {
    const base = caseDir();
    const out = join(base, "E");
    mkdirSync(join(out, "reports"), { recursive: true });
    writeFileSync(join(out, "reports", "notes.txt"), "mine");
    const before = snapshot(base);
    const r = await runCli(["demo", "--out", out]);
    expectRefused(r, out);
    expect(r.stdout).toBe("");
    expect(snapshot(base)).toEqual(before);
  });

  it("demo --out . in a project directory is refused", async () => {
    const project = caseDir();
    writeFileSync(join(project, "notes.md"), "keep");
    const r = await runCliIn(project, ["demo", "--out", "."]);
    expectRefused(r, "output directory .");
    expect(snapshot(project)).toEqual({ "notes.md": "keep" });
  });

  it("npm run synth (stacks/main.ts) keeps a directory it did not write: exit 2, no stack trace", async () => {
    const base = caseDir();
    const out = join(base, "X");
    mkdirSync(out);
    writeFileSync(join(out, "precious.txt"), "keep");
    const before = snapshot(base);
    const r = await execa("node", ["--import", "tsx", join(ROOT, "stacks/main.ts")], {
      cwd: ROOT,
      env: { ATTT_SYNTH_OUT: out },
      reject: false,
    });
    expectRefused({ exitCode: r.exitCode ?? -1, stderr: String(r.stderr) }, out);
    expect(snapshot(base)).toEqual(before);
  });
});

describe("a path that cannot be an output directory is bad input naming it", () => {
  it.each(writers)("%s --out <an existing file>", async (_, args) => {
    const base = caseDir();
    const file = join(base, "afile");
    writeFileSync(file, "not a directory");
    const before = snapshot(base);
    const r = await runCli(args(file));
    expectRefused(r, `${file} is a file; expected a directory (new, empty, or written by attt-kit)`);
    expect(snapshot(base)).toEqual(before);
  });

  it.each(writers.slice(0, 3))("%s --out <an existing file>/sub", async (_, args) => {
    const base = caseDir();
    const file = join(base, "afile");
    writeFileSync(file, "not a directory");
    const before = snapshot(base);
    const r = await runCli(args(join(file, "sub")));
    expectRefused(r, `is inside ${file}, which is a file`);
    expect(snapshot(base)).toEqual(before);
  });

  it.each(writers.slice(0, 3))('%s --out ""', async (_, args) => {
    const cwd = caseDir();
    const r = await runCliIn(cwd, args(""));
    expectRefused(r, 'the output directory is "" (empty)');
    expect(snapshot(cwd)).toEqual({});
  });

  const root = process.getuid?.() === 0 && existsSync("/usr/bin/setpriv");
  it.runIf(root).each(writers.slice(0, 3))(
    "%s --out in a directory the user cannot write",
    async (_, args) => {
      const base = caseDir();
      // Owned by root: nobody may enter both but write in neither.
      chmodSync(work, 0o711);
      chmodSync(base, 0o755);
      const out = join(base, "x");
      const r = await runCliUnprivileged(args(out));
      expectRefused(r, `${out} cannot be written`);
      expect(r.stderr).toMatch(/permission denied/);
      expect(snapshot(base)).toEqual({});
    },
  );
});

describe("inputs that loop or explode", () => {
  it("check --bundles with symbolic link loops: each named, short, exit 2", async () => {
    const base = caseDir();
    const bundles = await copyOfDemo("bundles", join(base, "bundles"));
    symlinkSync(".", join(bundles, "loop"));
    symlinkSync("loop-b", join(bundles, "loop-a"));
    symlinkSync("loop-a", join(bundles, "loop-b"));
    const r = await runCli(["check", "--bundles", bundles]);
    expectRefused(r, join(bundles, "loop"), 4);
    expect(r.stderr).toContain(`${join(bundles, "loop-a")}: expected a symbolic link`);
    expect(r.stderr).toMatch(/symbolic link loop/);
    for (const line of r.stderr.split("\n")) expect(line.length).toBeLessThan(300);
  });

  it("check --stacks with a link back to a parent inside the synth output", async () => {
    const base = caseDir();
    const stacks = await copyOfDemo("datacentre", join(base, "synth"));
    const loop = join(stacks, "stacks", "network", "up");
    symlinkSync("../..", loop);
    const r = await runCli(["check", "--stacks", stacks]);
    expectRefused(
      r,
      `${loop}: expected a symbolic link to a file or directory, found a symbolic link loop`,
      2,
    );
  });

  it("an alias bomb in an inventory file is a located problem", async () => {
    const file = join(caseDir(), "inventory.yaml");
    writeFileSync(file, BOMB);
    const r = await runCli(["validate", file]);
    expectRefused(r, `${file}:3:`, 2);
    expect(r.stderr).toMatch(/alias/);
  });

  it("an alias bomb in a vendor values file is a located problem, nothing written", async () => {
    const base = caseDir();
    const values = join(base, "values.yaml");
    writeFileSync(values, BOMB);
    const r = await runCli([
      "template",
      "render",
      "reverse-proxy",
      "--values",
      values,
      "--out",
      join(base, "o"),
    ]);
    expectRefused(r, `${values}:3:`, 2);
    expect(existsSync(join(base, "o"))).toBe(false);
  });

  it("an alias to an anchor that is not there is a located problem", async () => {
    const file = join(caseDir(), "inventory.yaml");
    writeFileSync(file, "province:\n  name: *nowhere\n");
    const r = await runCli(["validate", file]);
    expectRefused(r, `${file}:2:9`, 2);
  });
});

describe("staging", () => {
  it("output directories get the ordinary mode (0777 less the umask), not mkdtemp's 0700", async () => {
    const umask = process.umask();
    const base = caseDir();
    for (const [name, args] of writers.slice(0, 4)) {
      const out = join(base, name.replace(" ", "-"));
      const r = await runCli(args(out));
      expect(r.exitCode, r.stderr).toBe(0);
      expect((statSync(out).mode & 0o777).toString(8), name).toBe((0o777 & ~umask).toString(8));
    }
  });

  it("the demo stages its whole output: modes, the key kept, an earlier version's output replaced", async () => {
    const out = join(caseDir(), "demo");
    const first = await runCli(["demo", "--out", out]);
    expect(first.exitCode, first.stderr).toBe(0);
    const umask = process.umask();
    for (const part of ["", "bundles", "zips", "keys", "datacentre", "reports"])
      expect((statSync(join(out, part)).mode & 0o777).toString(8), part).toBe((0o777 & ~umask).toString(8));
    expect(statSync(join(out, "keys", "attt-signing.key")).mode & 0o777).toBe(0o600);
    const key = readFileSync(join(out, "keys", "attt-signing.key"), "utf8");
    // Before the demo marked its top directory: accepted as the demo's own output.
    unlinkSync(join(out, ".attt-output"));
    const again = await runCli(["demo", "--out", out]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/\(0 rebuilt\)/);
    expect(readFileSync(join(out, "keys", "attt-signing.key"), "utf8")).toBe(key);
    expect(existsSync(join(out, ".attt-output"))).toBe(true);
    expect(readdirSync(join(out, "..")).filter((e) => e.includes(".tmp-"))).toEqual([]);
  });

  // Signalled the moment the staging directory appears (inotify; polling comes too late),
  // several times: a handler installed only after mkdir, as it once was, left the
  // directory behind about every other run.
  it("SIGINT during baseline package removes the staging directory, however early it comes", async () => {
    const cli = await cliCommand();
    for (let attempt = 1; attempt <= 5; attempt++) {
      const base = caseDir();
      let signalled = false;
      const watcher = watch(base, (_event, name) => {
        if (signalled || !name?.startsWith(".zips.tmp-")) return;
        signalled = true;
        child.kill("SIGINT");
      });
      const child = execa(
        "node",
        [...cli, "baseline", "package", "--workers", "1", "--out", join(base, "zips")],
        { cwd: ROOT, reject: false, env: { NO_COLOR: "1" } },
      );
      const r = await child;
      watcher.close();
      expect(signalled, `attempt ${attempt}: no staging directory appeared; ${r.stderr}`).toBe(true);
      expect(r.exitCode === 130 || r.signal === "SIGINT", `${r.exitCode} ${r.signal} ${r.stderr}`).toBe(true);
      expect(readdirSync(base), `attempt ${attempt}`).toEqual([]);
    }
  });

  it("a run removes staging debris of killed runs of the same output, and only that", async () => {
    const base = caseDir();
    const dead = join(base, ".zips.tmp-2147483646-deadbeef"); // no such process
    const deadOld = join(base, ".zips.tmp-2147483646-0badf00d.old");
    const earlierEmpty = join(base, ".zips.tmp-AbC123"); // an earlier version's, empty
    const userDir = join(base, ".zips.tmp-Xyz789"); // same shape, but holds the user's file
    const otherOutput = join(base, ".bundles.tmp-2147483646-deadbeef");
    for (const d of [dead, deadOld, earlierEmpty, userDir, otherOutput]) mkdirSync(d);
    writeFileSync(join(dead, "A.zip"), "partial");
    writeFileSync(join(userDir, "notes.txt"), "mine");
    const r = await runCli(["baseline", "package", "--out", join(base, "zips")]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readdirSync(base).sort()).toEqual([
      ".bundles.tmp-2147483646-deadbeef",
      ".zips.tmp-Xyz789",
      "zips",
    ]);
    expect(readFileSync(join(userDir, "notes.txt"), "utf8")).toBe("mine");
  });
});

describe("an output is replaced only by the command that wrote it", () => {
  const LEGACY = "This directory is generated by attt-kit and is replaced on every run.\n";
  const markerKind = (dir: string) => readFileSync(join(dir, ".attt-output"), "utf8").split("\n")[0];
  /** Every writer, by the command named in the marker and in messages. */
  const all: Array<[string, (out: string) => string[]]> = [
    ...writers,
    ["check", (out) => ["check", "--format", "json", "--out", out]],
    ["schema", (out) => ["schema", "--out", out]],
  ];
  const writer = (name: string) => all.find(([n]) => n === name)?.[1] as (out: string) => string[];
  const refusal = (dir: string, wroteIt: string, command: string) =>
    `output directory ${dir} was written by attt ${wroteIt}; attt ${command} --out needs a new, empty directory or one attt ${command} wrote`;

  // One demo output: its top directory and its parts are each another command's output.
  let demo = "";
  const PARTS: Record<string, string> = {
    "": "demo",
    bundles: "baseline generate",
    zips: "baseline package",
    datacentre: "synth",
    reports: "check",
  };
  beforeAll(async () => {
    demo = await copyOfDemo("", join(caseDir(), "demo"));
  });

  it("the demo marks its top directory and each part with the kind of output", () => {
    for (const [part, kind] of Object.entries(PARTS))
      expect(markerKind(join(demo, part)), part).toBe(`attt-kit output: ${kind}`);
  });

  it.each([
    ["synth", ""],
    ["synth", "bundles"],
    ["baseline generate", "datacentre"],
    ["baseline generate", ""],
    ["baseline package", "reports"],
    ["baseline package", ""],
    ["template render", "zips"],
    ["template render", ""],
    ["check", "bundles"],
    ["check", ""],
    ["schema", "datacentre"],
    ["schema", ""],
    ["demo", "bundles"],
  ])("attt %s --out <demo>/%s is refused, nothing changed", async (command, part) => {
    const target = join(demo, part);
    const before = snapshot(demo);
    const r = await runCli(writer(command)(target));
    expectRefused(r, refusal(target, PARTS[part] as string, command));
    expect(snapshot(demo)).toEqual(before);
    expect(readdirSync(join(target, "..")).filter((e) => e.includes(".tmp-"))).toEqual([]);
  });

  it("npm run synth (stacks/main.ts) refuses the demo's output with the same message", async () => {
    const before = snapshot(demo);
    const r = await execa("node", ["--import", "tsx", join(ROOT, "stacks/main.ts")], {
      cwd: ROOT,
      env: { ATTT_SYNTH_OUT: demo },
      reject: false,
    });
    expectRefused({ exitCode: r.exitCode ?? -1, stderr: String(r.stderr) }, refusal(demo, "demo", "synth"));
    expect(snapshot(demo)).toEqual(before);
  });

  it("check reads the demo's parts (the markers are ignored)", async () => {
    const r = await runCli([
      "check",
      "--stacks",
      join(demo, "datacentre"),
      "--bundles",
      join(demo, "bundles"),
    ]);
    expect(r.exitCode, r.stderr).toBe(1); // the demo province's deliberate violations
    expect(r.stderr).not.toMatch(/error:/);
  });

  it("an old-style demo output: only attt demo replaces it (the signing key), and keeps the key", async () => {
    for (const part of Object.keys(PARTS)) writeFileSync(join(demo, part, ".attt-output"), LEGACY);
    const key = readFileSync(join(demo, "keys", "attt-signing.key"), "utf8");
    const before = snapshot(demo);
    const synth = await runCli(["synth", "--out", demo]);
    expectRefused(synth, refusal(demo, "demo", "synth"));
    expect(snapshot(demo)).toEqual(before);
    const again = await runCli(["demo", "--out", demo]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(readFileSync(join(demo, "keys", "attt-signing.key"), "utf8")).toBe(key);
    for (const [part, kind] of Object.entries(PARTS))
      expect(markerKind(join(demo, part)), part).toBe(`attt-kit output: ${kind}`);
  });

  it("the demo re-runs over its own output", async () => {
    const key = readFileSync(join(demo, "keys", "attt-signing.key"), "utf8");
    const r = await runCli(["demo", "--out", demo]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readFileSync(join(demo, "keys", "attt-signing.key"), "utf8")).toBe(key);
    expect(markerKind(demo)).toBe("attt-kit output: demo");
  });

  it.each(all.filter(([name]) => name !== "demo"))(
    "attt %s re-runs over its own output; the marker names it, the same bytes each run",
    async (name, args) => {
      const out = join(caseDir(), "out");
      const first = await runCli(args(out));
      expect(first.exitCode, first.stderr).not.toBe(2);
      expect(markerKind(out)).toBe(`attt-kit output: ${name}`);
      const marker = readFileSync(join(out, ".attt-output"), "utf8");
      const second = await runCli(args(out));
      expect(second.exitCode, second.stderr).toBe(first.exitCode);
      expect(readFileSync(join(out, ".attt-output"), "utf8")).toBe(marker);
    },
  );

  it("a synth output and a bundles output do not replace each other", async () => {
    const base = caseDir();
    const synth = await copyOfDemo("datacentre", join(base, "synth"));
    const bundles = await copyOfDemo("bundles", join(base, "bundles"));
    const before = snapshot(base);
    expectRefused(await runCli(["synth", "--out", bundles]), refusal(bundles, "baseline generate", "synth"));
    expectRefused(
      await runCli(["baseline", "generate", "--out", synth]),
      refusal(synth, "synth", "baseline generate"),
    );
    expect(snapshot(base)).toEqual(before);
  });

  it("an old-style marker (before kinds) is accepted by any writer", async () => {
    const out = await copyOfDemo("datacentre", join(caseDir(), "old"));
    writeFileSync(join(out, ".attt-output"), LEGACY);
    const r = await runCli(["baseline", "generate", "--out", out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(markerKind(out)).toBe("attt-kit output: baseline generate");
    expect(existsSync(join(out, "manifest.json"))).toBe(false);
  });

  it("a marker attt-kit does not write, or of a kind this version does not know, is refused", async () => {
    const base = caseDir();
    const mine = join(base, "mine");
    const later = join(base, "later");
    for (const [dir, text] of [
      [mine, "keep me\n"],
      [later, "attt-kit output: keygen\n"],
    ] as const) {
      mkdirSync(dir);
      writeFileSync(join(dir, ".attt-output"), text);
      writeFileSync(join(dir, "notes.txt"), "mine");
    }
    mkdirSync(join(base, "dir-marker", ".attt-output"), { recursive: true });
    const before = snapshot(base);
    const r1 = await runCli(["synth", "--out", mine]);
    expectRefused(r1, `output directory ${mine} exists and was not written by attt-kit`);
    expect(r1.stderr).toMatch(/its \.attt-output is not one attt-kit writes/);
    expectRefused(await runCli(["synth", "--out", later]), refusal(later, "keygen", "synth"));
    expectRefused(await runCli(["schema", "--out", join(base, "dir-marker")]), "was not written by attt-kit");
    expect(snapshot(base)).toEqual(before);
  });
});
