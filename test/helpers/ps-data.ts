/**
 * Reads the data table of a generated script ($Bundle, $Controls, $Settings) back into
 * plain values from its tree-sitter parse, the way PowerShell would evaluate it.
 * Written from the language's rules, independently of templates/escape/powershell.ts.
 *
 * Only the literal subset a data table may hold is understood: verbatim strings
 * ('...' with the five quote characters doubled), decimal integers (optionally
 * negated), $true / $false / $null, @(...) arrays of one comma list, [ordered]@{...}
 * and @{...} hashtables with bare keys, and the base64 string expression
 * [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('...')). Anything else
 * (a command, another variable, an operator, a cast, a subexpression, a script block,
 * an expandable string, a comment) throws NotPsData, so a table holding code fails
 * the test that reads it instead of being read as data.
 */
import type Parser from "tree-sitter";
import { parsePowerShell, readVerbatim } from "./windows.js";

export type PsValue = string | number | boolean | null | PsValue[] | { [key: string]: PsValue };

export class NotPsData extends Error {}

/** Expression-grammar levels that wrap a single operand when no operator is present. */
const WRAPPERS = new Set([
  "pipeline",
  "pipeline_chain",
  "logical_expression",
  "bitwise_expression",
  "comparison_expression",
  "additive_expression",
  "multiplicative_expression",
  "format_expression",
  "range_expression",
  "array_literal_expression",
  "unary_expression",
]);

const BASE64_EXPRESSION =
  /^\[Text\.Encoding\]::UTF8\.GetString\(\[Convert\]::FromBase64String\('([A-Za-z0-9+/]*={0,2})'\)\)$/;
const HASH_KEY = /^[A-Za-z][A-Za-z0-9]*$/;

function refuse(n: Parser.SyntaxNode, why: string): never {
  throw new NotPsData(
    `not data (${why}) at ${n.startPosition.row + 1}:${n.startPosition.column + 1}: ${JSON.stringify(n.text.slice(0, 120))}`,
  );
}

/** Every child, named or not: an operator token is as much a refusal as an unknown node. */
function kids(n: Parser.SyntaxNode): Parser.SyntaxNode[] {
  return n.children;
}

/** Strips single-operand wrappers; stops at a comma list (array_literal_expression with commas). */
function unwrap(n: Parser.SyntaxNode): Parser.SyntaxNode {
  let m = n;
  while (WRAPPERS.has(m.type)) {
    const c = kids(m);
    if (c.length === 1) m = c[0] as Parser.SyntaxNode;
    else if (m.type === "array_literal_expression") return m;
    else refuse(m, `${m.type} with an operator`);
  }
  return m;
}

const isArray = (v: PsValue): v is PsValue[] => Array.isArray(v);

/** The value of one expression. A comma list is only accepted directly inside @(...). */
function evaluate(node: Parser.SyntaxNode): PsValue {
  const n = unwrap(node);
  const c = kids(n);
  switch (n.type) {
    case "array_literal_expression":
      return refuse(n, "a comma list outside @()");
    case "string_literal": {
      if (c.length !== 1 || c[0]?.type !== "verbatim_string_characters") refuse(n, "not a verbatim string");
      const v = readVerbatim(n.text);
      if (!v || v.end !== n.text.length) refuse(n, "a verbatim string that does not end where the node ends");
      return v.value;
    }
    case "integer_literal": {
      const t = n.text;
      if (c.length !== 1 || c[0]?.type !== "decimal_integer_literal" || !/^(0|[1-9][0-9]*)$/.test(t))
        refuse(n, "not a plain decimal integer");
      const v = Number(t);
      if (!Number.isSafeInteger(v)) refuse(n, "an integer beyond 2^53");
      return v;
    }
    case "expression_with_unary_operator": {
      // `-<integer>` or `[ordered]@{...}`; no other operator or cast.
      if (c.length === 2 && c[0]?.type === "-" && !c[0].isNamed) {
        const operand = unwrap(c[1] as Parser.SyntaxNode);
        if (operand.type !== "integer_literal") refuse(n, "minus applied to something other than an integer");
        const v = evaluate(operand) as number;
        return v === 0 ? refuse(n, "negative zero") : -v;
      }
      if (c.length === 1 && c[0]?.type === "cast_expression") return orderedHash(c[0]);
      return refuse(n, "a unary operator");
    }
    case "cast_expression":
      return orderedHash(n);
    case "variable":
      if (n.text === "$true") return true;
      if (n.text === "$false") return false;
      if (n.text === "$null") return null;
      return refuse(n, "a variable");
    case "array_expression":
      return arrayOf(n);
    case "hash_literal_expression":
      return hashOf(n);
    case "invokation_expression":
      return base64String(n);
    default:
      return refuse(n, n.type);
  }
}

function orderedHash(cast: Parser.SyntaxNode): PsValue {
  const c = kids(cast);
  if (c.length !== 2 || c[0]?.type !== "type_literal" || c[0].text !== "[ordered]")
    refuse(cast, "a cast other than [ordered]");
  const hash = unwrap(c[1] as Parser.SyntaxNode);
  if (hash.type !== "hash_literal_expression") refuse(cast, "[ordered] applied to something other than @{}");
  return hashOf(hash);
}

/** `@( )`, or `@( <one statement> )` whose value is one item or one comma list. */
function arrayOf(n: Parser.SyntaxNode): PsValue[] {
  const c = kids(n);
  if (c[0]?.type !== "@(" || c[c.length - 1]?.type !== ")") refuse(n, "not @(...)");
  if (c.length === 2) return [];
  const list = c[1] as Parser.SyntaxNode;
  if (c.length !== 3 || list.type !== "statement_list") refuse(n, "not one statement list");
  const statements = kids(list);
  if (statements.length !== 1) refuse(list, "more than one statement inside @()");
  const inner = unwrap(statements[0] as Parser.SyntaxNode);
  let items: PsValue[];
  if (inner.type === "array_literal_expression") {
    items = [];
    kids(inner).forEach((k, i) => {
      if (i % 2 === 1) {
        if (k.type !== "," || k.isNamed) refuse(k, "items not separated by commas");
      } else items.push(evaluate(k));
    });
    if (kids(inner).length % 2 === 0) refuse(inner, "a trailing comma");
  } else {
    items = [evaluate(inner)];
  }
  // @() and the comma operator flatten arrays into their parent: never data here.
  if (items.some(isArray)) refuse(n, "an array inside an array (PowerShell would flatten it)");
  return items;
}

function hashOf(n: Parser.SyntaxNode): { [key: string]: PsValue } {
  const c = kids(n);
  if (c[0]?.type !== "@{" || c[c.length - 1]?.type !== "}") refuse(n, "not @{...}");
  const out: { [key: string]: PsValue } = {};
  if (c.length === 2) return out;
  const body = c[1] as Parser.SyntaxNode;
  if (c.length !== 3 || body.type !== "hash_literal_body") refuse(n, "not one hashtable body");
  const seen = new Set<string>();
  for (const entry of kids(body)) {
    if (entry.type !== "hash_entry") refuse(entry, `${entry.type} in a hashtable`);
    const [key, eq, value, ...rest] = kids(entry);
    if (!key || !value || eq?.type !== "=" || rest.length > 0) refuse(entry, "not `Key = value`");
    const name = key.text;
    if (key.type !== "key_expression" || key.childCount !== 1 || key.child(0)?.type !== "simple_name")
      refuse(key, "a key that is not a bare name");
    if (!HASH_KEY.test(name)) refuse(key, "a key that is not a plain identifier");
    // PowerShell hashtable keys are case-insensitive; a repeated key is an error there.
    if (seen.has(name.toLowerCase())) refuse(key, "a repeated key");
    seen.add(name.toLowerCase());
    out[name] = evaluate(value);
  }
  return out;
}

/** [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('...')): exactly that text, canonical base64. */
function base64String(n: Parser.SyntaxNode): string {
  const m = BASE64_EXPRESSION.exec(n.text);
  if (!m) return refuse(n, "a method call other than the base64 string form");
  let strings = 0;
  const visit = (k: Parser.SyntaxNode) => {
    if (k.type === "string_literal") strings++;
    for (const x of k.children) visit(x);
  };
  visit(n);
  if (strings !== 1) refuse(n, "the base64 form with other than one string");
  const digits = m[1] ?? "";
  const bytes = Buffer.from(digits, "base64");
  if (digits.length % 4 !== 0 || bytes.toString("base64") !== digits) refuse(n, "non-canonical base64");
  try {
    // .NET's UTF8.GetString keeps a leading BOM and never fails; fatal decoding makes
    // invalid UTF-8 (which .NET would turn into U+FFFD) a refusal instead.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return refuse(n, "base64 of invalid UTF-8");
  }
}

/**
 * The values assigned to `names` (case-insensitive, as PowerShell variables are).
 * Each must be assigned exactly once in the whole script, with `=`, as a top-level
 * statement; nothing else may assign it (the runtime only reads the table).
 */
export function assignedValues(tree: Parser.Tree, names: readonly string[]): Record<string, PsValue> {
  const wanted = new Map(names.map((n) => [`$${n}`.toLowerCase(), n]));
  const found = new Map<string, Parser.SyntaxNode>();
  // Every assignment in document order, found by tree-sitter itself (a walk in JavaScript
  // takes seconds per script); what a wanted assignment holds is its value, not looked into.
  let valueEnd = -1;
  for (const node of tree.rootNode.descendantsOfType("assignment_expression")) {
    if (node.startIndex < valueEnd) continue;
    const [left, op, right] = node.children;
    const name = wanted.get((left?.text ?? "").trim().toLowerCase());
    if (name === undefined) continue;
    if (found.has(name)) throw new NotPsData(`$${name} is assigned more than once`);
    if (op?.text !== "=" || !right) refuse(node, `$${name} assigned with ${op?.text}`);
    const statement = node.parent;
    if (statement?.type !== "pipeline" || statement.parent?.parent?.type !== "program")
      refuse(node, `$${name} assigned other than as a top-level statement`);
    found.set(name, right);
    valueEnd = node.endIndex;
  }
  const out: Record<string, PsValue> = {};
  for (const n of names) {
    const node = found.get(n);
    if (!node) throw new NotPsData(`$${n} is never assigned`);
    out[n] = evaluate(node);
  }
  return out;
}

export interface DataTable {
  Bundle: PsValue;
  Controls: PsValue;
  Settings: PsValue;
}

/** The data table of a generated Apply/Test/Undo script. */
export function readDataTable(tree: Parser.Tree): DataTable {
  const v = assignedValues(tree, ["Bundle", "Controls", "Settings"]);
  return { Bundle: v.Bundle ?? null, Controls: v.Controls ?? null, Settings: v.Settings ?? null };
}

/** The value of one PowerShell expression of the data subset (for testing the reader itself). */
export function readPsLiteral(expression: string): PsValue {
  const tree = parsePowerShell(`$Value = ${expression}\r\n`);
  if (tree.rootNode.hasError)
    throw new NotPsData(`does not parse: ${JSON.stringify(expression.slice(0, 120))}`);
  return assignedValues(tree, ["Value"]).Value ?? null;
}
