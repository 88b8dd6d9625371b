/**
 * `attt template list | schema <name> | render <name> --values FILE [--out DIR]`:
 * the vendor templates (templates/vendor/).
 */
import type { Command } from "commander";
import { z } from "zod";
import { writeTreeAtomic } from "../../model/write-tree.js";
import type { VendorTemplate } from "../../templates/vendor/index.js";
import {
  loadVendorValues,
  UnknownTemplateError,
  vendorTemplate,
  vendorTemplates,
} from "../../templates/vendor/index.js";
import { action, printJson, UsageError } from "../cli-kit.js";

function templateNamed(name: string): VendorTemplate {
  try {
    return vendorTemplate(name);
  } catch (e) {
    if (e instanceof UnknownTemplateError) throw new UsageError(e.message);
    throw e;
  }
}

/** The JSON Schema of a template's values (what a vendor's editor validates against). */
export function templateJsonSchema(template: VendorTemplate): Record<string, unknown> {
  const schema = z.toJSONSchema(template.schema, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: `https://attt-kit.local/schema/vendor-${template.name}-v${template.version}.json`,
    title: `attt-kit vendor template ${template.name} v${template.version}`,
    description: `${template.description.vi} / ${template.description.en}`,
  };
}

export function registerTemplate(program: Command): void {
  const cmd = program
    .command("template")
    .description(
      "Vendor templates: hardened configuration and documents for vendors who host or run systems.\n" +
        "Mẫu cho đơn vị cung cấp dịch vụ: cấu hình an toàn và văn bản phải thực hiện.",
    );

  cmd
    .command("list")
    .description("List the vendor templates.")
    .option("--json", "machine-readable list")
    .action(
      action((opts: { json?: boolean }) => {
        const rows = [...vendorTemplates.values()].map((t) => ({
          name: t.name,
          version: t.version,
          files: t.files.map((f) => f.output),
          description: t.description,
        }));
        if (opts.json) {
          printJson(rows);
          return 0;
        }
        for (const r of rows) {
          process.stdout.write(
            `${r.name.padEnd(16)} v${r.version}  ${r.description.vi}\n${"".padEnd(20)}${r.description.en}\n`,
          );
        }
        return 0;
      }),
    );

  cmd
    .command("schema")
    .description("Print the JSON Schema of a template's values file.")
    .argument("<name>", `one of: ${[...vendorTemplates.keys()].join(", ")}`)
    .action(
      action((name: string) => {
        printJson(templateJsonSchema(templateNamed(name)));
        return 0;
      }),
    );

  cmd
    .command("render")
    .description("Render a template from a values file (YAML). One file and no --out: printed to stdout.")
    .argument("<name>", `one of: ${[...vendorTemplates.keys()].join(", ")}`)
    .requiredOption("--values <file>", "values file (YAML), see `attt template schema <name>`")
    .option("--out <dir>", "write the rendered files into this directory (replaced atomically)")
    .action(
      action((name: string, opts: { values: string; out?: string }) => {
        const template = templateNamed(name);
        const files = template.render(loadVendorValues(template, opts.values));
        if (!opts.out) {
          if (files.size !== 1) {
            throw new UsageError(
              `template "${name}" renders ${files.size} files (${[...files.keys()].join(", ")}); give --out DIR`,
              `mẫu "${name}" sinh ra ${files.size} tệp (${[...files.keys()].join(", ")}); cần --out THƯ-MỤC`,
            );
          }
          process.stdout.write([...files.values()][0] as string);
          return 0;
        }
        writeTreeAtomic(opts.out, "template render", files);
        for (const path of files.keys()) process.stdout.write(`wrote ${opts.out}/${path}\n`);
        return 0;
      }),
    );
}
