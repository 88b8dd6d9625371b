/**
 * Evidence: the record a machine's audit script (Test-Baseline.ps1, audit.sh) writes,
 * one JSON file per audit. The policy engine counts the plans' "100% of ..." from these.
 *
 * A record says which machine it is three ways, because names alone are not enough: the
 * full DNS host name (`machine`), Windows' NetBIOS name (`netbios`, the first 15
 * characters, upper case) and a stable machine ID (`machineId`: Windows' MachineGuid,
 * Linux's /etc/machine-id) that tells two audits of one machine from two machines that
 * share a name.
 */
import { z } from "zod";
import { Id, MachineRole } from "./inventory.js";

export const EVIDENCE_SCHEMA = "attt.evidence/2";

const Value = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);

export const ControlResult = z
  .object({
    control: z
      .string()
      .regex(/^(win|linux|any)\.[a-z0-9.-]+$/, "a control ID such as win.password.min-length"),
    /**
     * needs-reinstallation: every setting the baseline can apply is in place, but the
     * control also needs what only a reinstallation gives (a partition of its own).
     * configured: written, but not yet seen where it takes effect (a user policy while no
     * user profile is loaded); counts as not passing.
     */
    status: z.enum(["pass", "fail", "error", "not-applicable", "needs-reinstallation", "configured"]),
    observed: Value.optional(),
    expected: Value.optional(),
    /** Per-setting detail, for a technician fixing the machine. */
    detail: z.string().max(2000).optional(),
  })
  .strict();
export type ControlResult = z.infer<typeof ControlResult>;

/** A DNS host name: labels of letters, digits and '-', dot-separated (at most 253). */
const DnsName = z
  .string()
  .max(253)
  .regex(
    /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/,
    "the machine's DNS host name (letters, digits, '-' and '.')",
  );

export const Evidence = z
  .object({
    schema: z.literal(EVIDENCE_SCHEMA, { error: `"${EVIDENCE_SCHEMA}" (audit again with a current bundle)` }),
    /** The full DNS host name (Windows: DNSHostName, not %COMPUTERNAME%; Linux: the hostname). */
    machine: DnsName,
    /** Windows' NetBIOS name (%COMPUTERNAME%): at most 15 characters. */
    netbios: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,15}$/, "a NetBIOS name: at most 15 letters, digits or '-'")
      .optional(),
    /** Windows MachineGuid or Linux /etc/machine-id: 32 hex digits, with or without dashes. */
    machineId: z
      .string()
      .regex(
        /^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/,
        "a machine ID: 32 hex digits (MachineGuid or /etc/machine-id)",
      ),
    unit: Id,
    role: MachineRole,
    os: z.string().min(1).max(100),
    bundle: z
      .object({
        id: z.string().min(3).max(200),
        /** settingsHash of the bundle: what the machine was set to, not the bundle's bytes. */
        sha256: z.string().regex(/^[0-9a-f]{64}$/, "64 hex digits"),
      })
      .strict(),
    collectedAt: z.iso.datetime({ offset: true }),
    results: z.array(ControlResult).max(1000),
  })
  .strict();
export type Evidence = z.infer<typeof Evidence>;

/** One machine's identity, however its record wrote it: dashes and case do not matter. */
export const normalMachineId = (id: string): string => id.replaceAll("-", "").toLowerCase();

/**
 * What the evidence policy reads of a record: which machine, which settings, when, and
 * each control's status. A whole record is one; `attt check --evidence postgres://` keeps
 * only this much of 100,000 machines (machines audited alike share one results list).
 */
export type AuditSummary = Pick<Evidence, "unit" | "machine" | "netbios" | "machineId" | "collectedAt"> & {
  bundle: Evidence["bundle"];
  results: ReadonlyArray<Pick<ControlResult, "control" | "status">>;
};
