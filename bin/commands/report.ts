import type { Command } from "commander";
import { DEMO_INVENTORY } from "../../model/demo.js";
import { bundledCatalogue } from "../../model/load-catalogue.js";
import { loadInventory } from "../../model/load-inventory.js";
import { loadNarrative } from "../../model/report-narrative.js";
import { loadWaivers } from "../../model/waivers.js";
import { writeTreeAtomic } from "../../model/write-tree.js";
import { checkProvince } from "../../policies/check-province.js";
import { departmentReport } from "../../policies/report/department.js";
import { PERIOD_EXPECTED, parsePeriod, within } from "../../policies/report/period.js";
import { loadVerdict } from "../../policies/report/verdict-view.js";
import { viDate } from "../../policies/report/vi-format.js";
import { action, UsageError } from "../cli-kit.js";

export function registerReport(program: Command): void {
  program
    .command("report")
    .description(
      "The Department's periodic report (Decree 30/2020/NĐ-CP): bao-cao.docx, its appendix phu-luc.xlsx and bao-cao.md, " +
        "from a verdict (--verdict verdict.json, or a check run here) and the officer's narrative (--narrative FILE).",
    )
    .argument("[inventory]", "inventory directory or file (names, unit types, communes)", DEMO_INVENTORY)
    .requiredOption(
      "--narrative <file>",
      "the officer's text (attt schema report-narrative; examples/report-narrative.yaml)",
    )
    .requiredOption("--period <period>", "reporting period: 2026-H1, 2026-H2, 2026-Q1, 2026 or 2026-06")
    .requiredOption("--out <dir>", "write bao-cao.docx, phu-luc.xlsx and bao-cao.md here")
    .option("--verdict <file>", "verdict.json written by attt check --out (otherwise the check runs here)")
    .option(
      "--previous <file>",
      "last period's verdict.json: every figure then shows last period, this period and the change",
    )
    .option("--stacks <dir>", "without --verdict: synthesized data-centre output (attt synth --out DIR)")
    .option("--bundles <dir>", "without --verdict: generated bundles (attt baseline generate --out DIR)")
    .option(
      "--evidence <dir>",
      "without --verdict: machine evidence (only records collected in the period count)",
    )
    .option("--waivers <file>", "without --verdict: waivers YAML file")
    .option(
      "--records <file>",
      "without --verdict: the record register (attt schema records): its documents meet the period's due dates",
    )
    .action(
      action(
        async (
          path: string,
          o: {
            narrative: string;
            period: string;
            out: string;
            verdict?: string;
            previous?: string;
            stacks?: string;
            bundles?: string;
            evidence?: string;
            waivers?: string;
            records?: string;
          },
        ) => {
          const period = parsePeriod(o.period);
          if (!period)
            throw new UsageError(
              `--period "${o.period}": expected ${PERIOD_EXPECTED}`,
              `--period "${o.period}": cần một kỳ báo cáo như 2026-H1, 2026-H2 (6 tháng), 2026-Q1 (quý), 2026 (cả năm) hoặc 2026-06 (tháng)`,
            );
          if (o.verdict && (o.stacks || o.bundles || o.evidence || o.waivers || o.records))
            throw new UsageError(
              "--verdict is a finished check: --stacks, --bundles, --evidence, --waivers and --records go to attt check, or to attt report without --verdict",
              "--verdict là kết quả kiểm tra đã xong: --stacks, --bundles, --evidence, --waivers và --records dùng cho attt check, hoặc cho attt report khi không có --verdict",
            );
          const loaded = loadInventory(path);
          loadNarrative(o.narrative); // its own errors first, before a check runs
          const catalogue = bundledCatalogue();
          const span = `${period.id} (${viDate(period.start)} - ${viDate(period.end)})`;
          let verdict: Awaited<ReturnType<typeof checkProvince>>;
          if (o.verdict) {
            verdict = loadVerdict(o.verdict);
            if (!within(verdict.asOf, period))
              throw new UsageError(
                `--verdict ${o.verdict} is as of ${viDate(verdict.asOf)}, outside the period ${span}; check again with --as-of in the period, or choose the period it belongs to`,
                `--verdict ${o.verdict}: số liệu ngày ${viDate(verdict.asOf)} nằm ngoài kỳ ${span}; kiểm tra lại với --as-of trong kỳ, hoặc chọn đúng kỳ của số liệu`,
              );
          } else {
            // The check runs as of the period's end (or the inventory's date, when earlier).
            const asOf =
              loaded.inventory.province.asOf < period.end ? loaded.inventory.province.asOf : period.end;
            if (asOf < period.start)
              throw new UsageError(
                `the inventory is as of ${viDate(loaded.inventory.province.asOf)}, before the period ${span} begins`,
                `bản kiểm kê có số liệu ngày ${viDate(loaded.inventory.province.asOf)}, trước khi kỳ ${span} bắt đầu`,
              );
            verdict = await checkProvince({
              loaded,
              catalogue,
              waivers: o.waivers ? loadWaivers(o.waivers) : [],
              asOf,
              stacksDir: o.stacks,
              bundlesDir: o.bundles,
              evidenceDir: o.evidence,
              // The period sets the evidence's reporting period: audits from its first day to asOf count.
              periodStart: period.start,
              recordsFile: o.records,
            });
          }
          if (verdict.province !== loaded.inventory.province.id)
            throw new UsageError(
              `--verdict ${o.verdict} is for province "${verdict.province}", the inventory for "${loaded.inventory.province.id}"`,
              `--verdict ${o.verdict} là của tỉnh "${verdict.province}", còn bản kiểm kê là của "${loaded.inventory.province.id}"`,
            );
          // Dated on or after its figures and its period's first day (file:line of `date` otherwise).
          const narrative = loadNarrative(o.narrative, { asOf: verdict.asOf, period });
          const previous = o.previous ? loadVerdict(o.previous) : undefined;
          if (previous && previous.province !== verdict.province)
            throw new UsageError(
              `--previous ${o.previous} is for province "${previous.province}", not "${verdict.province}"`,
              `--previous ${o.previous} là của tỉnh "${previous.province}", không phải "${verdict.province}"`,
            );
          // Last period's figures: dated before this period begins (a verdict of this period is not "kỳ trước").
          if (previous && previous.asOf >= period.start)
            throw new UsageError(
              `--previous ${o.previous} is as of ${viDate(previous.asOf)}, not before this period begins (${viDate(period.start)})`,
              `--previous ${o.previous}: số liệu ngày ${viDate(previous.asOf)} thuộc kỳ này (${span}), không phải kỳ trước`,
            );
          const tree = await departmentReport({
            verdict,
            previous,
            inventory: loaded.inventory,
            catalogue,
            period,
            narrative,
          });
          writeTreeAtomic(o.out, "report", tree);
          process.stderr.write(`wrote ${[...tree.keys()].join(", ")} to ${o.out}\n`);
          return 0;
        },
      ),
    );
}
