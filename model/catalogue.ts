/**
 * The plan catalogue: the provinces' plans as requirements with stable IDs
 * (see PLAN-DIGEST.md). One YAML file per plan document under policies/plans/.
 *
 * Links to the controls and policies that implement a requirement are not
 * stored here: each control and policy names the requirements it serves, and
 * the catalogue's links are derived from those declarations, so the two can
 * never disagree.
 */
import { z } from "zod";

export const RequirementStatus = z.enum(["automated", "evidence", "manual", "not-applicable"]);
export type RequirementStatus = z.infer<typeof RequirementStatus>;

export const RequirementId = z
  .string()
  .regex(
    /^(HY-EDU|QN-BCD|QN-EDU|HP-EDU|HY-PROV)-[A-Z]?\d{1,2}$/,
    "a requirement ID such as HY-EDU-T1 or HY-PROV-08",
  );

/** A measurable target, e.g. "100% of official computers have licensed anti-malware". */
export const Target = z
  .object({
    metric: z.string().min(3).describe("What is measured, in English"),
    population: z.string().min(3).describe("Over what: the set of things counted"),
    comparator: z.enum([">=", "<=", "="]).default(">="),
    value: z.number(),
    unit: z.enum(["percent", "count", "per-year", "months", "hours"]),
    measuredBy: z
      .string()
      .regex(/^(dc|bundle|inv|evidence)\.[a-z0-9.-]+$/, "a policy ID such as inv.accounts.leavers-disabled")
      .optional()
      .describe(
        "The policy whose measure is the requirement's headline figure (it counts `metric` over `population`); " +
          "other policies' figures are breakdowns and never replace it",
      ),
  })
  .strict();
export type Target = z.infer<typeof Target>;

export const Requirement = z
  .object({
    id: RequirementId,
    clause: z.string().min(1).describe("Where in the source document, e.g. 'II.1' or 'Phụ lục, dòng 3'"),
    text_vi: z.string().min(10).describe("The original Vietnamese wording, copied from the seed"),
    summary_en: z.string().min(10),
    target: Target.nullable().default(null),
    deadline: z
      .string()
      .regex(
        /^(\d{4}-\d{2}-\d{2}|\d{4}-(Q[1-4]|\d{2})|before \d{4}-\d{2}(-\d{2})?|\d{4}|\d{4}\/\d{4}|ongoing|yearly|six-monthly|monthly|none)$/,
        "YYYY-MM-DD, YYYY-MM, before YYYY-MM, before YYYY-MM-DD, YYYY-Qn, YYYY, YYYY/YYYY, ongoing, yearly, six-monthly, monthly or none",
      ),
    due_before: z
      .array(z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "MM-DD"))
      .optional()
      .describe(
        "For periodic deadlines, the yearly days the plan says a period's work is due before (MM-DD)",
      ),
    deadline_vi: z.string().optional().describe("The deadline as the plan words it"),
    lead: z.string().min(2),
    co_lead: z.array(z.string().min(2)).default([]),
    status: RequirementStatus,
    reason: z
      .string()
      .min(10)
      .optional()
      .describe("Why not-applicable or manual; what evidence a person supplies"),
    reason_vi: z
      .string()
      .min(10)
      .optional()
      .describe("The reason in Vietnamese, for the Department's officers (shown first in Vietnamese output)"),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.status !== "automated" && !r.reason) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: `status '${r.status}' needs a reason` });
    }
    // Officers read the verdict in Vietnamese: a reason they cannot read tells them nothing.
    if (r.reason && !r.reason_vi) {
      ctx.addIssue({
        code: "custom",
        path: ["reason_vi"],
        message: "a reason needs its Vietnamese wording (reason_vi)",
      });
    }
    if (r.reason_vi && !r.reason) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "reason_vi needs the English reason too" });
    }
  });
export type Requirement = z.infer<typeof Requirement>;

export const PlanDocument = z
  .object({
    document: z
      .object({
        id: z.enum(["HY-EDU", "QN-BCD", "QN-EDU", "HP-EDU", "HY-PROV"]),
        title_vi: z.string().min(5),
        title_en: z.string().min(5),
        issuer: z.string().min(2),
        number: z.string().optional(),
        date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
        seed: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/),
        province: z.enum(["hung-yen", "quang-ngai", "hai-phong"]),
      })
      .strict(),
    requirements: z.array(Requirement).min(1),
  })
  .strict();
export type PlanDocument = z.infer<typeof PlanDocument>;
