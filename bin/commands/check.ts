import type { Command } from "commander";
import { DEMO_INVENTORY } from "../../model/demo.js";
import { IsoDate } from "../../model/inventory.js";
import { bundledCatalogue } from "../../model/load-catalogue.js";
import { loadInventory } from "../../model/load-inventory.js";
import { loadWaivers } from "../../model/waivers.js";
import { writeTreeAtomic } from "../../model/write-tree.js";
import { checkProvince, waivableIds } from "../../policies/check-province.js";
import { consoleReport } from "../../policies/report/console.js";
import { REPORT_FORMATS, type ReportFormat, renderReports } from "../../policies/report/index.js";
import type { Lang } from "../../policies/report/labels.js";
import { action, EXIT_FINDINGS, UsageError } from "../cli-kit.js";

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description(
      "Check the province against its plans: inventory records, synthesized stacks, generated bundles and machine evidence. " +
        "Exit 0 when every required check passes, 1 on failures, 2 on bad input.",
    )
    .argument("[inventory]", "inventory directory or file", DEMO_INVENTORY)
    .option("--stacks <dir>", "synthesized data-centre output (attt synth --out DIR)")
    .option("--bundles <dir>", "generated bundles (attt baseline generate --out DIR)")
    .option(
      "--evidence <dir|url>",
      "evidence written by Test-Baseline.ps1 / audit.sh: a directory of JSON files, or the collection service's database (postgres://ROLE@HOST/DB)",
    )
    .option("--waivers <file>", "waivers YAML file")
    .option(
      "--records <file>",
      "record register YAML: the documents (number, date, issuer, file + sha256 or URL) that prove requirements (attt schema records)",
    )
    .option("--as-of <date>", "check on this date (YYYY-MM-DD) instead of the inventory's asOf")
    .option(
      "--format <list>",
      `report formats, comma separated: ${REPORT_FORMATS.join(", ")} ` +
        "(default: console; with --out, console and every file format)",
    )
    .option("--lang <lang>", "language of the console summary and the reports: vi (default) or en", "vi")
    .option(
      "--out <dir>",
      "write the report files here: verdict.json, junit.xml, attt.sarif, report.<lang>.md, report.<lang>.html " +
        "(or those --format names)",
    )
    .option("--verbose", "list every requirement in the console summary")
    .action(
      action(
        async (
          path: string,
          opts: {
            stacks?: string;
            bundles?: string;
            evidence?: string;
            waivers?: string;
            records?: string;
            asOf?: string;
            format?: string;
            lang: string;
            out?: string;
            verbose?: boolean;
          },
        ) => {
          // Without --format: the console summary, and with --out every report file README promises.
          const formats = (
            opts.format !== undefined
              ? opts.format.split(",").map((f) => f.trim())
              : opts.out
                ? [...REPORT_FORMATS]
                : ["console"]
          ) as ReportFormat[];
          for (const f of formats)
            if (!REPORT_FORMATS.includes(f))
              throw new UsageError(`--format: unknown format "${f}"; one of ${REPORT_FORMATS.join(", ")}`);
          if (opts.lang !== "vi" && opts.lang !== "en")
            throw new UsageError(`--lang must be vi or en, not "${opts.lang}"`);
          const lang: Lang = opts.lang;
          if (opts.asOf !== undefined && !IsoDate.safeParse(opts.asOf).success)
            throw new UsageError(`--as-of must be a real calendar date YYYY-MM-DD, not "${opts.asOf}"`);
          const fileFormats = formats.filter((f) => f !== "console");
          if (fileFormats.length && !opts.out)
            throw new UsageError(`--out is needed to write ${fileFormats.join(", ")}`);
          if (opts.out && !fileFormats.length)
            throw new UsageError(
              `--out ${opts.out}: --format ${opts.format} writes no file; drop --format to write every report, or name file formats`,
            );
          const loaded = loadInventory(path);
          const verdict = await checkProvince({
            loaded,
            catalogue: bundledCatalogue(),
            waivers: opts.waivers ? loadWaivers(opts.waivers, waivableIds(bundledCatalogue())) : [],
            asOf: opts.asOf,
            stacksDir: opts.stacks,
            bundlesDir: opts.bundles,
            evidenceDir: opts.evidence,
            recordsFile: opts.records,
          });
          if (formats.includes("console"))
            process.stdout.write(consoleReport(verdict, { lang, verbose: opts.verbose }));
          if (fileFormats.length && opts.out) {
            const names = new Map(loaded.inventory.units.map((u) => [u.id, u.name]));
            writeTreeAtomic(
              opts.out,
              "check",
              renderReports(verdict, bundledCatalogue(), fileFormats, lang, names, loaded.inventory),
            );
            process.stderr.write(`wrote ${fileFormats.join(", ")} to ${opts.out}\n`);
          }
          // CHƯA ĐẠT exits 1; ĐẠT and CHƯA ĐỦ CĂN CỨ exit 0 (the console and every report say which).
          return verdict.conclusion.code === "not-met" ? EXIT_FINDINGS : 0;
        },
      ),
    );
}
