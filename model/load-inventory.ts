/**
 * Loads an inventory from a directory of YAML files (or one file), validates each
 * file against the schema, merges the sections and runs the cross-reference checks.
 * Either returns the whole, valid province or throws an InputError listing every
 * problem found, each located in its file.
 */
import { readdirSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { CDKTF_MARKER } from "../templates/escape/terraform.js";
import { checkReferences } from "./check-references.js";
import { type Inventory, InventoryFile } from "./inventory.js";
import { Origins } from "./origins.js";
import { describeFound, formatPath, InputError, type Problem, sortProblems } from "./problems.js";
import { unreadableReason } from "./read-input.js";
import { OUTPUT_MARKER } from "./write-tree.js";
import { locate, readYaml, type SourceFile, validate } from "./yaml-source.js";

export interface LoadedInventory {
  inventory: Inventory;
  /** Where each entity was written, for findings that point back at the input. */
  origins: Origins;
  /** The files read, in load order (relative to the inventory root). */
  files: string[];
}

const YAML_FILE = /\.ya?ml$/i;

/** Every YAML file under a directory, sorted so that merge order never depends on the filesystem. */
export function listYamlFiles(root: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string) => {
    // A symlinked directory is followed once: a link back up the tree cannot loop.
    const real = realpathSync(dir);
    if (seen.has(real)) return;
    seen.add(real);
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    // What attt-kit wrote (synth output holds prometheus.yml ...) is not inventory.
    if (dir !== root && entries.some((e) => e.name === OUTPUT_MARKER)) return;
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const full = join(dir, entry.name);
      const isDir =
        entry.isDirectory() ||
        (entry.isSymbolicLink() && statSync(full, { throwIfNoEntry: false })?.isDirectory());
      if (isDir) walk(full);
      else if (YAML_FILE.test(entry.name)) out.push(full);
    }
  };
  walk(root);
  return out;
}

/** Paths in messages and reports are relative to the working directory when inside it: shorter, and the same on every machine. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}

export function loadInventory(path: string): LoadedInventory {
  const problems: Problem[] = [];
  let files: string[];
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
    files = isDir ? listYamlFiles(path) : [path];
  } catch (e) {
    // The path itself, or a directory inside it that cannot be read.
    const at = (e as NodeJS.ErrnoException).path ?? path;
    const found = unreadableReason(e, at);
    throw new InputError([
      { file: at, line: 0, column: 0, path: "", expected: "an inventory file or directory", found },
    ]);
  }
  if (files.length === 0) {
    throw new InputError([
      {
        file: path,
        line: 0,
        column: 0,
        path: "",
        expected: "at least one .yaml file",
        found: "an empty directory",
      },
    ]);
  }

  const merged: Inventory = {
    province: undefined as never,
    datacentre: undefined as never,
    units: [],
    systems: [],
    staff: [],
    budgets: [],
    vendors: [],
    trainings: [],
    incidents: [],
  };
  const origins = new Origins();
  const sources: SourceFile[] = [];
  const singletons: Record<"province" | "datacentre", SourceFile | undefined> = {
    province: undefined,
    datacentre: undefined,
  };

  for (const file of files) {
    const shown = displayPath(file);
    const src = readYaml(file, problems, shown);
    if (!src) continue;
    sources.push(src);
    const parsed = validateFile(src, problems);
    if (!parsed) continue;
    for (const key of ["province", "datacentre"] as const) {
      const value = parsed[key];
      if (value === undefined) continue;
      const first = singletons[key];
      if (first) {
        const pos = locate(src, [key]);
        problems.push({
          ...pos,
          file: src.file,
          path: key,
          expected: `one ${key} section in the whole inventory`,
          found: `a second one (the first is in ${first.file})`,
        });
        continue;
      }
      singletons[key] = src;
      (merged as unknown as Record<string, unknown>)[key] = value;
      origins.record(value, src, [key]);
    }
    // The data centre's lists are checked item by item (a zone ID used twice): each item
    // must lead back to its own line.
    const dc = parsed.datacentre;
    if (dc)
      for (const list of ["hosts", "zones", "flows", "services"] as const)
        dc[list].forEach((item, i) => {
          origins.record(item, src, ["datacentre", list, i]);
        });
    for (const key of [
      "units",
      "systems",
      "staff",
      "budgets",
      "vendors",
      "trainings",
      "incidents",
    ] as const) {
      const list = parsed[key];
      if (!list) continue;
      list.forEach((item, i) => {
        origins.record(item, src, [key, i]);
        (merged[key] as unknown[]).push(item);
      });
    }
  }

  const shownRoot = path;
  if (problems.length === 0) {
    for (const key of ["province", "datacentre"] as const) {
      if (!singletons[key]) {
        problems.push({
          file: shownRoot,
          line: 0,
          column: 0,
          path: key,
          expected: `a ${key} section in one of the files`,
          found: "none",
        });
      }
    }
  }
  if (problems.length === 0) checkReferences(merged, origins, problems);
  if (problems.length > 0) throw new InputError(sortProblems(problems));
  return { inventory: merged, origins, files: sources.map((s) => s.file) };
}

function validateFile(src: SourceFile, problems: Problem[]): InventoryFile | null {
  if (src.data === null || typeof src.data !== "object" || Array.isArray(src.data)) {
    problems.push({
      file: src.file,
      line: 1,
      column: 1,
      path: "",
      expected:
        "a mapping of sections (province, datacentre, units, systems, staff, budgets, vendors, trainings, incidents)",
      found: Array.isArray(src.data) ? "a list" : `a ${typeof src.data}`,
    });
    return null;
  }
  const parsed = validate(src, InventoryFile, problems);
  return parsed && !hasTokenMarkers(src, problems) ? parsed : null;
}

/**
 * Strings that imitate cdktf's token markers (${TfToken[...]}): cdktf would take them for
 * its own references when it writes Terraform JSON (an unknown one crashes synth), and
 * no escape can tell them apart, so the inventory may not hold them.
 */
function hasTokenMarkers(src: SourceFile, problems: Problem[]): boolean {
  const before = problems.length;
  const walk = (v: unknown, path: PropertyKey[]) => {
    if (typeof v === "string" && CDKTF_MARKER.test(v))
      problems.push({
        file: src.file,
        ...locate(src, path),
        path: formatPath(path),
        expected: "text without cdktf's token markers (${TfToken[, #{TfToken[, &{TfToken[)",
        found: describeFound(v),
      });
    else if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, [...path, i]);
    else if (v !== null && typeof v === "object")
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(src.data, []);
  return problems.length > before;
}
