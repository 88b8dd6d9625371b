/**
 * The Handlebars environment of the vendor templates (templates/vendor/<name>/*.hbs).
 *
 * Escaping by construction: every template file is written in one target language
 * (nginx, pg_hba.conf, postgresql.conf, rsyslog, JSON, Markdown), and the only way it
 * can print a value is `{{helper value}}` with one of the escaping helpers of THAT
 * language. Before a template is compiled, `checkVendorTemplate` walks its Handlebars
 * syntax tree and refuses:
 *
 * - a bare `{{value}}`, a helper of another language (`{{json x}}` in nginx.conf), a
 *   helper with zero or several arguments, hash arguments or subexpressions;
 * - triple-stash `{{{value}}}` and `{{& value}}` (raw output);
 * - partials, decorators and any block helper other than if / unless / each / with;
 * - a line-level helper (mdBlock) that does not stand on lines of its own.
 *
 * The environment is created with `noEscape: true` (Handlebars' HTML escaping is wrong
 * for every one of these languages) and with `knownHelpersOnly`, so nothing but the
 * helpers registered here can run. The check runs when a template is loaded and, over
 * every template file, in test/vendor-templates.test.ts.
 */
import Handlebars from "handlebars";
import { confComment } from "../escape/conf-comment.js";
import { jsonValue } from "../escape/json.js";
import { markdownBlock, markdownInline } from "../escape/markdown.js";
import { nginxString, nginxWord } from "../escape/nginx.js";
import { pgConfString, pgHbaAddress, pgHbaNames } from "../escape/pg.js";
import { rsyslogParam } from "../escape/rsyslog.js";

export type TargetLanguage = "nginx" | "pg-hba" | "pg-conf" | "rsyslog" | "json" | "markdown";
export const TARGET_LANGUAGES: readonly TargetLanguage[] = [
  "nginx",
  "pg-hba",
  "pg-conf",
  "rsyslog",
  "json",
  "markdown",
];

interface Escaper {
  /** The languages whose files may use this helper. */
  languages: readonly TargetLanguage[];
  /** Writes one value; throws when the language cannot carry it. */
  write(value: unknown): string;
  /** The helper's output spans lines: it must stand on lines of its own. */
  ownLines?: boolean;
  /** One line of documentation, for the list in error messages and the READMEs. */
  doc: string;
}

const CONFIG_LANGUAGES: readonly TargetLanguage[] = ["nginx", "pg-hba", "pg-conf", "rsyslog"];

/** Helper name -> how it writes one value. The only way a value reaches a vendor file. */
export const ESCAPERS: Readonly<Record<string, Escaper>> = {
  nginx: { languages: ["nginx"], write: (v) => nginxString(text(v)), doc: "nginx double-quoted string" },
  nginxWord: { languages: ["nginx"], write: (v) => nginxWord(text(v)), doc: "nginx bare word (checked)" },
  hbaNames: {
    languages: ["pg-hba"],
    write: (v) => pgHbaNames(v === "all" ? "all" : textList(v)),
    doc: 'pg_hba DATABASE/USER field: "all" or a list of quoted names',
  },
  hbaAddress: {
    languages: ["pg-hba"],
    write: (v) => pgHbaAddress(text(v)),
    doc: "pg_hba address/prefix (parsed)",
  },
  pgStr: {
    languages: ["pg-conf"],
    write: (v) => pgConfString(text(v)),
    doc: "postgresql.conf string literal",
  },
  rsyslog: {
    languages: ["rsyslog"],
    write: (v) => rsyslogParam(text(v)),
    doc: "RainerScript object parameter string",
  },
  json: { languages: ["json"], write: (v) => jsonValue(v), doc: "JSON value (keys sorted)" },
  md: { languages: ["markdown"], write: (v) => markdownInline(text(v)), doc: "Markdown text on one line" },
  mdBlock: {
    languages: ["markdown"],
    write: (v) => markdownBlock(text(v)),
    ownLines: true,
    doc: "Markdown paragraph of several lines (on lines of its own)",
  },
  int: { languages: CONFIG_LANGUAGES, write: (v) => integer(v), doc: "non-negative integer (checked)" },
  comment: {
    languages: CONFIG_LANGUAGES,
    write: (v) => confComment(text(v)),
    doc: "text after a # (one line)",
  },
};

/** A template handed a value of the wrong shape: a bug in a template's view model, never bad user input. */
export class TemplateValueError extends Error {}

function text(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  throw new TemplateValueError(
    `a template value must be text or a number, found ${v === null ? "null" : typeof v}`,
  );
}

function textList(v: unknown): string[] {
  if (!Array.isArray(v)) throw new TemplateValueError(`expected a list of names, found ${typeof v}`);
  return v.map(text);
}

function integer(v: unknown): string {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) {
    throw new TemplateValueError(`expected a non-negative integer, found ${JSON.stringify(v)}`);
  }
  return String(v);
}

export function helpersFor(language: TargetLanguage): string[] {
  return Object.entries(ESCAPERS)
    .filter(([, e]) => e.languages.includes(language))
    .map(([name]) => name)
    .sort();
}

const BLOCK_HELPERS = new Set(["if", "unless", "each", "with"]);

export class TemplateSafetyError extends Error {
  constructor(
    readonly file: string,
    readonly violations: string[],
  ) {
    super(`${file}: ${violations.length} unsafe construct(s):\n  ${violations.join("\n  ")}`);
    this.name = "TemplateSafetyError";
  }
}

type Node = hbs.AST.Node;

function pathName(node: hbs.AST.Expression): string | undefined {
  return node.type === "PathExpression" ? (node as hbs.AST.PathExpression).original : undefined;
}

const isValueParam = (p: hbs.AST.Expression): boolean =>
  p.type === "PathExpression" ||
  p.type === "StringLiteral" ||
  p.type === "NumberLiteral" ||
  p.type === "BooleanLiteral";

/** Refuses a template that could print a value without its language's escaping helper (see the file comment). */
export function checkVendorTemplate(file: string, language: TargetLanguage, source: string): void {
  const allowed = new Set(helpersFor(language));
  const violations: string[] = [];
  const at = (node: Node) => `${file}:${node.loc?.start.line ?? 0}:${(node.loc?.start.column ?? 0) + 1}`;

  const visitProgram = (program: hbs.AST.Program | undefined): void => {
    if (!program) return;
    program.body.forEach((node, i) => {
      visit(node, program.body[i - 1], program.body[i + 1]);
    });
  };

  const visit = (node: Node, before: Node | undefined, after: Node | undefined): void => {
    switch (node.type) {
      case "ContentStatement":
      case "CommentStatement":
        return;
      case "MustacheStatement": {
        const m = node as hbs.AST.MustacheStatement;
        const helper = pathName(m.path) ?? `(${m.path.type})`;
        if (!m.escaped) {
          violations.push(
            `${at(node)}: raw output {{{${helper}}}} or {{& ${helper}}}: use one of ${[...allowed].join(", ")}`,
          );
          return;
        }
        if (!allowed.has(helper)) {
          const known = Object.hasOwn(ESCAPERS, helper)
            ? `"${helper}" is not a ${language} helper`
            : `"{{${helper}}}" prints a value without an escaping helper`;
          violations.push(`${at(node)}: ${known}; use one of ${[...allowed].join(", ")}`);
          return;
        }
        if (m.params.length !== 1 || (m.hash?.pairs.length ?? 0) > 0 || !m.params.every(isValueParam)) {
          violations.push(
            `${at(node)}: {{${helper} ...}} takes exactly one value (a field or a literal), no hash or subexpression`,
          );
          return;
        }
        if (ESCAPERS[helper]?.ownLines && !(startsLine(before) && endsLine(after))) {
          violations.push(
            `${at(node)}: {{${helper} ...}} writes several lines and must stand on lines of its own`,
          );
        }
        return;
      }
      case "BlockStatement": {
        const b = node as hbs.AST.BlockStatement;
        const helper = pathName(b.path) ?? `(${b.path.type})`;
        if (!BLOCK_HELPERS.has(helper))
          violations.push(`${at(node)}: block helper "${helper}" is not allowed`);
        else if (
          b.params.length !== 1 ||
          b.params[0]?.type !== "PathExpression" ||
          (b.hash?.pairs.length ?? 0) > 0
        ) {
          violations.push(`${at(node)}: {{#${helper}}} takes exactly one field`);
        }
        visitProgram(b.program);
        visitProgram(b.inverse);
        return;
      }
      default:
        // PartialStatement, PartialBlockStatement, Decorator, DecoratorBlock: code we do not review.
        violations.push(`${at(node)}: ${node.type} is not allowed in vendor templates`);
    }
  };

  visitProgram(Handlebars.parse(source));
  if (violations.length > 0) throw new TemplateSafetyError(file, violations);
}

/** True when `node` (the statement before a helper) leaves the helper at the start of a line. */
function startsLine(node: Node | undefined): boolean {
  if (!node) return true;
  return node.type === "ContentStatement" && /(^|\n)$/.test((node as hbs.AST.ContentStatement).value);
}

function endsLine(node: Node | undefined): boolean {
  if (!node) return true;
  return node.type === "ContentStatement" && /^\r?\n/.test((node as hbs.AST.ContentStatement).value);
}

/** Our own environment: helpers registered here never leak into the services or baseline renderers. */
const vendorHandlebars = Handlebars.create();
for (const [name, escaper] of Object.entries(ESCAPERS)) {
  vendorHandlebars.registerHelper(name, (value: unknown) => escaper.write(value));
}
const KNOWN_HELPERS = Object.fromEntries(Object.keys(ESCAPERS).map((name) => [name, true]));

export type RenderFunction = (context: object) => string;

/** Checks, then compiles, one template file. */
export function compileVendorTemplate(
  file: string,
  language: TargetLanguage,
  source: string,
): RenderFunction {
  checkVendorTemplate(file, language, source);
  const template = vendorHandlebars.compile(source, {
    noEscape: true,
    strict: true,
    knownHelpers: KNOWN_HELPERS,
    knownHelpersOnly: true,
    preventIndent: true,
  });
  return (context) => template(context);
}
