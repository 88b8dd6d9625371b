/**
 * Waivers: a reviewed, time-limited exception to a policy or requirement. Every
 * waiver shows in every report; an expired one is a failure, not a silent pass.
 */
import { z } from "zod";
import { IsoDate } from "./inventory.js";
import { InputError, type Problem } from "./problems.js";
import { locate, readYaml, validate } from "./yaml-source.js";

/** Reasons that say nothing: a waiver must explain itself to the next reviewer. */
const EMPTY_REASONS = /^(n\/?a|none|tbd|todo|test|temp|temporary|ok|fixme|later|chưa|không|xxx+|-+|\.+)$/i;

export const Waiver = z
  .object({
    /** A policy ID (inv.accounts.leavers-disabled) or a requirement ID (HY-EDU-S12). */
    id: z
      .string()
      .regex(
        /^((dc|bundle|inv|evidence)\.[a-z0-9.-]+|(HY-EDU|QN-BCD|QN-EDU|HP-EDU|HY-PROV)-[A-Z]?\d{1,2})$/,
        "a policy ID or a requirement ID",
      ),
    /**
     * What it covers: a finding subject ("system smas", "bundle hy-x/windows-lab"), a unit
     * ("unit hy-thpt-my-hao": every finding of that unit), or "*" for the whole requirement.
     */
    scope: z.string().min(1).max(300),
    reason: z
      .string()
      .min(20, "a reason of at least 20 characters")
      .refine((r) => !EMPTY_REASONS.test(r.trim()), "a reason that explains the exception"),
    approver: z.string().min(3).max(200),
    /** Only an approved waiver waives; a requested one is listed and waives nothing. */
    status: z.enum(["approved", "requested"]),
    /** The date of the approval (the decision's date); required once approved. */
    approvedOn: IsoDate.optional(),
    /** The approval document (số văn bản), so a reviewer can find it. */
    decision: z.string().min(3).max(200).optional(),
    expires: IsoDate,
  })
  .strict()
  .superRefine((w, ctx) => {
    if (w.status === "approved" && !w.approvedOn)
      ctx.addIssue({
        code: "custom",
        path: ["approvedOn"],
        message: "the date of the approval (YYYY-MM-DD)",
      });
    if (w.approvedOn && w.approvedOn > w.expires)
      ctx.addIssue({
        code: "custom",
        path: ["approvedOn"],
        message: `an approval date on or before expires (${w.expires})`,
      });
  });
export type Waiver = z.infer<typeof Waiver>;

export const WaiverFile = z.object({ waivers: z.array(Waiver) }).strict();

export interface LoadedWaiver extends Waiver {
  location: string;
}

/**
 * Loads a waivers file. With `known` (the catalogue's requirement IDs and the policies'
 * IDs), a waiver of an ID that names nothing is an error too: it would waive nothing, silently.
 */
export function loadWaivers(file: string, known?: ReadonlySet<string>): LoadedWaiver[] {
  const problems: Problem[] = [];
  const src = readYaml(file, problems);
  const parsed = src ? validate(src, WaiverFile, problems) : null;
  if (!src || !parsed) throw new InputError(problems);
  if (known)
    parsed.waivers.forEach((w, i) => {
      if (known.has(w.id)) return;
      problems.push({
        file,
        ...locate(src, ["waivers", i, "id"]),
        path: `waivers[${i}].id`,
        expected: "a requirement of the plan catalogue or a policy ID (attt plan coverage lists both)",
        found: `"${w.id}"`,
      });
    });
  if (problems.length > 0) throw new InputError(problems);
  return parsed.waivers.map((w, i) => {
    return { ...w, location: `${file}:${locate(src, ["waivers", i]).line}` };
  });
}
