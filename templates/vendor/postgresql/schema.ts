/** Input of the postgresql template: who may connect (pg_hba.conf) and how the server runs (TLS, logging). */
import { isIP } from "node:net";
import { z } from "zod";
import { pgConfStringProblem, pgHbaNameProblem } from "../../escape/pg.js";
import { absolutePath, allOf, Cidr, Port, textFor } from "../schema-kit.js";

export const version = "1";

const PgPath = textFor(allOf(absolutePath, pgConfStringProblem), { max: 300 });
const HbaName = textFor(pgHbaNameProblem, { max: 63 });

/** `all` (the keyword) or a list of names: the two never mix, so a database literally named "all" stays a name. */
const Names = z.union([z.literal("all"), z.array(HbaName).min(1).max(50)]);

const ListenAddress = z
  .string()
  .refine(
    (s) => s === "localhost" || isIP(s) !== 0,
    'an IP address of this server, or "localhost" (never "*")',
  );

export const PostgresqlValues = z
  .object({
    template: z.literal("postgresql"),
    schemaVersion: z.literal(version),
    server: z
      .object({
        /** Shown in the header comment of both files. */
        description: z.string().min(1).max(300),
        listenAddresses: z.array(ListenAddress).min(1).max(16),
        port: Port.default(5432),
        maxConnections: z.number().int().min(5).max(10_000).default(200),
      })
      .strict(),
    tls: z
      .object({
        certFile: PgPath,
        keyFile: PgPath,
        /** CA of client certificates; only needed with clientCertificates: verify-ca / verify-full. */
        caFile: PgPath.optional(),
        minProtocol: z.enum(["TLSv1.2", "TLSv1.3"]).default("TLSv1.2"),
      })
      .strict(),
    access: z
      .object({
        /** Keep `local all postgres peer`: the operating system's postgres user administers over the Unix socket. */
        localAdminPeer: z.boolean().default(true),
        rules: z
          .array(
            z
              .object({
                description: z.string().min(1).max(200),
                databases: Names,
                users: Names,
                addresses: z.array(Cidr).min(1).max(64),
                /** Also require a client certificate signed by tls.caFile. */
                clientCertificate: z.enum(["none", "verify-ca", "verify-full"]).default("none"),
              })
              .strict(),
          )
          .min(1)
          .max(100),
      })
      .strict(),
    logging: z
      .object({
        destination: z.enum(["stderr", "csvlog", "jsonlog", "syslog"]).default("stderr"),
        /** Statements slower than this are logged; -1 turns it off. */
        minDurationStatementMs: z.number().int().min(-1).max(3_600_000).default(1000),
        statements: z.enum(["ddl", "mod"]).default("ddl"),
        linePrefix: textFor(pgConfStringProblem, { max: 200 }).default("%m [%p] %q%u@%d from %h app=%a "),
        timezone: z
          .string()
          .regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, "a time zone name such as Asia/Ho_Chi_Minh")
          .default("Asia/Ho_Chi_Minh"),
      })
      .strict()
      .default({
        destination: "stderr",
        minDurationStatementMs: 1000,
        statements: "ddl",
        linePrefix: "%m [%p] %q%u@%d from %h app=%a ",
        timezone: "Asia/Ho_Chi_Minh",
      }),
  })
  .strict()
  .superRefine((v, ctx) => {
    v.access.rules.forEach((rule, i) => {
      if (rule.clientCertificate !== "none" && !v.tls.caFile) {
        ctx.addIssue({
          code: "custom",
          path: ["access", "rules", i, "clientCertificate"],
          message: `"none" unless tls.caFile names the CA that signs client certificates`,
        });
      }
    });
  });

export type PostgresqlValues = z.infer<typeof PostgresqlValues>;
