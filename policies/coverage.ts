/**
 * The catalogue seen through what implements it: for every requirement, the controls,
 * policies and data-centre parts (stacks/requirements.ts) that declare it. Links are
 * derived, never stored twice.
 */
import { controls } from "../baselines/controls/index.js";
import type { Catalogue } from "../model/load-catalogue.js";
import { REQUIREMENTS as DATACENTRE } from "../stacks/requirements.js";
import { policies } from "./rules/index.js";

export interface CoverageRow {
  id: string;
  document: string;
  status: string;
  summary: string;
  controls: string[];
  policies: string[];
  /** The data-centre parts (stacks/requirements.ts: zoning, service, backup, monitoring) that serve it. */
  datacentre: string[];
}

export function coverage(catalogue: Catalogue): CoverageRow[] {
  const rows = new Map<string, CoverageRow>();
  for (const [id, req] of catalogue.requirements) {
    rows.set(id, {
      id,
      document: req.document.id,
      status: req.status,
      summary: req.summary_en,
      controls: [],
      policies: [],
      datacentre: [],
    });
  }
  for (const c of controls) for (const r of c.requirements) rows.get(r)?.controls.push(c.id);
  for (const p of policies) for (const r of p.requirements) rows.get(r)?.policies.push(p.id);
  for (const [part, reqs] of Object.entries(DATACENTRE))
    for (const r of reqs) rows.get(r)?.datacentre.push(`datacentre.${part}`);
  return [...rows.values()];
}

/** Links that point at requirements the catalogue does not have. */
export function danglingLinks(catalogue: Catalogue): string[] {
  const out: string[] = [];
  for (const c of controls)
    for (const r of c.requirements) if (!catalogue.requirements.has(r)) out.push(`control ${c.id} -> ${r}`);
  for (const p of policies)
    for (const r of p.requirements) if (!catalogue.requirements.has(r)) out.push(`policy ${p.id} -> ${r}`);
  for (const [part, reqs] of Object.entries(DATACENTRE))
    for (const r of reqs) if (!catalogue.requirements.has(r)) out.push(`datacentre ${part} -> ${r}`);
  return out;
}
