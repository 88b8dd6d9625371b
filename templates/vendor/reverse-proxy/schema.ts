/** Input of the reverse-proxy template: one public site in front of an application upstream. */
import { z } from "zod";
import { nginxStringProblem } from "../../escape/nginx.js";
import { absolutePath, allOf, DnsName, HostName, Port, Slug, textFor } from "../schema-kit.js";

export const version = "1";

const NginxText = (max = 500) => textFor(nginxStringProblem, { max });
const NginxPath = textFor(allOf(absolutePath, nginxStringProblem), { max: 300 });

/** `10m`, `512k`, `1g`: nginx sizes. */
const Size = z.string().regex(/^\d{1,6}[kmg]?$/, "a size such as 512k, 20m or 1g");

export const ReverseProxyValues = z
  .object({
    template: z.literal("reverse-proxy"),
    schemaVersion: z.literal(version),
    site: z
      .object({
        /** Names the rate-limit zone, the upstream and the log files. */
        id: Slug,
        /** Shown in the file's header comment. */
        description: z.string().min(1).max(300),
        serverNames: z.array(DnsName).min(1).max(20),
        httpsPort: Port.default(443),
        /** Port of the plain-HTTP listener that only redirects to HTTPS; null: no HTTP listener. */
        httpRedirectPort: Port.nullable().default(80),
        /** Also listen on IPv6 ([::]). */
        ipv6: z.boolean().default(true),
      })
      .strict(),
    tls: z
      .object({
        certificate: NginxPath,
        certificateKey: NginxPath,
        /** intermediate: TLS 1.2 (ECDHE + AEAD only) and 1.3; modern: TLS 1.3 only. */
        profile: z.enum(["intermediate", "modern"]).default("intermediate"),
        hstsMaxAgeSeconds: z.number().int().min(31_536_000).max(63_072_000).default(63_072_000),
        hstsIncludeSubdomains: z.boolean().default(true),
        hstsPreload: z.boolean().default(false),
      })
      .strict(),
    upstream: z
      .object({
        servers: z
          .array(z.object({ host: HostName, port: Port }).strict())
          .min(1)
          .max(32),
        /** Speak HTTPS to the upstream and verify its certificate against this CA. */
        tls: z.object({ trustedCertificate: NginxPath, serverName: DnsName }).strict().optional(),
        readTimeoutSeconds: z.number().int().min(1).max(3600).default(60),
      })
      .strict(),
    rateLimit: z
      .object({
        requestsPerSecond: z.number().int().min(1).max(10_000),
        burst: z.number().int().min(0).max(100_000),
        connectionsPerClient: z.number().int().min(1).max(10_000),
      })
      .strict(),
    headers: z
      .object({
        contentSecurityPolicy: NginxText(2000).default(
          "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
        ),
        frameOptions: z.enum(["DENY", "SAMEORIGIN"]).default("DENY"),
        referrerPolicy: z
          .enum(["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"])
          .default("strict-origin-when-cross-origin"),
        permissionsPolicy: NginxText(1000).default("camera=(), microphone=(), geolocation=(), payment=()"),
      })
      .strict()
      .default({
        contentSecurityPolicy:
          "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
        frameOptions: "DENY",
        referrerPolicy: "strict-origin-when-cross-origin",
        permissionsPolicy: "camera=(), microphone=(), geolocation=(), payment=()",
      }),
    allowedMethods: z
      .array(z.enum(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]))
      .min(1)
      .default(["GET", "HEAD", "POST"]),
    clientMaxBodySize: Size.default("10m"),
    logs: z
      .object({
        access: NginxPath,
        error: NginxPath,
        errorLevel: z.enum(["warn", "error", "crit"]).default("warn"),
      })
      .strict(),
    process: z
      .object({
        user: z
          .string()
          .regex(/^[a-z_][a-z0-9_-]{0,31}$/, "a Unix user name")
          .default("www-data"),
        pidFile: NginxPath.default("/run/nginx.pid"),
        workerConnections: z.number().int().min(64).max(65_536).default(1024),
      })
      .strict()
      .default({ user: "www-data", pidFile: "/run/nginx.pid", workerConnections: 1024 }),
  })
  .strict();

export type ReverseProxyValues = z.infer<typeof ReverseProxyValues>;
