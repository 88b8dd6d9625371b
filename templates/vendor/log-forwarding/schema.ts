/** Input of the log-forwarding template: what this host sends to the provincial SOC, and how. */
import { z } from "zod";
import { rsyslogParamProblem } from "../../escape/rsyslog.js";
import { absolutePath, allOf, DnsName, HostName, Port, Slug, textFor } from "../schema-kit.js";

export const version = "1";

const RsyslogPath = textFor(allOf(absolutePath, rsyslogParamProblem), { max: 300 });

const Facility = z.enum([
  "local0",
  "local1",
  "local2",
  "local3",
  "local4",
  "local5",
  "local6",
  "local7",
  "user",
  "daemon",
  "auth",
  "authpriv",
]);
const Severity = z.enum(["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"]);

export const LogForwardingValues = z
  .object({
    template: z.literal("log-forwarding"),
    schemaVersion: z.literal(version),
    source: z.object({ description: z.string().min(1).max(300) }).strict(),
    /** The provincial SOC's collector: the inventory's datacentre.monitoring.provincialSoc. */
    soc: z
      .object({
        host: HostName,
        port: Port,
        protocol: z.enum(["syslog-tls", "syslog-tcp"]),
        tls: z
          .object({
            caFile: RsyslogPath,
            /** Names the SOC's certificate must carry (x509/name); default: the host. */
            permittedPeers: z.array(DnsName).min(1).max(10).optional(),
            clientCertFile: RsyslogPath.optional(),
            clientKeyFile: RsyslogPath.optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
    queue: z
      .object({
        /** Names the action and its queue files in rsyslog's work directory. */
        name: Slug.default("attt-soc"),
        maxDiskSpaceMegabytes: z.number().int().min(64).max(1_048_576).default(2048),
        maxMessagesInMemory: z.number().int().min(1000).max(10_000_000).default(100_000),
      })
      .strict()
      .default({ name: "attt-soc", maxDiskSpaceMegabytes: 2048, maxMessagesInMemory: 100_000 }),
    /** Forward every message of this host's own syslog too (not only the files below). */
    forwardLocalSyslog: z.boolean().default(true),
    /** Application log files read by imfile and forwarded. */
    files: z
      .array(
        z
          .object({
            path: RsyslogPath,
            tag: textFor(rsyslogParamProblem, { max: 32 }),
            facility: Facility.default("local6"),
            severity: Severity.default("info"),
          })
          .strict(),
      )
      .max(100)
      .default([]),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.soc.protocol === "syslog-tls" && !v.soc.tls) {
      ctx.addIssue({
        code: "custom",
        path: ["soc", "tls"],
        message: "a tls section (caFile at least) when protocol is syslog-tls",
      });
    }
    if (v.soc.protocol === "syslog-tcp" && v.soc.tls) {
      ctx.addIssue({
        code: "custom",
        path: ["soc", "tls"],
        message: 'no tls section when protocol is syslog-tcp (or use "syslog-tls")',
      });
    }
    const tls = v.soc.tls;
    if (tls && Boolean(tls.clientCertFile) !== Boolean(tls.clientKeyFile)) {
      ctx.addIssue({
        code: "custom",
        path: ["soc", "tls"],
        message: "clientCertFile and clientKeyFile together, or neither",
      });
    }
  });

export type LogForwardingValues = z.infer<typeof LogForwardingValues>;
