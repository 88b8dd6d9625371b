/**
 * The permission tests pass from a clone below a private directory (root's 0700 home, a
 * `mktemp -d`): they run the CLI as user nobody, who cannot enter such a clone. The
 * repository's files (as they are in this working tree) are copied into a 0700 directory
 * and the four tests that run as nobody are run there, by a vitest of their own.
 */
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { execa } from "execa";
import { afterAll, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const NOBODY_TESTS = [
  "an unwritable folder is bad input naming the file, and no zip is changed",
  "baseline generate --out in a directory the user cannot write",
  "baseline package --out in a directory the user cannot write",
  "synth --out in a directory the user cannot write",
];

const root = process.getuid?.() === 0 && existsSync("/usr/bin/setpriv");
const git = existsSync(join(ROOT, ".git"));
if (!root) console.log("skipped: the tests run as nobody only when run as root with setpriv");
else if (!git) console.log("skipped: not a git checkout, so the repository's files are not known");

const work = mkdtempSync(join(tmpdir(), "attt-private-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it.runIf(root && git)(
  "the tests that run the CLI as nobody pass from a clone inside a 0700 directory",
  async () => {
    expect(statSync(work).mode & 0o777).toBe(0o700);
    const clone = join(work, "attt-kit");
    const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" })
      .split("\0")
      .filter((f) => f !== "" && existsSync(join(ROOT, f)));
    for (const f of tracked) {
      mkdirSync(dirname(join(clone, f)), { recursive: true });
      cpSync(join(ROOT, f), join(clone, f));
    }
    // Only root uses the dependencies (vitest, tsx, esbuild): nobody runs the bundled copy.
    symlinkSync(join(ROOT, "node_modules"), join(clone, "node_modules"));
    const report = join(work, "report.json");
    const r = await execa(
      "node",
      [
        join(clone, "node_modules/vitest/vitest.mjs"),
        "run",
        "test/bundles-signed.test.ts",
        "test/output-safety.test.ts",
        "-t",
        "unwritable folder|cannot write",
        "--reporter=json",
        `--outputFile=${report}`,
      ],
      { cwd: clone, reject: false, env: { NO_COLOR: "1" } },
    );
    const results = JSON.parse(readFileSync(report, "utf8")) as {
      testResults: Array<{
        assertionResults: Array<{ title: string; status: string; failureMessages: string[] }>;
      }>;
    };
    const ran = results.testResults
      .flatMap((f) => f.assertionResults)
      .filter((t) => t.status !== "skipped" && t.status !== "pending");
    expect(
      ran.map((t) => [t.title, t.status, t.failureMessages.join("\n").slice(0, 2000)]).sort(),
      r.stderr,
    ).toEqual(NOBODY_TESTS.map((t) => [t, "passed", ""]).sort());
    expect(r.exitCode, r.stderr).toBe(0);
  },
);
