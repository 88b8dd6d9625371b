/**
 * The plain YAML reader: data without source positions, about ten times faster than the
 * positional reader (js-yaml against `yaml`'s document model). It must give the same data
 * as the positional reader, or nothing, so it takes only what both read alike:
 *
 * - YAML 1.2's core schema, written out with `yaml`'s own patterns (js-yaml's core schema
 *   also reads 0b101, 1_000 and -0x1F as numbers, `yaml` keeps them text);
 * - no anchors, aliases, tags or directives (the positional reader limits alias expansion
 *   and refuses foreign tags), no explicit (`? `) or null keys (`yaml` names a null key "",
 *   js-yaml "null");
 * - one document, no key written twice: js-yaml refuses the rest, and the positional
 *   reader then says where.
 *
 * Anything else is left to the positional reader (yaml-source.ts), which also reads a
 * plainly read file again whenever it does not validate, so every problem keeps its line.
 */
import { FAILSAFE_SCHEMA, load, Type } from "js-yaml";

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

const coreNull = new Type("tag:yaml.org,2002:null", {
  kind: "scalar",
  resolve: (s: string) => NULL.test(s),
  construct: () => null,
});

const coreBool = new Type("tag:yaml.org,2002:bool", {
  kind: "scalar",
  resolve: (s: string) => BOOL.test(s),
  construct: (s: string) => s[0] === "t" || s[0] === "T",
});

const coreInt = new Type("tag:yaml.org,2002:int", {
  kind: "scalar",
  resolve: (s: string) => INT.test(s),
  construct: (s: string) =>
    s.startsWith("0o")
      ? parseInt(s.slice(2), 8)
      : s.startsWith("0x")
        ? parseInt(s.slice(2), 16)
        : parseInt(s, 10),
});

const coreFloat = new Type("tag:yaml.org,2002:float", {
  kind: "scalar",
  resolve: (s: string) => FLOAT_SPECIAL.test(s) || (FLOAT.test(s) && !INT.test(s)),
  construct: (s: string) =>
    !FLOAT_SPECIAL.test(s)
      ? parseFloat(s)
      : s.endsWith("nan") || s.endsWith("NaN") || s.endsWith("NAN")
        ? Number.NaN
        : s.startsWith("-")
          ? Number.NEGATIVE_INFINITY
          : Number.POSITIVE_INFINITY,
});

const CORE = FAILSAFE_SCHEMA.extend({ implicit: [coreNull, coreBool, coreInt, coreFloat] });

/**
 * Syntax only the positional reader takes: an anchor, alias or tag at a token's start
 * (not the "&" of "GD&ĐT"), a directive, an explicit key, a null or empty key.
 */
const POSITIONAL_ONLY = /(?:^|[\s[\]{},])[&*!]|^%|^\s*\?(?:\s|$)|(?:^|[\s{,])(?:~|null|Null|NULL)?:(?:\s|$)/m;

/**
 * Where each key, value and list item of a plainly read file starts (offsets into its
 * text), recorded from js-yaml's own node events as it reads: findings point into every
 * school's file, and the positional reader would cost the seconds the plain one saved.
 */
export interface PlainPositions {
  /** Offset of the document's content. */
  root: number;
  maps: WeakMap<object, Map<string, { key: number; value: number }>>;
  lists: WeakMap<object, number[]>;
}

interface Frame {
  start: number;
  kind: string | null;
  result: unknown;
  children: Frame[];
}

/** The file's data and positions, or undefined when the positional reader must read it. */
export function readPlainly(text: string): { data: unknown; positions?: PlainPositions } | undefined {
  if (POSITIONAL_ONLY.test(text)) return undefined;
  const top: Frame = { start: 0, kind: null, result: undefined, children: [] };
  const stack: Frame[] = [top];
  let data: unknown;
  try {
    data = load(text, {
      schema: CORE,
      listener(event, state) {
        if (event === "open") {
          const frame: Frame = { start: state.position, kind: null, result: undefined, children: [] };
          stack.at(-1)?.children.push(frame);
          stack.push(frame);
        } else {
          const frame = stack.pop();
          if (frame) [frame.kind, frame.result] = [state.kind, state.result];
        }
      },
    });
  } catch {
    return undefined;
  }
  const root = top.children.at(-1);
  const positions: PlainPositions = { root: 0, maps: new WeakMap(), lists: new WeakMap() };
  // Positions only where the events account for every key and item; else the positional reader locates.
  if (!root || root.result !== data || !index(root, text, positions)) return { data };
  positions.root = contentStart(text, root.start);
  return { data, positions };
}

function index(outer: Frame, text: string, p: PlainPositions): boolean {
  // A flow collection as a list item is read twice over (js-yaml first tries it as a key): one node.
  let frame = outer;
  while (frame.children.length === 1 && frame.children[0]?.result === frame.result && frame.kind !== "scalar")
    frame = frame.children[0] as Frame;
  const { result, children } = frame;
  if (frame.kind === "mapping" && result !== null && typeof result === "object") {
    const keys = Object.keys(result);
    if (children.length !== keys.length * 2) return false;
    const map = new Map<string, { key: number; value: number }>();
    for (let i = 0; i < children.length; i += 2) {
      const [k, v] = [children[i] as Frame, children[i + 1] as Frame];
      if (
        String(k.result) !== keys[i / 2] ||
        v.result !== (result as Record<string, unknown>)[String(k.result)]
      )
        return false;
      map.set(String(k.result), { key: contentStart(text, k.start), value: contentStart(text, v.start) });
      if (!index(v, text, p)) return false;
    }
    p.maps.set(result, map);
  } else if (frame.kind === "sequence" && Array.isArray(result)) {
    if (children.length !== result.length || children.some((c, i) => c.result !== result[i])) return false;
    p.lists.set(
      result,
      children.map((c) => contentStart(text, c.start)),
    );
    for (const c of children) if (!index(c, text, p)) return false;
  }
  return true;
}

/** The first character of a node that starts at or after `at`: past blanks, line breaks and comments. */
function contentStart(text: string, at: number): number {
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else if (c === 35 /* # */ && (i === 0 || /\s/.test(text[i - 1] ?? ""))) {
      const eol = text.indexOf("\n", i);
      if (eol === -1) return text.length;
      i = eol + 1;
    } else return i;
  }
}
