/** Runs the real `attt` CLI (from source, through tsx) as a user would. */
import { join } from "node:path";
import { execa } from "execa";

const ROOT = join(import.meta.dirname, "..", "..");

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const r = await execa("node", ["--import", "tsx", join(ROOT, "bin", "attt.ts"), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...options.env, NO_COLOR: "1" },
    reject: false,
    timeout: 120_000,
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/**
 * The CLI as user nobody (uid 65534) when the tests run as root, so that file permissions
 * bind as they do for a real user; as the current user otherwise. Files it reads must be
 * readable by that user.
 */
export async function runCliUnprivileged(args: string[]): Promise<CliResult> {
  if (process.getuid?.() !== 0) return runCli(args);
  const r = await execa(
    "setpriv",
    [
      "--reuid=65534",
      "--regid=65534",
      "--clear-groups",
      "node",
      "--import",
      "tsx",
      join(ROOT, "bin", "attt.ts"),
      ...args,
    ],
    { cwd: ROOT, env: { HOME: "/tmp", NO_COLOR: "1" }, reject: false, timeout: 120_000 },
  );
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
