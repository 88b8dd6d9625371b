/**
 * The vendor templates: configuration and documents that vendors (VNPT, Viettel,
 * software companies) who host or run systems for the Department must deploy or follow.
 *
 * Each template has a versioned input schema (exported as JSON Schema by
 * `attt template schema <name>`, and through `vendorInputSchemas` by `attt schema`),
 * and renders one or more files. Values files are YAML; every problem in one is
 * reported with its file, line, column and field before anything is rendered.
 */
import type { z } from "zod";
import { InputError, type Problem } from "../../model/problems.js";
import { locate, readYaml, validate, valueAt } from "../../model/yaml-source.js";
import { backupPolicy } from "./backup-policy/definition.js";
import type { VendorTemplate } from "./define.js";
import { dockerDaemon } from "./docker-daemon/definition.js";
import { incidentReport } from "./incident-report/definition.js";
import { logForwarding } from "./log-forwarding/definition.js";
import { postgresql } from "./postgresql/definition.js";
import { reverseProxy } from "./reverse-proxy/definition.js";

export type { Bilingual, TemplateFile, VendorTemplate } from "./define.js";

/** Every vendor template by name, in the order `attt template list` shows them. */
export const vendorTemplates: ReadonlyMap<string, VendorTemplate> = new Map(
  [reverseProxy, postgresql, dockerDaemon, logForwarding, backupPolicy, incidentReport].map((t) => [
    t.name,
    t,
  ]),
);

export class UnknownTemplateError extends Error {
  constructor(name: string) {
    super(`unknown vendor template "${name}"; one of ${[...vendorTemplates.keys()].join(", ")}`);
    this.name = "UnknownTemplateError";
  }
}

export function vendorTemplate(name: string): VendorTemplate {
  const template = vendorTemplates.get(name);
  if (!template) throw new UnknownTemplateError(name);
  return template;
}

/**
 * Reads a values file for `template` and validates it. Throws InputError listing every
 * problem (file:line:col, field, expected, found); returns the validated values.
 */
export function loadVendorValues(template: VendorTemplate, file: string, displayName = file): unknown {
  const problems: Problem[] = [];
  const src = readYaml(file, problems, displayName);
  if (!src) throw new InputError(problems);
  // A values file written for another template: say only that, not every field that differs.
  const declared = valueAt(src.data, ["template"]);
  if (typeof declared === "string" && declared !== template.name && vendorTemplates.has(declared)) {
    throw new InputError([
      {
        file: displayName,
        ...locate(src, ["template"]),
        path: "template",
        expected: `"${template.name}" (this file is for the ${declared} template: render it with that name)`,
        found: `"${declared}"`,
      },
    ]);
  }
  const values = validate(src, template.schema as z.ZodType<unknown>, problems);
  if (problems.length > 0) throw new InputError(problems);
  return values;
}

/** Reads, validates and renders: output path -> content. */
export function renderVendorValuesFile(name: string, file: string, displayName = file): Map<string, string> {
  const template = vendorTemplate(name);
  return template.render(loadVendorValues(template, file, displayName));
}

/** The input schemas for `attt schema` (model/schemas.ts): `vendor-<name>`. */
export const vendorInputSchemas: Record<string, { title: string; schema: z.ZodType }> = Object.fromEntries(
  [...vendorTemplates.values()].map((t) => [
    `vendor-${t.name}`,
    {
      title: `attt-kit vendor template values: ${t.name} v${t.version} (${t.description.en})`,
      schema: t.schema,
    },
  ]),
);
