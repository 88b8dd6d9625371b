/**
 * Runs the built CLI as a user runs it (`node dist/bin/attt.js ...`, after `npm run build`)
 * under GNU time, for its wall time, its CPU time and its peak memory. The machine may be
 * shared: CPU time says what the command costs whatever else runs, and the load average
 * says how much else ran.
 */
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { packageRoot } from "../model/package-root.js";
import { timed } from "./measure.js";

const GNU_TIME = "/usr/bin/time";

export interface CliFigures {
  exitCode: number;
  stdout: string;
  stderr: string;
  wallSeconds: number;
  cpuSeconds: number;
  peakMiB: number;
  /** 1, 5 and 15 minute load averages just before the run. */
  load: string;
}

/** `npm run build`, once per bench process. */
let built: Promise<void> | undefined;
export function buildCli(): Promise<void> {
  built ??= timed("npm run build (tsc)", async () => {
    await execa("npm", ["run", "build"], { cwd: packageRoot, stdio: "ignore" });
  });
  return built;
}

/** Why the CLI cannot be measured here, or undefined. */
export function cliRunUnavailable(): string | undefined {
  return existsSync(GNU_TIME) ? undefined : `${GNU_TIME} is missing (Debian package time)`;
}

export async function runBuiltCli(args: string[]): Promise<CliFigures> {
  await buildCli();
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(", ");
  // The figures go to a line of their own at the end of stderr.
  const r = await execa(
    GNU_TIME,
    ["-f", "attt-bench %e %U %S %M", "node", join(packageRoot, "dist", "bin", "attt.js"), ...args],
    { reject: false, cwd: packageRoot, env: { NO_COLOR: "1" } },
  );
  const stderr = String(r.stderr);
  const line =
    stderr
      .split("\n")
      .filter((l) => l.startsWith("attt-bench "))
      .pop() ?? "";
  const [wall = NaN, user = NaN, sys = NaN, kib = NaN] = line.split(" ").slice(1).map(Number);
  return {
    // GNU time says "Command exited with non-zero status N" and exits N itself.
    exitCode: r.exitCode ?? -1,
    stdout: String(r.stdout),
    stderr: stderr.replace(/(^|\n)(Command exited with non-zero status \d+\n)?attt-bench .*\n?$/, "$1"),
    wallSeconds: wall,
    cpuSeconds: user + sys,
    peakMiB: kib / 1024,
    load,
  };
}
