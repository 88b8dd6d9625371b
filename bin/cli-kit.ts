/**
 * What every command shares: how bad input is reported (exit 2, no stack trace)
 * and how output is printed.
 */
import { readFileSync, statSync } from "node:fs";
import { formatProblem, formatProblemVi, InputError } from "../model/problems.js";
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

/**
 * The language of messages: Vietnamese first, then English (officers who read only
 * Vietnamese, and the English for a search or a vendor), or English alone with --lang en.
 */
let messageLang: "vi" | "en" = "vi";

/** Reads --lang from a command line (as `attt check --lang en`): the language errors are printed in. */
export function setMessageLanguage(argv: string[]): void {
  const i = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  const value = i < 0 ? undefined : argv[i]?.includes("=") ? argv[i]?.split("=")[1] : argv[i + 1];
  messageLang = value === "en" ? "en" : "vi";
}

/** A line in the message language: the Vietnamese, then the English, unless --lang en. */
export function say(vi: string, en: string): string {
  return messageLang === "en" ? `${en}\n` : `${vi}\n${en}\n`;
}

export function reportError(e: unknown): number {
  const vi = messageLang === "vi";
  if (e instanceof InputError) {
    for (const p of e.problems) {
      if (vi) process.stderr.write(`lỗi: ${terminalText(formatProblemVi(p))}\n`);
      process.stderr.write(`error: ${terminalText(formatProblem(p))}\n`);
    }
    const n = e.problems.length;
    process.stderr.write(
      `${vi ? `${n} lỗi; không ghi tệp nào. / ` : ""}${n} problem(s); nothing was written.\n`,
    );
    return EXIT_BAD_INPUT;
  }
  if (e instanceof UsageError || e instanceof OutputError) {
    if (vi)
      process.stderr.write(
        `lỗi: ${terminalText(e instanceof UsageError && e.vi ? e.vi : "lệnh không thực hiện được; lý do (tiếng Anh) ở dòng dưới")}\n`,
      );
    process.stderr.write(`error: ${terminalText(e.message)}\n`);
    return EXIT_BAD_INPUT;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`internal error: ${message}\n`);
  if (process.env.ATTT_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return EXIT_INTERNAL;
}

/** A wrong flag or argument value that the parser could not catch; `vi` says it in Vietnamese. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly vi?: string,
  ) {
    super(message);
  }
}

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
    throw new UsageError(
      `${label}: ${fsReason(e)}; expected ${what}`,
      `${label}: không đọc được (lý do ở dòng tiếng Anh)`,
    );
  }
  if (isDirectory)
    throw new UsageError(
      `${label} is a directory; expected ${what}`,
      `${label} là một thư mục, không phải tệp`,
    );
  try {
    return readFileSync(file);
  } catch (e) {
    throw new UsageError(
      `${label}: cannot read it (${fsReason(e)}); expected ${what}`,
      `${label}: không đọc được tệp (lý do ở dòng tiếng Anh)`,
    );
  }
}

export const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};
