import type { Command } from "commander";
import { PlanDocument, RequirementStatus } from "../../model/catalogue.js";
import { bundledCatalogue } from "../../model/load-catalogue.js";
import { coverage } from "../../policies/coverage.js";
import { targetText } from "../../policies/report/target-terms.js";
import { clip, oneLine, viDeadline } from "../../policies/report/vi-format.js";
import { action, printJson, UsageError } from "../cli-kit.js";

const LANG_OPTION = ["--lang <lang>", "language of the listing: vi (default) or en", "vi"] as const;

function langOf(value: string): "vi" | "en" {
  if (value !== "vi" && value !== "en")
    throw new UsageError(
      `--lang must be vi or en, not "${value}"`,
      `--lang phải là vi hoặc en, không phải "${value}"`,
    );
  return value;
}

/** The catalogue's statuses as a Vietnamese reader knows them. */
const STATUS_VI: Record<RequirementStatus, string> = {
  automated: "tự động",
  evidence: "cần hồ sơ",
  manual: "thủ công",
  "not-applicable": "không áp dụng",
};

/** `attt plan show`'s labels, padded to one width per language. The catalogue's own fields stay as written (some in English). */
const SHOW_LABELS = {
  vi: {
    target: "Chỉ tiêu:          ",
    none: "không nêu",
    deadline: "Thời hạn:          ",
    lead: "Chủ trì:           ",
    with: "phối hợp:",
    reason: "Lý do (tiếng Anh): ",
    controls: "Kiểm soát:         ",
    policies: "Chính sách:        ",
    datacentre: "Trung tâm dữ liệu: ",
    headline: "Số liệu chính:     ",
  },
  en: {
    target: "Target:      ",
    none: "none stated",
    deadline: "Deadline:    ",
    lead: "Lead:        ",
    with: "with",
    reason: "Reason:      ",
    controls: "Controls:    ",
    policies: "Policies:    ",
    datacentre: "Data centre: ",
    headline: "Headline:    ",
  },
} as const;

export function registerPlan(program: Command): void {
  const plan = program
    .command("plan")
    .description("Read the plan catalogue: every requirement of the provinces' plans.");

  plan
    .command("list")
    .description("List requirements (ID, status, English summary).")
    .option(
      "--document <id>",
      `only one plan document (${PlanDocument.shape.document.shape.id.options.join(", ")}; any case)`,
    )
    .option("--status <status>", `only ${RequirementStatus.options.join(", ")}`)
    .option("--json", "machine-readable output")
    .option(...LANG_OPTION)
    .action(
      action((opts: { document?: string; status?: string; json?: boolean; lang: string }) => {
        const lang = langOf(opts.lang);
        const cat = bundledCatalogue();
        const documents = cat.documents.map((d) => d.document.id as string);
        const document = opts.document?.trim().toUpperCase();
        if (document !== undefined && !documents.includes(document))
          throw new UsageError(
            `--document: unknown plan "${opts.document}"; one of ${documents.join(", ")}`,
            `--document: không có kế hoạch "${opts.document}"; chọn trong ${documents.join(", ")}`,
          );
        const statuses: readonly string[] = RequirementStatus.options;
        const status = opts.status?.trim().toLowerCase();
        if (status !== undefined && !statuses.includes(status))
          throw new UsageError(
            `--status: unknown status "${opts.status}"; one of ${statuses.join(", ")}`,
            `--status: không có trạng thái "${opts.status}"; chọn trong ${statuses.join(", ")}`,
          );
        const reqs = [...cat.requirements.values()].filter(
          (r) => (!document || r.document.id === document) && (!status || r.status === status),
        );
        if (opts.json) printJson(reqs.map(({ document, ...r }) => ({ ...r, document: document.id })));
        else
          for (const r of reqs)
            process.stdout.write(
              lang === "vi"
                ? `${r.id.padEnd(12)} ${STATUS_VI[r.status].padEnd(16)} ${clip(oneLine(r.text_vi).replace(/^- /, ""), 110)}\n`
                : `${r.id.padEnd(12)} ${r.status.padEnd(14)} ${r.summary_en}\n`,
            );
        return 0;
      }),
    );

  plan
    .command("show")
    .description(
      "Show one requirement in full, with the controls, policies and data-centre parts that implement it.",
    )
    .argument("<id>", "requirement ID, e.g. HY-EDU-T3")
    .option("--json", "machine-readable output")
    .option(...LANG_OPTION)
    .action(
      action((id: string, opts: { json?: boolean; lang: string }) => {
        const lang = langOf(opts.lang);
        const cat = bundledCatalogue();
        const req = cat.requirements.get(id.toUpperCase());
        if (!req)
          throw new UsageError(
            `unknown requirement "${id}"; run attt plan list`,
            `không có yêu cầu "${id}"; xem danh sách bằng attt plan list`,
          );
        const links = coverage(cat).find((r) => r.id === req.id);
        const out = {
          ...req,
          document: req.document,
          controls: links?.controls ?? [],
          policies: links?.policies ?? [],
          datacentre: links?.datacentre ?? [],
        };
        if (opts.json) {
          printJson(out);
          return 0;
        }
        const t = req.target;
        const w = SHOW_LABELS[lang];
        const lines = [
          `${req.id}  [${lang === "vi" ? STATUS_VI[req.status] : req.status}]  ${req.document.title_vi} (${req.document.id}), ${req.clause}`,
          "",
          req.text_vi.trim(),
          "",
          req.summary_en,
          "",
          `${w.target}${t ? (lang === "vi" ? `${targetText(t, "vi")} (${t.metric}; ${t.population})` : `${t.metric}: ${t.comparator} ${t.value} ${t.unit} of ${t.population}`) : w.none}`,
          `${w.deadline}${lang === "vi" ? (req.deadline_vi ?? viDeadline(req.deadline)) : `${req.deadline}${req.deadline_vi ? ` (${req.deadline_vi})` : ""}`}`,
          `${w.lead}${req.lead}${req.co_lead.length ? `; ${w.with} ${req.co_lead.join(", ")}` : ""}`,
          ...(req.reason ? [`${w.reason}${lang === "vi" ? (req.reason_vi ?? req.reason) : req.reason}`] : []),
          `${w.controls}${out.controls.join(", ") || "-"}`,
          `${w.policies}${out.policies.join(", ") || "-"}`,
          `${w.datacentre}${out.datacentre.join(", ") || "-"}`,
          ...(t?.measuredBy ? [`${w.headline}${t.measuredBy}`] : []),
        ];
        process.stdout.write(`${lines.join("\n")}\n`);
        return 0;
      }),
    );

  plan
    .command("coverage")
    .description(
      "Every requirement with its status and what implements it; totals per status. " +
        "Exit 0 when every automated requirement is implemented by a control or policy, " +
        "1 when one is not (listed as 'automated but not yet implemented').",
    )
    .option("--json", "machine-readable output")
    .action(
      action((opts: { json?: boolean }) => {
        const rows = coverage(bundledCatalogue());
        const totals: Record<string, number> = {};
        for (const r of rows) totals[r.status] = (totals[r.status] ?? 0) + 1;
        const unlinked = rows.filter(
          (r) => r.status === "automated" && r.controls.length + r.policies.length === 0,
        );
        if (opts.json) {
          printJson({
            requirements: rows,
            totals,
            automatedWithoutImplementation: unlinked.map((r) => r.id),
          });
        } else {
          for (const r of rows) {
            const impl = [...r.policies, ...r.controls, ...r.datacentre];
            const shown =
              impl.length > 3 ? `${impl.slice(0, 3).join(", ")} (+${impl.length - 3})` : impl.join(", ");
            process.stdout.write(`${r.id.padEnd(12)} ${r.status.padEnd(14)} ${shown || "-"}\n`);
          }
          process.stdout.write(
            `\n${rows.length} requirements: ${Object.entries(totals)
              .map(([k, v]) => `${v} ${k}`)
              .join(", ")}\n`,
          );
          if (unlinked.length)
            process.stdout.write(
              `automated but not yet implemented: ${unlinked.map((r) => r.id).join(", ")}\n`,
            );
        }
        return unlinked.length > 0 ? 1 : 0;
      }),
    );
}
