/**
 * Filesystem failures that are the user's doing (a path that is a file, a directory
 * they cannot write, a symbolic link loop ...) become one-line messages that name the
 * path and say what was expected: bad input (exit 2), not an internal error with raw
 * errno text.
 */
import { type Dirent, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { InputError, type Problem } from "./problems.js";

/** An output path that cannot be used; the message names it and says what was expected. */
export class OutputError extends Error {}

export const EXPECTED_OUTPUT = "expected a directory (new, empty, or written by attt-kit)";

export function errnoOf(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** The nearest existing ancestor of `path` when it is not a directory (so `path` cannot be made). */
export function fileAncestor(path: string): string | undefined {
  for (let p = dirname(path); p !== dirname(p); p = dirname(p)) {
    try {
      return statSync(p).isDirectory() ? undefined : p;
    } catch {
      // does not exist (or cannot be looked at): try its parent
    }
  }
  return undefined;
}

/**
 * An error met while writing the output directory `dir` (as the user gave it), as an
 * OutputError when it is the user's to fix; anything else is returned unchanged.
 */
export function outputFsError(e: unknown, dir: string): unknown {
  if (e instanceof OutputError) return e;
  const code = errnoOf(e);
  const what = `output directory ${dir}`;
  switch (code) {
    case "ENOTDIR":
    case "EEXIST": {
      const file = fileAncestor(dir);
      return new OutputError(
        file
          ? `${what} is inside ${file}, which is a file; ${EXPECTED_OUTPUT}`
          : `${what} is a file; ${EXPECTED_OUTPUT}`,
      );
    }
    case "EISDIR":
      return new OutputError(`${what}: a file was expected where there is a directory`);
    case "EACCES":
    case "EPERM":
      return new OutputError(
        `${what} cannot be written (permission denied in ${dirname(dir) || "."}); expected a directory you may write to`,
      );
    case "EROFS":
      return new OutputError(`${what} is on a read-only file system; expected a writable directory`);
    case "ENOSPC":
    case "EDQUOT":
      return new OutputError(`${what}: no space left on the device (or quota exceeded)`);
    case "ENAMETOOLONG":
      return new OutputError(`${what}: the path is too long`);
    case "ELOOP":
      return new OutputError(`${what}: the path goes through a symbolic link loop; ${EXPECTED_OUTPUT}`);
    case "ENOENT":
      return new OutputError(`${what}: a part of the path disappeared while writing; ${EXPECTED_OUTPUT}`);
    default:
      return e;
  }
}

const problemAt = (file: string, expected: string, found: string): Problem => ({
  file,
  line: 0,
  column: 0,
  path: "",
  expected,
  found,
});

function foundFor(e: unknown): string {
  switch (errnoOf(e)) {
    case "ELOOP":
      return "a symbolic link loop";
    case "ENOENT":
      return "a dangling symbolic link";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    default:
      return errnoOf(e) ?? String(e);
  }
}

/**
 * Every file under `dir` by relative path (forward slashes, sorted). Symbolic links to
 * files are read; symbolic links to directories are followed unless they lead back to a
 * directory being walked. A loop, a dangling link or an unreadable entry is an InputError
 * naming it (all of them, gathered).
 */
export function readFilesUnder(dir: string): Map<string, Uint8Array> {
  const found: Array<[string, string]> = []; // [relative path, full path]
  const problems: Problem[] = [];
  // `parents`: the real paths of the directories being walked, to stop at a link back to one.
  const walk = (rel: string, full: string, parents: ReadonlySet<string>, real: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(full, { withFileTypes: true });
    } catch (e) {
      problems.push(problemAt(full, "a readable directory", foundFor(e)));
      return;
    }
    for (const d of entries) {
      const r = rel ? `${rel}/${d.name}` : d.name;
      const p = join(full, d.name);
      if (d.isFile()) found.push([r, p]);
      else if (d.isDirectory()) {
        const childReal = join(real, d.name);
        walk(r, p, new Set([...parents, childReal]), childReal);
      } else if (d.isSymbolicLink()) {
        try {
          const st = statSync(p);
          if (st.isFile()) found.push([r, p]);
          else if (st.isDirectory()) {
            const target = realpathSync(p);
            if (parents.has(target))
              problems.push(
                problemAt(
                  p,
                  "a symbolic link to a file or directory",
                  "a symbolic link loop (to a parent directory)",
                ),
              );
            else walk(r, p, new Set([...parents, target]), target);
          }
        } catch (e) {
          problems.push(problemAt(p, "a symbolic link to a file or directory", foundFor(e)));
        }
      }
    }
  };
  let root: string;
  try {
    root = realpathSync(dir);
  } catch (e) {
    throw new InputError([problemAt(dir, "a directory", foundFor(e))]);
  }
  walk("", dir, new Set([root]), root);
  const files = new Map<string, Uint8Array>();
  for (const [rel, full] of found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    try {
      files.set(rel, readFileSync(full));
    } catch (e) {
      problems.push(problemAt(full, "a readable file", foundFor(e)));
    }
  }
  if (problems.length) throw new InputError(problems);
  return files;
}
