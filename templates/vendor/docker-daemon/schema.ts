/** Input of the docker-daemon template: the few daemon.json settings a vendor may choose. */
import { z } from "zod";
import { jsonStringProblem } from "../../escape/json.js";
import { textFor } from "../schema-kit.js";

export const version = "1";

const Ulimit = z
  .object({ soft: z.number().int().min(0).max(1_048_576), hard: z.number().int().min(0).max(1_048_576) })
  .strict()
  .refine((u) => u.soft <= u.hard, "a soft limit not above the hard limit");

/** Docker engine labels are key=value; the key in reverse-DNS style. */
const Label = textFor(
  (s) =>
    jsonStringProblem(s) ??
    (/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?=/.test(s)
      ? undefined
      : "a label written key=value, key in reverse-DNS style (vn.gov.hungyen.owner=...)"),
  { max: 300 },
);

export const DockerDaemonValues = z
  .object({
    template: z.literal("docker-daemon"),
    schemaVersion: z.literal(version),
    /**
     * Map container root to an unprivileged range of host IDs: "default" (Docker creates the
     * user dockremap), a user name, or null to keep it off (some images need host IDs).
     */
    usernsRemap: z
      .string()
      .regex(/^[a-z_][a-z0-9_-]{0,31}(:[a-z_][a-z0-9_-]{0,31})?$/, '"default", a user name or user:group')
      .nullable()
      .default("default"),
    logs: z
      .object({
        maxSizeMegabytes: z.number().int().min(1).max(10_240).default(50),
        maxFiles: z.number().int().min(1).max(100).default(5),
        compress: z.boolean().default(true),
      })
      .strict()
      .default({ maxSizeMegabytes: 50, maxFiles: 5, compress: true }),
    ulimits: z
      .object({ nofile: Ulimit, nproc: Ulimit.optional() })
      .strict()
      .default({ nofile: { soft: 65_536, hard: 65_536 } }),
    labels: z
      .array(Label)
      .max(50)
      .default([])
      .refine(
        (labels) => new Set(labels.map((l) => l.split("=")[0])).size === labels.length,
        "labels with distinct keys",
      ),
  })
  .strict();

export type DockerDaemonValues = z.infer<typeof DockerDaemonValues>;
