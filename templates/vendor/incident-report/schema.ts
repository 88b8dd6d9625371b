/**
 * Input of the incident-report template. Without `incident` the result is a blank form
 * prefilled with who reports and for which system; with it, a filled report whose
 * deadlines are computed from the time the incident was detected.
 */
import { z } from "zod";
import { OffsetDateTime, Prose } from "../schema-kit.js";

export const version = "1";

const Contact = z
  .object({
    name: Prose(120),
    role: Prose(200),
    phone: z.string().regex(/^\+?[0-9 .()-]{6,20}$/, "a telephone number"),
    email: z.string().regex(/^[^\s@<>()[\],;:"]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/, "an e-mail address"),
  })
  .strict();

export const IncidentReportValues = z
  .object({
    template: z.literal("incident-report"),
    schemaVersion: z.literal(version),
    reportingUnit: z.object({ name: Prose(200), address: Prose(300), contact: Contact }).strict(),
    system: z
      .object({
        name: Prose(200),
        owner: Prose(200),
        operator: Prose(200),
        /** Security level (cấp độ), Decree 331/2026. */
        level: z.number().int().min(1).max(5),
        location: Prose(300),
        /** The system processes personal data: the 72-hour breach notice of Law 91/2025 may apply. */
        personalData: z.boolean(),
      })
      .strict(),
    /** Who receives the report, besides the Ministry of Public Security (always first). */
    copiesTo: z
      .array(Prose(300))
      .max(10)
      .default(["Công an tỉnh Hưng Yên", "Sở Giáo dục và Đào tạo tỉnh Hưng Yên (chủ quản hệ thống)"]),
    incident: z
      .object({
        detectedAt: OffsetDateTime,
        detectedBy: Prose(200),
        kind: z.enum([
          "malware",
          "ransomware",
          "intrusion",
          "data-leak",
          "ddos",
          "defacement",
          "phishing",
          "other",
        ]),
        description: Prose(4000),
        impact: Prose(4000),
        personalDataAffected: z.boolean(),
        actions: z.array(Prose(500)).min(1).max(50),
      })
      .strict()
      .optional(),
  })
  .strict();

export type IncidentReportValues = z.infer<typeof IncidentReportValues>;
