/**
 * What each kind of policy reads. Inputs are loaded once by the engine's caller;
 * policies are pure functions of them.
 */
import type { BundleSpec } from "../baselines/bundle-spec.js";
import type { Target } from "../model/catalogue.js";
import type { AuditSummary } from "../model/evidence.js";
import type { Inventory } from "../model/inventory.js";
import type { Origins } from "../model/origins.js";
import type { ReportingPeriod } from "./evidence/reporting-period.js";

export interface Context {
  inventory: Inventory;
  /** The plans' own numbers, by requirement ID ("security share >= 15 %"). */
  targets: Map<string, Target>;
  /** The date checks are made on (the inventory's asOf unless overridden). */
  asOf: string;
  /** file:line of an inventory entity, for findings that point back at the input. */
  where: (entity: object, field?: PropertyKey[]) => string;
}

export type InventoryInput = Context;

export interface EvidenceInput extends Context {
  records: Array<{ file: string; evidence: AuditSummary }>;
  /**
   * The reporting period an audit must fall in to count: the report's period when one was
   * given (attt report --period), else the province's evidencePeriodDays up to asOf.
   */
  period?: ReportingPeriod;
  /** The province's bundles, when the caller already resolved them (a check does once, not per policy). */
  specs?: BundleSpec[];
}

/** The synthesized data centre: every stack's cdk.tf.json, by stack name, plus the generated config files. */
export interface StacksInput extends Context {
  stacks: Map<string, SynthStack>;
  configFiles: Map<string, string>;
}

export interface SynthStack {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  [key: string]: unknown;
}

/** The generated bundles: every file, by path relative to the bundles directory. */
export interface BundlesInput extends Context {
  files: Map<string, Uint8Array>;
}

export function whereFrom(origins: Origins): Context["where"] {
  return (entity, field = []) => {
    const w = origins.where(entity, field);
    return w.line > 0 ? `${w.file}:${w.line}` : w.file;
  };
}
