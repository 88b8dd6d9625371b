/**
 * Evidence: the record a machine's audit script (Test-Baseline.ps1, audit.sh) writes,
 * one JSON file per machine. The policy engine counts the plans' "100% of ..." from these.
 */
import { z } from "zod";
import { Id, MachineRole } from "./inventory.js";

export const EVIDENCE_SCHEMA = "attt.evidence/1";

export const ControlResult = z
  .object({
    control: z
      .string()
      .regex(/^(win|linux|any)\.[a-z0-9.-]+$/, "a control ID such as win.password.min-length"),
    /**
     * needs-reinstallation: every setting the baseline can apply is in place, but the
     * control also needs what only a reinstallation gives (a partition of its own).
     */
    status: z.enum(["pass", "fail", "error", "not-applicable", "needs-reinstallation"]),
    observed: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    expected: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    /** Per-setting detail, for a technician fixing the machine. */
    detail: z.string().max(2000).optional(),
  })
  .strict();
export type ControlResult = z.infer<typeof ControlResult>;

export const Evidence = z
  .object({
    schema: z.literal(EVIDENCE_SCHEMA),
    machine: z.string().min(1).max(255),
    unit: Id,
    role: MachineRole,
    os: z.string().min(1).max(100),
    bundle: z
      .object({ id: z.string().min(3).max(200), sha256: z.string().regex(/^[0-9a-f]{64}$/, "64 hex digits") })
      .strict(),
    collectedAt: z.iso.datetime({ offset: true }),
    results: z.array(ControlResult),
  })
  .strict();
export type Evidence = z.infer<typeof Evidence>;
