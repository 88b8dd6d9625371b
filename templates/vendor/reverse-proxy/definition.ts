/** Hardened nginx reverse proxy with TLS in front of one application upstream. */
import { defineVendorTemplate } from "../define.js";
import { ReverseProxyValues, version } from "./schema.js";

/** Forward-secret AEAD suites only (Mozilla "intermediate" without DHE, which needs a dhparam file). */
const INTERMEDIATE_CIPHERS = [
  "ECDHE-ECDSA-AES128-GCM-SHA256",
  "ECDHE-RSA-AES128-GCM-SHA256",
  "ECDHE-ECDSA-AES256-GCM-SHA384",
  "ECDHE-RSA-AES256-GCM-SHA384",
  "ECDHE-ECDSA-CHACHA20-POLY1305",
  "ECDHE-RSA-CHACHA20-POLY1305",
].join(":");

export const reverseProxy = defineVendorTemplate({
  name: "reverse-proxy",
  description: {
    vi: "Máy chủ trung gian nginx có TLS 1.2/1.3, HSTS, các header bảo mật, giới hạn tần suất và nhật ký",
    en: "Hardened nginx reverse proxy: TLS 1.2/1.3, HSTS, security headers, rate limits and logs",
  },
  version,
  schema: ReverseProxyValues,
  files: [{ source: "nginx.conf.hbs", output: "nginx.conf", language: "nginx" }],
  context: (v: ReverseProxyValues) => {
    const zoneBase = v.site.id.replaceAll("-", "_");
    const modern = v.tls.profile === "modern";
    return {
      ...v,
      tlsProtocols: modern ? ["TLSv1.3"] : ["TLSv1.2", "TLSv1.3"],
      // TLS 1.3 suites are not set by ssl_ciphers; the modern profile has nothing to choose.
      tlsCiphers: modern ? undefined : INTERMEDIATE_CIPHERS,
      hsts: [
        `max-age=${v.tls.hstsMaxAgeSeconds}`,
        ...(v.tls.hstsIncludeSubdomains ? ["includeSubDomains"] : []),
        ...(v.tls.hstsPreload ? ["preload"] : []),
      ].join("; "),
      rateZone: `${zoneBase}_req`,
      connZone: `${zoneBase}_conn`,
      upstreamName: `${zoneBase}_upstream`,
      upstreamUrl: `${v.upstream.tls ? "https" : "http"}://${zoneBase}_upstream`,
      allowedMethods: [...new Set(v.allowedMethods)].sort(),
      upstream: {
        ...v.upstream,
        servers: v.upstream.servers.map((s) => ({
          address: s.host.includes(":") ? `[${s.host}]:${s.port}` : `${s.host}:${s.port}`,
        })),
      },
      redirect: v.site.httpRedirectPort === null ? undefined : { port: v.site.httpRedirectPort },
    };
  },
});
