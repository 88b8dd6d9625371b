/**
 * What the service accepts as a machine's record, before anything is stored: the
 * evidence schema, text free of characters that change how it reads (controls, bidi
 * overrides, zero-width and lone surrogates; only the values read off the machine may
 * hold tabs and line breaks), a bundle and
 * controls of this province, and the unit of the credential that sent it.
 */
import { Evidence } from "../model/evidence.js";
import type { KnownIds } from "../model/load-evidence.js";
import { formatPath } from "../model/problems.js";
import type { Credential } from "./credentials.js";

export interface IntakeProblem {
  path: string;
  expected: string;
  found: string;
}

export type Intake = { ok: Evidence } | { status: 400 | 403; problems: IntakeProblem[] };

const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

/** Values read off a machine (a logon banner, a multi-line registry value) may keep their lines and tabs. */
const MULTILINE = new Set(["observed", "expected", "detail"]);

const show = (v: unknown) => JSON.stringify(v)?.slice(0, 120) ?? String(v);

export function checkIntake(body: unknown, cred: Credential, known: KnownIds): Intake {
  const parsed = Evidence.safeParse(body);
  if (!parsed.success)
    return {
      status: 400,
      problems: parsed.error.issues.slice(0, 20).map((i) => ({
        path: formatPath(i.path),
        expected: i.message,
        found: show(valueAt(body, i.path)),
      })),
    };
  const e = parsed.data;
  const problems: IntakeProblem[] = [];
  for (const [path, value] of strings(e))
    if (UNSAFE.test(MULTILINE.has(String(path.at(-1))) ? value.replace(/[\t\n\r]/g, " ") : value))
      problems.push({
        path: formatPath(path),
        expected: "text without control, bidi or zero-width characters",
        found: show(value),
      });
  if (!known.bundles.has(e.bundle.id))
    problems.push({ path: "bundle.id", expected: "a bundle of this province", found: show(e.bundle.id) });
  e.results.forEach((r, i) => {
    if (!known.controls.has(r.control))
      problems.push({
        path: `results[${i}].control`,
        expected: "a control of the catalogue",
        found: show(r.control),
      });
  });
  if (problems.length) return { status: 400, problems };
  if (e.unit !== cred.unit || !e.bundle.id.startsWith(`${cred.unit}/`))
    return {
      status: 403,
      problems: [
        {
          path: "unit",
          expected: `evidence of unit ${cred.unit}, the unit of this credential`,
          found: show(e.unit === cred.unit ? e.bundle.id : e.unit),
        },
      ],
    };
  return { ok: e };
}

function* strings(value: unknown, at: PropertyKey[] = []): Generator<[PropertyKey[], string]> {
  if (typeof value === "string") yield [at, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, [...at, i]);
  else if (value !== null && typeof value === "object")
    for (const [k, v] of Object.entries(value)) yield* strings(v, [...at, k]);
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let node = root;
  for (const k of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[k];
  }
  return node;
}
