/**
 * Every input format the toolkit reads, by name, for `attt schema` (JSON Schema for
 * editors, vendors and other tools). New formats register here.
 */
import { z } from "zod";
import { vendorInputSchemas } from "../templates/vendor/index.js";
import { PlanDocument } from "./catalogue.js";
import { Evidence } from "./evidence.js";
import { InventoryFile } from "./inventory.js";
import { RecordFile } from "./records.js";
import { Narrative } from "./report-narrative.js";
import { WaiverFile } from "./waivers.js";

export const inputSchemas: Record<string, { title: string; schema: z.ZodType }> = {
  inventory: { title: "attt-kit inventory file (any file of an inventory directory)", schema: InventoryFile },
  "plan-document": {
    title: "attt-kit plan catalogue document (policies/plans/*.yaml)",
    schema: PlanDocument,
  },
  evidence: {
    title: "attt-kit machine evidence record (written by Test-Baseline.ps1 and audit.sh)",
    schema: Evidence,
  },
  waivers: { title: "attt-kit waivers file", schema: WaiverFile },
  records: {
    title: "attt-kit record register (the documents that prove a requirement: attt check --records FILE)",
    schema: RecordFile,
  },
  "report-narrative": {
    title: "attt-kit report narrative (the officer's text for attt report --narrative)",
    schema: Narrative,
  },
  ...vendorInputSchemas,
};

export function jsonSchemaOf(name: string): Record<string, unknown> {
  const entry = inputSchemas[name];
  if (!entry) throw new Error(`unknown schema ${name}`);
  const schema = z.toJSONSchema(entry.schema, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return { ...schema, $id: `https://attt-kit.local/schema/${name}.json`, title: entry.title };
}
