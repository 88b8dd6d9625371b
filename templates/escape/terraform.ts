/**
 * The one way data enters Terraform JSON (cdk.tf.json). Terraform reads every string
 * of a .tf.json file as a template: `${...}` is an expression (`${file("/etc/shadow")}`
 * would read the deploying machine's file) and `%{...}` a directive. Data must stay
 * literal, so both are doubled (`$${`, `%%{`: Terraform's own escapes).
 *
 * cdktf writes its own references as tokens, `${TfToken[...]}` in a string, and turns
 * them into Terraform expressions when it synthesizes; those are the only `${` left
 * as they are. Text that imitates a token cannot be told from one, so the inventory
 * refuses it at validation (`CDKTF_MARKER`), and `assertLiteralTemplates` checks the
 * written files: no expression but a reference to a resource or `file("...")`.
 */

/** cdktf's markers of a string, list or map token inside a string. */
export const CDKTF_MARKER = /[$#&]\{TfToken\[/;

/** `value` as a Terraform template that evaluates to exactly `value`, cdktf's tokens kept. */
export function terraformLiteral(value: string): string {
  return value.replace(/\$\{(?!TfToken\[)/g, "$$${").replace(/%\{/g, "%%{");
}

/**
 * Every string of a construct's configuration through `terraformLiteral`: plain objects
 * and arrays are walked; anything else (a construct in dependsOn, a token object, a
 * number) is left as it is.
 */
export function terraformData<T>(value: T): T {
  if (typeof value === "string") return terraformLiteral(value) as T;
  if (Array.isArray(value)) return value.map(terraformData) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [terraformLiteral(k), terraformData(v)]),
    ) as T;
  return value;
}

/** A template part of a Terraform string: an interpolation or a directive, with its text. */
export interface TemplatePart {
  kind: "interpolation" | "directive";
  text: string;
}

/**
 * The interpolations and directives Terraform would evaluate in `template`, by its
 * template grammar: `$${` and `%%{` are literal, `${` and `%{` open a part that ends at
 * the matching `}` (strings inside it may hold braces).
 */
export function templateParts(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < template.length) {
    const two = template.slice(i, i + 2);
    if (template.startsWith("$${", i) || template.startsWith("%%{", i)) {
      i += 3;
      continue;
    }
    if (two !== "${" && two !== "%{") {
      i++;
      continue;
    }
    let depth = 1;
    let j = i + 2;
    let quoted = false;
    for (; j < template.length && depth > 0; j++) {
      const c = template[j];
      if (quoted) {
        if (c === "\\") j++;
        else if (c === '"') quoted = false;
      } else if (c === '"') quoted = true;
      else if (c === "{") depth++;
      else if (c === "}") depth--;
    }
    parts.push({ kind: two === "${" ? "interpolation" : "directive", text: template.slice(i + 2, j - 1) });
    i = j;
  }
  return parts;
}

/** The text a template without parts evaluates to ($${ and %%{ read back), or null when it has parts. */
export function templateText(template: string): string | null {
  if (templateParts(template).length > 0) return null;
  return template.replace(/\$\$\{|%%\{/g, (m) => m.slice(1));
}

/** What cdktf itself writes: a reference to a resource attribute, or file("...") for the TLS files and filebase64("...") for a swarm's secret files. */
const OWN_EXPRESSION =
  /^(?:[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+\.[a-z0-9_]+(?:\[\d+\])?|file(?:base64)?\("(?:[^"\\$%]|\$(?!\{)|%(?!\{))*"\))$/;

/**
 * Throws when a string of a synthesized Terraform JSON document holds a template part
 * cdktf would not have written: the last line of defence should a data string ever
 * reach a construct without `terraformData`.
 */
export function assertLiteralTemplates(document: unknown, where: string): void {
  const walk = (v: unknown, path: string) => {
    if (typeof v === "string") {
      for (const part of templateParts(v))
        if (part.kind === "directive" || !OWN_EXPRESSION.test(part.text))
          throw new Error(
            `${where} ${path}: a Terraform ${part.kind} the stacks did not write (${JSON.stringify(part.text.slice(0, 80))})`,
          );
    } else if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${path}[${i}]`);
    } else if (v !== null && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        walk(k, `${path}.${k} (key)`);
        walk(x, `${path}.${k}`);
      }
  };
  walk(document, "");
}
