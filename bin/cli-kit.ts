/**
 * What every command shares: how bad input is reported (exit 2, no stack trace)
 * and how output is printed.
 */
import { formatProblem, InputError } from "../model/problems.js";
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
    for (const p of e.problems) process.stderr.write(`error: ${formatProblem(p)}\n`);
    process.stderr.write(`${e.problems.length} problem(s); nothing was written.\n`);
    return EXIT_BAD_INPUT;
  }
  if (e instanceof UsageError || e instanceof OutputError) {
    process.stderr.write(`error: ${e.message}\n`);
    return EXIT_BAD_INPUT;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`internal error: ${message}\n`);
  if (process.env.ATTT_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return EXIT_INTERNAL;
}

/** A wrong flag or argument value that the parser could not catch. */
export class UsageError extends Error {}

export const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};
