/**
 * A policy: one small, pure check, tied to plan requirement IDs, reading one kind
 * of input. Policies never print or write: they return findings.
 */
import type { Severity } from "../baselines/control.js";

export type PolicyInput = "stacks" | "bundles" | "inventory" | "evidence";

export interface Finding {
  policy: string;
  /** The plan requirements it breaks (those of the province's plans only). */
  requirements: string[];
  severity: Severity;
  /** What the finding is about: a resource, unit, system, person or machine. */
  subject: string;
  /** What is wrong and how to fix it, in English (JSON and SARIF consumers read these). */
  message: string;
  fix: string;
  /** The same message and fix in Vietnamese, for the Vietnamese reports and console. */
  vi: { message: string; fix: string; technicalException?: string };
  /** A reasoned exception declared in the input itself (a construct's): reported, not failed; `vi` has its Vietnamese. */
  technicalException?: string;
  /** Where in the input, when known (file:line). */
  location?: string;
  /** The unit it belongs to, for the per-unit report. */
  unit?: string;
}

/** A phrase in both languages: a part a finding's message is assembled from. */
export interface Phrase {
  en: string;
  vi: string;
}

/** A measured value for a requirement with a target (e.g. 97.5 % of machines pass). */
export interface Measure {
  requirement: string;
  value: number;
  /** How many were counted, for "x of y" displays. */
  numerator?: number;
  denominator?: number;
  /**
   * How much of the population had data: `withData` of `population` (what `of` names, and
   * `vi` in Vietnamese for the Department's report). What had none is a finding of its own,
   * never silently left out of the figure.
   */
  coverage?: { population: number; withData: number; of?: string; vi?: string };
  /** One row per unit (or role) behind the value, for the per-unit report. */
  breakdown?: Array<{
    key: string;
    value: number;
    numerator: number;
    denominator: number;
    /** How many of the row's `denominator` had data (the row's share of `coverage`). */
    withData?: number;
  }>;
}

/**
 * What a policy reports: a finding without the fields the engine fills in. Without
 * `requirements`, it breaks every requirement the policy names.
 */
export type Issue = Omit<Finding, "policy" | "severity" | "requirements"> & {
  severity?: Severity;
  requirements?: string[];
  /** A reasoned exception declared in the input itself (e.g. a construct's): reported, not failed. */
  exception?: Phrase;
};

export interface PolicyResult {
  findings: Issue[];
  measures?: Measure[];
}

export interface Policy<I = unknown> {
  id: string;
  title: { vi: string; en: string };
  requirements: string[];
  severity: Severity;
  input: PolicyInput;
  /**
   * A precondition of the requirement, not a measure of it (e.g. every unit says whether it
   * has classified machines): its findings fail the requirement, but its running clean is
   * never the basis of a pass.
   */
  precondition?: boolean;
  /**
   * What its clean run shows is a promise on paper (a contract's commitment), not a fact
   * measured in the province: its findings fail the requirement, but its clean run is
   * "configured", never the basis of a pass (as for the tool's own generated output).
   */
  promise?: boolean;
  check: (input: I) => PolicyResult;
}

const POLICY_ID = /^(dc|bundle|inv|evidence)\.[a-z0-9-]+(\.[a-z0-9-]+)*$/;

export function definePolicy<I>(policy: Policy<I>): Policy<I> {
  if (!POLICY_ID.test(policy.id)) throw new Error(`policy id "${policy.id}" must look like inv.area.name`);
  if (policy.requirements.length === 0) throw new Error(`policy ${policy.id} names no plan requirement`);
  return Object.freeze(policy);
}
