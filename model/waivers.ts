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
    /** The finding subject it covers ("system smas", "unit hy-thpt-my-hao") or "*" for all. */
    scope: z.string().min(1).max(300),
    reason: z
      .string()
      .min(20, "a reason of at least 20 characters")
      .refine((r) => !EMPTY_REASONS.test(r.trim()), "a reason that explains the exception"),
    approver: z.string().min(3).max(200),
    expires: IsoDate,
  })
  .strict();
export type Waiver = z.infer<typeof Waiver>;

export const WaiverFile = z.object({ waivers: z.array(Waiver) }).strict();

export interface LoadedWaiver extends Waiver {
  location: string;
}

export function loadWaivers(file: string): LoadedWaiver[] {
  const problems: Problem[] = [];
  const src = readYaml(file, problems);
  const parsed = src ? validate(src, WaiverFile, problems) : null;
  if (!src || !parsed) throw new InputError(problems);
  return parsed.waivers.map((w, i) => {
    return { ...w, location: `${file}:${locate(src, ["waivers", i]).line}` };
  });
}
