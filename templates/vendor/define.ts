/**
 * What a vendor template is, and how one is rendered.
 *
 * A template is a versioned input schema (zod), a view-model function that turns
 * validated values into what the template files print, and one or more Handlebars
 * files, each written in one target language. Rendering validates the values again
 * (render may be called with anything), builds the view model and renders every file
 * through the checked environment of ./handlebars.ts. Output depends only on the
 * values: no clock, no environment, keys in a fixed order.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { packageRoot } from "../../model/package-root.js";
import { describeFound, formatPath, InputError, type Problem } from "../../model/problems.js";
import { expectedOf, valueAt } from "../../model/yaml-source.js";
import { compileVendorTemplate, type RenderFunction, type TargetLanguage } from "./handlebars.js";

export interface TemplateFile {
  /** The .hbs file in the template's directory. */
  source: string;
  /** Path of the rendered file, relative to the output directory. */
  output: string;
  language: TargetLanguage;
}

export interface Bilingual {
  vi: string;
  en: string;
}

export interface VendorTemplateDefinition<Values, Context extends object> {
  name: string;
  description: Bilingual;
  version: string;
  schema: z.ZodType<Values>;
  files: readonly TemplateFile[];
  /** The view model: everything the files print, derived from validated values only. */
  context(values: Values): Context;
}

/** A template with its value type erased, as the registry and the CLI hold it. */
export interface VendorTemplate {
  name: string;
  description: Bilingual;
  version: string;
  schema: z.ZodType;
  files: readonly TemplateFile[];
  /** Validates `values` and renders every file: output path -> content. */
  render(values: unknown): Map<string, string>;
}

export const TEMPLATE_ROOT = join(packageRoot, "templates", "vendor");

/** The repository-relative path of one template file (for messages and tests). */
export const templatePath = (name: string, source: string): string => `templates/vendor/${name}/${source}`;

export function defineVendorTemplate<Values, Context extends object>(
  def: VendorTemplateDefinition<Values, Context>,
): VendorTemplate {
  let compiled: Map<string, RenderFunction> | undefined;
  const compileAll = (): Map<string, RenderFunction> => {
    compiled ??= new Map(
      def.files.map((f) => [
        f.source,
        compileVendorTemplate(
          templatePath(def.name, f.source),
          f.language,
          readFileSync(join(TEMPLATE_ROOT, def.name, f.source), "utf8"),
        ),
      ]),
    );
    return compiled;
  };
  return {
    name: def.name,
    description: def.description,
    version: def.version,
    schema: def.schema,
    files: def.files,
    render(values: unknown): Map<string, string> {
      const parsed = def.schema.safeParse(values);
      if (!parsed.success)
        throw new InputError(issuesToProblems(`values for ${def.name}`, values, parsed.error.issues));
      const context = {
        ...def.context(parsed.data),
        generatedBy: `attt-kit template ${def.name} v${def.version}`,
      };
      const renderers = compileAll();
      const out = new Map<string, string>();
      for (const f of def.files) out.set(f.output, (renderers.get(f.source) as RenderFunction)(context));
      return out;
    },
  };
}

/** Problems without source positions (values that did not come from a file). */
function issuesToProblems(file: string, data: unknown, issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.map((issue) => ({
    file,
    line: 0,
    column: 0,
    path: formatPath(issue.path),
    expected: expectedOf(issue),
    found: describeFound(valueAt(data, issue.path)),
  }));
}
