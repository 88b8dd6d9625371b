/**
 * What every command shares: how bad input is reported (exit 2, no stack trace)
 * and how output is printed.
 */
import { readFileSync, statSync } from "node:fs";
import { formatProblem, InputError } from "../model/problems.js";
import { terminalText } from "../model/terminal-text.js";
import { OutputError } from "../model/write-tree.js";

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL = 3;

/** Wraps a command so that input problems print as a list and set exit code 2. */
export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<number | undefined> | number | undefined,
) {
  return async (...args: A): Promise<void> => {
    try {
      const code = await fn(...args);
      process.exitCode = code ?? EXIT_OK;
    } catch (e) {
      process.exitCode = reportError(e);
    }
  };
}

export function reportError(e: unknown): number {
  if (e instanceof InputError) {
    for (const p of e.problems) process.stderr.write(`error: ${terminalText(formatProblem(p))}\n`);
    process.stderr.write(`${e.problems.length} problem(s); nothing was written.\n`);
    return EXIT_BAD_INPUT;
  }
  if (e instanceof UsageError || e instanceof OutputError) {
    process.stderr.write(`error: ${terminalText(e.message)}\n`);
    return EXIT_BAD_INPUT;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`internal error: ${message}\n`);
  if (process.env.ATTT_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return EXIT_INTERNAL;
}

/** A wrong flag or argument value that the parser could not catch. */
export class UsageError extends Error {}

/** Why a file operation failed, in words (for messages that name the file). */
export function fsReason(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case "ENOENT":
      return "does not exist";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "read-only file system";
    case "EISDIR":
      return "is a directory";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "ENOSPC":
      return "no space left on the device";
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

/** fs error codes that are about the path the user gave, not a bug: reported as bad input. */
export const isPathError = (e: unknown): boolean =>
  [
    "ENOENT",
    "EACCES",
    "EPERM",
    "EROFS",
    "EISDIR",
    "ENOTDIR",
    "ENOSPC",
    "EEXIST",
    "ELOOP",
    "ENAMETOOLONG",
  ].includes((e as NodeJS.ErrnoException).code ?? "");

/**
 * Reads a file the user named (`what`: e.g. "a bundle zip file"); missing, a directory or
 * unreadable is bad input naming the path and what was expected.
 */
export function readInputFile(file: string, what: string, option?: string): Buffer {
  const label = option ? `${option} ${file}` : file;
  let isDirectory: boolean;
  try {
    isDirectory = statSync(file).isDirectory();
  } catch (e) {
    throw new UsageError(`${label}: ${fsReason(e)}; expected ${what}`);
  }
  if (isDirectory) throw new UsageError(`${label} is a directory; expected ${what}`);
  try {
    return readFileSync(file);
  } catch (e) {
    throw new UsageError(`${label}: cannot read it (${fsReason(e)}); expected ${what}`);
  }
}

export const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};
