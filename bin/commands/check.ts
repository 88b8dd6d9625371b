import { readdirSync } from "node:fs";
import type { Command } from "commander";
import { DEMO_INVENTORY } from "../../model/demo.js";
import { IsoDate } from "../../model/inventory.js";
import { bundledCatalogue } from "../../model/load-catalogue.js";
import { loadInventory } from "../../model/load-inventory.js";
import { loadWaivers } from "../../model/waivers.js";
import { OUTPUT_MARKER, readMarker, writeTreeAtomic } from "../../model/write-tree.js";
import { checkProvince, waivableIds } from "../../policies/check-province.js";
import { consoleReport } from "../../policies/report/console.js";
import {
  REPORT_FORMATS,
  type ReportFormat,
  renderReports,
  reportFileName,
} from "../../policies/report/index.js";
import type { Lang } from "../../policies/report/labels.js";
import { failsGate } from "../../policies/status.js";
import { action, EXIT_FINDINGS, say, UsageError } from "../cli-kit.js";

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description(
      "Check the province against its plans: inventory records, synthesized stacks, generated bundles and machine evidence. " +
        "Exit 1 when the conclusion is CHƯA ĐẠT (NOT MET: a requirement fails), 0 when it is ĐẠT or CHƯA ĐỦ CĂN CỨ " +
        "(NOT ENOUGH EVIDENCE: none fails, some unproven; 1 with --fail-on insufficient), " +
        "2 on bad input or an output directory it may not replace, 3 on an internal error.",
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
    .option(
      "--fail-on <conclusion>",
      "the conclusion that exits 1: not-met (CHƯA ĐẠT, default) or insufficient (CHƯA ĐẠT or CHƯA ĐỦ CĂN CỨ, for a CI gate that wants every requirement proven)",
      "not-met",
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
            failOn: string;
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
              throw new UsageError(
                `--format: unknown format "${f}"; one of ${REPORT_FORMATS.join(", ")}`,
                `--format: không có định dạng "${f}"; chọn trong ${REPORT_FORMATS.join(", ")}`,
              );
          if (opts.lang !== "vi" && opts.lang !== "en")
            throw new UsageError(
              `--lang must be vi or en, not "${opts.lang}"`,
              `--lang phải là vi hoặc en, không phải "${opts.lang}"`,
            );
          const lang: Lang = opts.lang;
          if (opts.asOf !== undefined && !IsoDate.safeParse(opts.asOf).success)
            throw new UsageError(
              `--as-of must be a real calendar date YYYY-MM-DD, not "${opts.asOf}"`,
              `--as-of phải là một ngày có thật, dạng YYYY-MM-DD, không phải "${opts.asOf}"`,
            );
          const fileFormats = formats.filter((f) => f !== "console");
          if (fileFormats.length && !opts.out)
            throw new UsageError(
              `--out is needed to write ${fileFormats.join(", ")}`,
              `cần --out (thư mục) để ghi ${fileFormats.join(", ")}`,
            );
          if (opts.out && !fileFormats.length)
            throw new UsageError(
              `--out ${opts.out}: --format ${opts.format} writes no file; drop --format to write every report, or name file formats`,
              `--out ${opts.out}: --format ${opts.format} không ghi tệp nào; bỏ --format để ghi mọi báo cáo, hoặc nêu các định dạng tệp`,
            );
          if (opts.failOn !== "not-met" && opts.failOn !== "insufficient")
            throw new UsageError(
              `--fail-on must be not-met or insufficient, not "${opts.failOn}"`,
              `--fail-on phải là not-met hoặc insufficient, không phải "${opts.failOn}"`,
            );
          // The output is replaced whole: with a chosen --format, never drop an earlier run's reports unsaid.
          if (opts.out && opts.format !== undefined)
            refuseToDropReports(opts.out, new Set(fileFormats.map((f) => reportFileName(f, lang))));
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
            const tree = renderReports(
              verdict,
              bundledCatalogue(),
              fileFormats,
              lang,
              names,
              loaded.inventory,
            );
            writeTreeAtomic(opts.out, "check", tree);
            process.stderr.write(
              say(
                `đã ghi ${fileFormats.join(", ")} vào ${opts.out}`,
                `wrote ${fileFormats.join(", ")} to ${opts.out}`,
              ),
            );
          }
          // CHƯA ĐẠT exits 1; ĐẠT and CHƯA ĐỦ CĂN CỨ exit 0 (the console and every report say which),
          // CHƯA ĐỦ CĂN CỨ 1 too with --fail-on insufficient.
          return failsGate(verdict.conclusion.code, opts.failOn) ? EXIT_FINDINGS : 0;
        },
      ),
    );
}

/** Refuses to replace `dir` when it holds report files (of an earlier check) that this run would not write again. */
function refuseToDropReports(dir: string, written: Set<string>): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return; // nothing there yet, or writeTreeAtomic says why it cannot be written
  }
  // Another command's output, or someone's own folder: writeTreeAtomic refuses it and says why.
  const marker = entries.includes(OUTPUT_MARKER) ? readMarker(dir) : "none";
  if (typeof marker !== "object" || marker.kind !== "check") return;
  const dropped = entries.filter((e) => e !== OUTPUT_MARKER && !written.has(e)).sort();
  if (dropped.length)
    throw new UsageError(
      `--out ${dir} holds ${dropped.join(", ")} from an earlier check, which writing only this --format would delete; ` +
        "give another directory, or add their formats to --format",
      `--out ${dir} đang có ${dropped.join(", ")} của lần kiểm tra trước; ghi với --format này sẽ xoá chúng: ` +
        "chọn một thư mục khác, hoặc thêm các định dạng đó vào --format",
    );
}
