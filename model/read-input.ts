/**
 * Reads one input file the user gave (an inventory file, an evidence record, waivers,
 * vendor values) with a size limit, turning every way it can fail into a problem that
 * names the file in words: a directory where a file was expected, a symbolic link loop,
 * a dangling link, no permission, a file far larger than any real input (a 200 MB file
 * would otherwise end in V8's out-of-memory abort after a minute).
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from "node:fs";
import { errnoOf } from "./fs-errors.js";
import type { Problem } from "./problems.js";

/** Far above any real file of its kind (a province of 2,000 schools writes about 1 MB of YAML). */
export const MAX_YAML_BYTES = 16 * 1024 * 1024;
/** One machine's evidence record holds some hundred results: a few tens of kB. */
export const MAX_EVIDENCE_BYTES = 4 * 1024 * 1024;

const megabytes = (n: number): string => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** Why a path cannot be read, in words (never a raw errno name alone). */
export function unreadableReason(e: unknown, file: string): string {
  switch (errnoOf(e)) {
    case "ENOENT":
      return isSymbolicLink(file)
        ? "a dangling symbolic link (its target does not exist)"
        : "nothing at that path";
    case "ELOOP":
      return "a symbolic link loop";
    case "EACCES":
    case "EPERM":
      return "no permission to read it";
    case "EISDIR":
      return "a directory";
    case "ENOTDIR":
      return "a path through something that is not a directory";
    case "ENAMETOOLONG":
      return "a path that is too long";
    default:
      return `an error reading it (${errnoOf(e) ?? String(e)})`;
  }
}

function isSymbolicLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * The bytes of `file`, or null with a problem appended (`displayName` is how messages
 * name it). The size is checked on the open file, so a file swapped after the check
 * cannot slip past it, and no more than that size is read.
 */
export function readInputBytes(
  file: string,
  maxBytes: number,
  problems: Problem[],
  displayName = file,
  what = "a readable file",
): Uint8Array | null {
  const problem = (expected: string, found: string) =>
    problems.push({ file: displayName, line: 0, column: 0, path: "", expected, found });
  let fd: number;
  try {
    // O_NONBLOCK: a named pipe where a file was expected must not wait for a writer.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    problem(what, unreadableReason(e, file));
    return null;
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) {
      problem(what, "a directory");
      return null;
    }
    if (!st.isFile()) {
      problem(what, "a device, pipe or socket, not a regular file");
      return null;
    }
    if (st.size > maxBytes) {
      problem(`a file of at most ${megabytes(maxBytes)}`, megabytes(st.size));
      return null;
    }
    // Up to the size it had when opened: a file growing meanwhile cannot pass the limit.
    const buffer = Buffer.allocUnsafe(st.size);
    let length = 0;
    while (length < st.size) {
      const n = readSync(fd, buffer, length, st.size - length, null);
      if (n === 0) break;
      length += n;
    }
    return buffer.subarray(0, length);
  } catch (e) {
    problem(what, unreadableReason(e, file));
    return null;
  } finally {
    closeSync(fd);
  }
}
