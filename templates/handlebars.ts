/**
 * The Handlebars instance that renders the data centre's service configuration
 * (templates/services/*.hbs): firewall rules, backup scripts, prometheus.yml, alert
 * rules, rsyslog and pg_hba.conf.
 *
 * Handlebars escapes for HTML by default, which is wrong for every file here, so the
 * instance compiles with `noEscape` and instead refuses, before compiling, any template
 * in which a `{{ }}` prints a value other than through one of the escaping helpers
 * below, and any triple-stash `{{{ }}}` or partial. A forgotten helper is therefore a
 * load-time error, never an unescaped value in a firewall or a shell script.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { packageRoot } from "../model/package-root.js";
import {
  cronSchedule,
  crontabArgument,
  hashComment,
  identifier,
  integer,
  ipv4OrCidr,
  nftString,
  rsyslogString,
  shellWord,
  yamlValue,
} from "./escape/services.js";

/** Helper name -> how it writes one value. Each is the only way a value reaches its language. */
const ESCAPERS = {
  /** POSIX shell word. */
  sh: (v: unknown) => shellWord(asText(v)),
  /** YAML scalar (string, number or boolean). */
  yaml: (v: unknown) => yamlValue(typeof v === "number" || typeof v === "boolean" ? v : asText(v)),
  /** nftables quoted string; refuses what nft cannot carry. */
  nftStr: (v: unknown) => nftString(asText(v)),
  /** nftables quoted free text (comments): what nft cannot carry becomes `_`. */
  nftText: (v: unknown) => nftString(asText(v), { lossy: true }),
  /** IPv4 address or CIDR, checked. */
  addr: (v: unknown) => ipv4OrCidr(asText(v)),
  /** Non-negative integer, checked. */
  int: (v: unknown) => integer(typeof v === "number" ? v : asText(v)),
  /** Identifier, checked. */
  id: (v: unknown) => identifier(asText(v)),
  /** rsyslog RainerScript string constant. */
  rsyslog: (v: unknown) => rsyslogString(asText(v)),
  /** Five-field cron schedule, checked. */
  cron: (v: unknown) => cronSchedule(asText(v)),
  /** Argument of a crontab command (shell word without %). */
  cronArg: (v: unknown) => crontabArgument(asText(v)),
  /** Text after a `#` comment marker: one line. */
  comment: (v: unknown) => hashComment(asText(v)),
} as const;

export type EscaperName = keyof typeof ESCAPERS;

function asText(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  throw new TypeError(
    `a template value must be a string or a number, found ${v === null ? "null" : typeof v}`,
  );
}

const BLOCK_HELPERS = new Set(["each", "if", "unless", "with"]);

export class TemplateSafetyError extends Error {
  constructor(template: string, line: number, why: string) {
    super(`${template}:${line}: ${why}`);
    this.name = "TemplateSafetyError";
  }
}

/** Refuses a template that could print a value without an escaping helper (see the file comment). */
export function checkTemplateSafety(name: string, source: string): void {
  const ast = Handlebars.parse(source);
  const visit = (node: hbs.AST.Node): void => {
    const line = node.loc?.start.line ?? 0;
    switch (node.type) {
      case "Program":
        for (const s of (node as hbs.AST.Program).body) visit(s);
        return;
      case "MustacheStatement": {
        const m = node as hbs.AST.MustacheStatement;
        if (!m.escaped)
          throw new TemplateSafetyError(
            name,
            line,
            "triple-stash {{{ }}} prints raw text: use an escaping helper",
          );
        const helper = m.path.type === "PathExpression" ? (m.path as hbs.AST.PathExpression).original : "";
        if (!(helper in ESCAPERS) || m.params.length !== 1) {
          throw new TemplateSafetyError(
            name,
            line,
            `"{{${helper}}}" prints a value without an escaping helper (one of ${Object.keys(ESCAPERS).join(", ")})`,
          );
        }
        return;
      }
      case "BlockStatement": {
        const b = node as hbs.AST.BlockStatement;
        const helper = b.path.type === "PathExpression" ? (b.path as hbs.AST.PathExpression).original : "";
        if (!BLOCK_HELPERS.has(helper))
          throw new TemplateSafetyError(name, line, `block helper "${helper}" is not allowed`);
        if (b.program) visit(b.program);
        if (b.inverse) visit(b.inverse);
        return;
      }
      case "PartialStatement":
      case "PartialBlockStatement":
      case "DecoratorBlock":
      case "Decorator":
        throw new TemplateSafetyError(
          name,
          line,
          "partials and decorators are not allowed in service templates",
        );
      default:
        return; // ContentStatement, CommentStatement
    }
  };
  visit(ast);
}

/** A Handlebars environment of our own: helpers registered here never leak into other renderers. */
export const servicesHandlebars = Handlebars.create();
for (const [name, escaper] of Object.entries(ESCAPERS)) {
  servicesHandlebars.registerHelper(name, (value: unknown) => escaper(value));
}

const TEMPLATE_DIR = join(packageRoot, "templates", "services");
const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** Renders templates/services/<name>.hbs with the given context (strict: a missing field is an error). */
export function renderServiceTemplate(name: string, context: object): string {
  let template = compiled.get(name);
  if (!template) {
    const source = readFileSync(join(TEMPLATE_DIR, `${name}.hbs`), "utf8");
    checkTemplateSafety(`templates/services/${name}.hbs`, source);
    template = servicesHandlebars.compile(source, { noEscape: true, strict: true });
    compiled.set(name, template);
  }
  return template(context);
}

/** Renders an inline template (tests, and the safety check's own tests), with the same rules. */
export function renderInline(source: string, context: object): string {
  checkTemplateSafety("inline", source);
  return servicesHandlebars.compile(source, { noEscape: true, strict: true })(context);
}
