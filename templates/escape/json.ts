/**
 * The one way a value enters a generated JSON file (daemon.json): JSON.stringify, which
 * escapes quotes, backslashes and every control character, so the value parses back
 * exactly. Object keys are sorted, so output never depends on the order values were
 * written in. Lone UTF-16 surrogates are refused: JSON.stringify would write them as
 * `\udXXX` escapes, which Go's decoder (dockerd) silently turns into U+FFFD.
 */
import { LONE_SURROGATE } from "../../model/unicode.js";

export class JsonEscapeError extends Error {
  constructor(why: string) {
    super(`cannot write a value into JSON: ${why}`);
    this.name = "JsonEscapeError";
  }
}

export type JsonData =
  | string
  | number
  | boolean
  | null
  | readonly JsonData[]
  | { readonly [key: string]: JsonData };

export function jsonStringProblem(value: string): string | undefined {
  return LONE_SURROGATE.test(value)
    ? "text that can be written as UTF-8 (found a lone UTF-16 surrogate)"
    : undefined;
}

/** Compact JSON for `value`, keys sorted. Refuses what JSON cannot carry (undefined, NaN, functions ...). */
export function jsonValue(value: unknown): string {
  return JSON.stringify(normalise(value, "$"));
}

function normalise(value: unknown, at: string): JsonData {
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new JsonEscapeError(`${at} is ${value}, not a finite number`);
    return value;
  }
  if (typeof value === "string") {
    const problem = jsonStringProblem(value);
    if (problem) throw new JsonEscapeError(`${at}: expected ${problem}`);
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => normalise(v, `${at}[${i}]`));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, JsonData> = {};
    for (const key of Object.keys(value).sort()) {
      out[key] = normalise((value as Record<string, unknown>)[key], `${at}.${key}`);
    }
    return out;
  }
  throw new JsonEscapeError(
    `${at} is ${value === undefined ? "missing" : `a ${typeof value}`}, not JSON data`,
  );
}
