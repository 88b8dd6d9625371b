import type { Command } from "commander";
import { PlanDocument, RequirementStatus } from "../../model/catalogue.js";
import { bundledCatalogue } from "../../model/load-catalogue.js";
import { coverage } from "../../policies/coverage.js";
import { action, printJson, UsageError } from "../cli-kit.js";

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
    .action(
      action((opts: { document?: string; status?: string; json?: boolean }) => {
        const cat = bundledCatalogue();
        const documents = cat.documents.map((d) => d.document.id as string);
        const document = opts.document?.trim().toUpperCase();
        if (document !== undefined && !documents.includes(document))
          throw new UsageError(`--document: unknown plan "${opts.document}"; one of ${documents.join(", ")}`);
        const statuses: readonly string[] = RequirementStatus.options;
        const status = opts.status?.trim().toLowerCase();
        if (status !== undefined && !statuses.includes(status))
          throw new UsageError(`--status: unknown status "${opts.status}"; one of ${statuses.join(", ")}`);
        const reqs = [...cat.requirements.values()].filter(
          (r) => (!document || r.document.id === document) && (!status || r.status === status),
        );
        if (opts.json) printJson(reqs.map(({ document, ...r }) => ({ ...r, document: document.id })));
        else
          for (const r of reqs)
            process.stdout.write(`${r.id.padEnd(12)} ${r.status.padEnd(14)} ${r.summary_en}\n`);
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
    .action(
      action((id: string, opts: { json?: boolean }) => {
        const cat = bundledCatalogue();
        const req = cat.requirements.get(id.toUpperCase());
        if (!req) throw new UsageError(`unknown requirement "${id}"; run attt plan list`);
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
        const lines = [
          `${req.id}  [${req.status}]  ${req.document.title_vi} (${req.document.id}), ${req.clause}`,
          "",
          req.text_vi.trim(),
          "",
          req.summary_en,
          "",
          `Target:    ${t ? `${t.metric}: ${t.comparator} ${t.value} ${t.unit} of ${t.population}` : "none stated"}`,
          `Deadline:  ${req.deadline}${req.deadline_vi ? ` (${req.deadline_vi})` : ""}`,
          `Lead:      ${req.lead}${req.co_lead.length ? `; with ${req.co_lead.join(", ")}` : ""}`,
          ...(req.reason ? [`Reason:    ${req.reason}`] : []),
          `Controls:  ${out.controls.join(", ") || "-"}`,
          `Policies:  ${out.policies.join(", ") || "-"}`,
          `Data centre: ${out.datacentre.join(", ") || "-"}`,
          ...(t?.measuredBy ? [`Headline:  ${t.measuredBy}`] : []),
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
