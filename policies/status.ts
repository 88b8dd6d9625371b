/**
 * The statuses a requirement can have, and the conclusion they add up to. A status says
 * only what was measured: "pass" needs measured input (machine evidence, records, the
 * inventory's facts or the synthesized data centre), never the content of generated
 * bundles alone, which is "configured".
 */

export const REQUIREMENT_STATUSES = [
  "pass",
  "fail",
  "waived",
  "recorded",
  "configured",
  "evidence-missing",
  "manual",
  "not-applicable",
] as const;
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];

/** What a requirement's status rests on: the kinds of input that can measure. */
export type MeasuredInput = "inventory" | "evidence" | "records";

/** Inputs the tool generated itself: checking them shows what is configured, never what is in place. */
export const GENERATED_INPUTS = ["bundles", "stacks"] as const;

export interface Basis {
  input: MeasuredInput;
  /** The policy that measured it, or the record (file:line) that proves it. */
  source: string;
  /** A record's date (the document's), for periodic deadlines. */
  date?: string;
  /** A record's number (số, ký hiệu: "88/BC-SGDĐT"), how a reader names the document. */
  number?: string;
}

/** Statuses that meet the plan; the conclusion is ĐẠT only when every adopted requirement has one. */
export const MET: readonly RequirementStatus[] = ["pass", "waived", "recorded"];
/** Statuses that say nothing failed but the proof is not there yet. */
export const UNPROVEN: readonly RequirementStatus[] = ["configured", "evidence-missing", "manual"];

export type ConclusionCode = "met" | "not-met" | "insufficient";

export interface Conclusion {
  /** met: ĐẠT; not-met: CHƯA ĐẠT (a requirement fails); insufficient: CHƯA ĐỦ CĂN CỨ (none fails, some unproven). */
  code: ConclusionCode;
  vi: string;
  en: string;
  /** Adopted requirements (not "not-applicable"), and how many are met, failing or unproven. */
  counts: { adopted: number; met: number; failing: number; unproven: number };
}

const WORDS: Record<ConclusionCode, { vi: string; en: string }> = {
  met: { vi: "ĐẠT", en: "MET" },
  "not-met": { vi: "CHƯA ĐẠT", en: "NOT MET" },
  insufficient: { vi: "CHƯA ĐỦ CĂN CỨ", en: "NOT ENOUGH EVIDENCE" },
};

/** ĐẠT only when every adopted requirement is pass, approved-waived or recorded. */
export function conclude(statuses: RequirementStatus[]): Conclusion {
  const adopted = statuses.filter((s) => s !== "not-applicable");
  const counts = {
    adopted: adopted.length,
    met: adopted.filter((s) => MET.includes(s)).length,
    failing: adopted.filter((s) => s === "fail").length,
    unproven: adopted.filter((s) => UNPROVEN.includes(s)).length,
  };
  const code: ConclusionCode = counts.failing > 0 ? "not-met" : counts.unproven > 0 ? "insufficient" : "met";
  return { code, ...WORDS[code], counts };
}

/**
 * Whether a conclusion fails a CI gate: CHƯA ĐẠT always; CHƯA ĐỦ CĂN CỨ too when the gate
 * asks for every requirement proven (`attt check --fail-on insufficient`).
 */
export function failsGate(code: ConclusionCode, failOn: "not-met" | "insufficient"): boolean {
  return code === "not-met" || (failOn === "insufficient" && code === "insufficient");
}
