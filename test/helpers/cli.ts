/** Runs the real `attt` CLI as a user would: this source, bundled, or through tsx (ATTT_TEST_CLI=source). */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { execa } from "execa";

const ROOT = join(import.meta.dirname, "..", "..");

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * The arguments to `node` that start the CLI: the same source bundled once per test file,
 * as tsx compiles the CLI again at every start (about 2 s of CPU each, hundreds of runs
 * in the suite). ATTT_TEST_CLI=source runs it through tsx. For tests that need the
 * process itself (to signal or kill it).
 */
export async function cliCommand(): Promise<string[]> {
  return process.env.ATTT_TEST_CLI === "source"
    ? ["--import", import.meta.resolve("tsx"), join(ROOT, "bin", "attt.ts")] // from any working directory
    : [await cliForAnyUser()];
}

export async function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliResult> {
  const r = await execa("node", [...(await cliCommand()), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...options.env, NO_COLOR: "1" },
    reject: false,
    // A whole-province run takes minutes on a loaded machine: such tests give their own limit.
    timeout: options.timeoutMs ?? 120_000,
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/**
 * The files the CLI reads at run time besides its code, relative to the package root:
 * package.json (version, and `"type": "module"` for the bundle), the catalogue, the
 * templates, the images' build files, the demo inventory and records (package.json's
 * "files"), and baselines/ (the toolkit fingerprint hashes it).
 */
const RUNTIME_FILES = [
  "package.json",
  "policies/plans",
  "templates",
  "stacks/images",
  "examples/demo-province",
  "examples/demo-records",
  "baselines",
];

let unprivilegedCopy: Promise<string> | undefined;

/**
 * The CLI bundled (esbuild: this source and its dependencies, one file, plus the packaging
 * worker) with its run-time files, in a world-readable temporary directory: user nobody
 * cannot read the clone when one of its parent directories is private (a home directory,
 * a `mktemp -d`), and must still be able to run the very same code. Built once per test file.
 */
function cliForAnyUser(): Promise<string> {
  unprivilegedCopy ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "attt-cli-"));
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
    chmodSync(dir, 0o755);
    assertOthersCanEnter(dir);
    await build({
      // build-province.ts starts `worker.js` beside its own module: here, the bundle.
      entryPoints: { attt: join(ROOT, "bin/attt.ts"), worker: join(ROOT, "baselines/bundle/worker.ts") },
      outdir: join(dir, "bin"),
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      // CommonJS dependencies (commander, handlebars, cdktf) call require().
      banner: {
        js: 'import { createRequire as atttCreateRequire } from "node:module"; const require = atttCreateRequire(import.meta.url);',
      },
      logLevel: "error",
    });
    for (const f of RUNTIME_FILES) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      cpSync(join(ROOT, f), join(dir, f), { recursive: true });
    }
    return join(dir, "bin", "attt.js");
  })();
  return unprivilegedCopy;
}

/** Every directory from `dir` up to / must be searchable by others, or nobody cannot reach it. */
function assertOthersCanEnter(dir: string): void {
  for (let d = dir; ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0)
      throw new Error(
        `${d} is not searchable by other users, so user nobody cannot run the CLI copied below it: set TMPDIR to a directory such as /tmp`,
      );
    if (dirname(d) === d) return;
  }
}

/**
 * The CLI as user nobody (uid 65534) when the tests run as root, so that file permissions
 * bind as they do for a real user; as the current user otherwise. Nobody runs a copy of
 * the CLI (cliForAnyUser), so where the clone lives does not matter. Files it reads must
 * be readable by that user.
 */
export async function runCliUnprivileged(args: string[]): Promise<CliResult> {
  if (process.getuid?.() !== 0) return runCli(args);
  const cli = await cliForAnyUser();
  const r = await execa(
    "setpriv",
    ["--reuid=65534", "--regid=65534", "--clear-groups", "node", cli, ...args],
    { cwd: dirname(cli), env: { HOME: "/tmp", NO_COLOR: "1" }, reject: false, timeout: 120_000 },
  );
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
