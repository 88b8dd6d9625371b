/** Input of the backup-policy template: the backup regime a vendor commits to and must be able to prove. */
import { z } from "zod";
import { IsoDate } from "../../../model/inventory.js";
import { Prose, TimeOfDay } from "../schema-kit.js";

export const version = "1";

const Person = z
  .object({
    name: Prose(120),
    role: Prose(200),
    phone: z.string().regex(/^\+?[0-9 .()-]{6,20}$/, "a telephone number"),
  })
  .strict();

const Weekday = z.enum(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]);

export const BackupPolicyValues = z
  .object({
    template: z.literal("backup-policy"),
    schemaVersion: z.literal(version),
    /** The vendor bound by the policy, and the system owner it answers to. */
    vendor: z.object({ name: Prose(200), responsible: Person }).strict(),
    owner: z.object({ name: Prose(200), contact: Person }).strict(),
    system: z
      .object({
        name: Prose(200),
        /** Security level (cấp độ), Decree 331/2026. */
        level: z.number().int().min(1).max(5),
      })
      .strict(),
    effectiveFrom: IsoDate,
    /** What is backed up, how, and when (time of day, local time). */
    datasets: z
      .array(
        z
          .object({
            name: Prose(200),
            method: Prose(300),
            frequency: z.enum(["hourly", "daily", "weekly"]),
            at: TimeOfDay,
          })
          .strict(),
      )
      .min(1)
      .max(30),
    /** How many restore points of each kind are kept. */
    retention: z
      .object({
        daily: z.number().int().min(1).max(366),
        weekly: z.number().int().min(0).max(260),
        monthly: z.number().int().min(0).max(120),
        yearly: z.number().int().min(0).max(50).default(0),
      })
      .strict(),
    encryption: Prose(300),
    /** The copy that is NOT reachable from the network between runs (HY-EDU-S17). */
    offlineCopy: z
      .object({
        medium: Prose(200),
        weekday: Weekday,
        at: TimeOfDay,
        location: Prose(300),
        /** Media rotated, so one is always away from the site. */
        rotatedMedia: z.number().int().min(2).max(52),
      })
      .strict(),
    restoreDrill: z
      .object({
        /** Day of the month the drill is held (1-28, so it exists in every month). */
        dayOfMonth: z.number().int().min(1).max(28),
        recoveryTimeObjectiveHours: z.number().int().min(1).max(720),
        recoveryPointObjectiveHours: z.number().int().min(1).max(720),
        witness: Prose(200),
      })
      .strict(),
    /** How long every record listed under "evidence" is kept, in months. */
    evidenceRetentionMonths: z.number().int().min(12).max(120).default(24),
    extraEvidence: z.array(Prose(300)).max(20).default([]),
  })
  .strict();

export type BackupPolicyValues = z.infer<typeof BackupPolicyValues>;
