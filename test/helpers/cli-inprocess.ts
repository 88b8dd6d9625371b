/**
 * The real `attt` program (bin/program.ts: the same commands, the same error reporting),
 * run inside the test process: for suites of many inputs, where a process per case
 * would cost minutes. Output is captured; cases must run one after another.
 */
import { runAttt } from "../../bin/program.js";
import type { CliResult } from "./cli.js";

export async function runCliInProcess(args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write;
  const writeErr = process.stderr.write;
  const capture =
    (into: string[]) =>
    (chunk: string | Uint8Array): boolean => {
      into.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    };
  const before = process.exitCode;
  process.exitCode = undefined;
  process.stdout.write = capture(out) as typeof process.stdout.write;
  process.stderr.write = capture(err) as typeof process.stderr.write;
  try {
    await runAttt(["node", "attt", ...args]);
    return { exitCode: Number(process.exitCode ?? 0), stdout: out.join(""), stderr: err.join("") };
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    process.exitCode = before;
  }
}
