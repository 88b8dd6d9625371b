import { join } from "node:path";
import type { Command } from "commander";
import { inputSchemas, jsonSchemaOf } from "../../model/schemas.js";
import { writeTreeAtomic } from "../../model/write-tree.js";
import { action, printJson, UsageError } from "../cli-kit.js";

export function registerSchema(program: Command): void {
  program
    .command("schema")
    .description(
      "JSON Schema of every input format (for editors, vendors and CI). Without a name, lists them.",
    )
    .argument("[name]", `one of: ${Object.keys(inputSchemas).join(", ")}`)
    .option(
      "--out <dir>",
      "write the named schema, or every schema, as <name>.schema.json into this directory",
    )
    .action(
      action((name: string | undefined, opts: { out?: string }) => {
        if (name && !inputSchemas[name])
          throw new UsageError(
            `unknown schema "${name}"; one of ${Object.keys(inputSchemas).join(", ")}`,
            `không có lược đồ "${name}"; chọn một trong ${Object.keys(inputSchemas).join(", ")}`,
          );
        if (opts.out) {
          const tree = new Map<string, string>();
          for (const n of name ? [name] : Object.keys(inputSchemas))
            tree.set(`${n}.schema.json`, `${JSON.stringify(jsonSchemaOf(n), null, 2)}\n`);
          writeTreeAtomic(opts.out, "schema", tree);
          process.stdout.write(`wrote ${tree.size} schemas to ${join(opts.out)}\n`);
          return 0;
        }
        if (!name) {
          for (const [n, s] of Object.entries(inputSchemas))
            process.stdout.write(`${n.padEnd(20)} ${s.title}\n`);
          return 0;
        }
        printJson(jsonSchemaOf(name));
        return 0;
      }),
    );
}
