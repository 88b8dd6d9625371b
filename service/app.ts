/**
 * `attt serve`: the collection service. HTTPS only (TLS 1.2 or later), behind the data
 * centre's reverse proxy.
 *
 *   POST /api/v1/evidence   one record; `Authorization: Bearer <unit credential>`.
 *                           201 stored (committed before the answer), 400 bad body,
 *                           401 no or bad credential, 403 another unit's evidence,
 *                           409 replayed or altered record, 413 too large.
 *   GET  /api/v1/summary    the credential's unit: machines expected, reported, passing.
 *   GET  /                  the Department's status page (Vietnamese, no JavaScript).
 *   GET  /tai-len           the school's upload page (a form: several records or a zip).
 *   GET  /healthz           200 when the database answers.
 *
 * Every refusal is JSON `{ error, message, vi, problems? }` (on the upload page, a row that
 * says why) and stores nothing.
 */
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import type { Pool } from "pg";
import { bundleSpecs } from "../baselines/bundle-spec.js";
import { controlById } from "../baselines/controls/index.js";
import type { Inventory } from "../model/inventory.js";
import type { KnownIds } from "../model/load-evidence.js";
import { authenticate, type Credential } from "./credentials.js";
import { BODY_LIMIT } from "./limits.js";
import { refusal } from "./refusals.js";
import { provinceStatus } from "./status.js";
import { statusPage } from "./status-page.js";
import { takeRecord } from "./take-record.js";
import { unitSummary } from "./unit-summary.js";
import { registerUploadPage } from "./upload-route.js";

export interface ServeOptions {
  db: Pool;
  inventory: Inventory;
  tls?: { key: Buffer; cert: Buffer };
  logger?: boolean;
}

declare module "fastify" {
  interface FastifyRequest {
    credential?: Credential;
  }
}

export function buildApp(o: ServeOptions): FastifyInstance {
  const app = Fastify({
    logger: o.logger ?? false,
    bodyLimit: BODY_LIMIT,
    ...(o.tls ? { https: { key: o.tls.key, cert: o.tls.cert, minVersion: "TLSv1.2" as const } } : {}),
  });
  const known: KnownIds = {
    bundles: new Set(bundleSpecs(o.inventory).map((b) => b.id)),
    controls: new Set(controlById.keys()),
  };

  // The credential is checked before the body is read: a stranger's 20 MB never reaches the parser.
  app.addHook("onRequest", async (req: FastifyRequest, reply) => {
    if (!req.url.startsWith("/api/")) return;
    const header = req.headers.authorization;
    const token = header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
    const outcome = token ? await authenticate(o.db, token) : "no-credential";
    if (typeof outcome === "string") {
      const { status, ...body } = refusal(outcome);
      return reply.code(status).send(body);
    }
    req.credential = outcome;
  });

  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, _req, reply) => {
    const status = err.statusCode ?? 500;
    if (status === 413)
      return reply.code(413).send({
        error: "too-large",
        message: `the body is larger than ${BODY_LIMIT} bytes; send one record per request`,
        vi: `nội dung lớn hơn ${BODY_LIMIT} byte; mỗi lần gửi một bản ghi`,
      });
    if (status === 415)
      return reply.code(415).send({
        error: "not-json",
        message: "send the record as Content-Type: application/json",
        vi: "gửi bản ghi với Content-Type: application/json",
      });
    if (status >= 400 && status < 500)
      return reply.code(400).send({
        error: "malformed",
        message: `the body is not a JSON record: ${err.message}`,
        vi: "nội dung gửi lên không phải một bản ghi JSON hợp lệ",
      });
    app.log.error(err);
    return reply.code(500).send({
      error: "internal",
      message: "internal error; nothing was stored",
      vi: "lỗi hệ thống; không lưu gì",
    });
  });

  app.post("/api/v1/evidence", async (req, reply) => {
    const taken = await takeRecord(o.db, req.credential as Credential, known, req.body);
    if ("stored" in taken) return reply.code(201).send({ stored: taken.stored });
    const { status, ...body } = taken;
    return reply.code(status).send(body);
  });

  // The unit's own figures, for the launcher on each machine: "38/40 máy đạt".
  app.get("/api/v1/summary", async (req) => {
    const unit = (req.credential as Credential).unit;
    const status = await provinceStatus(o.db, o.inventory, unit);
    const u = status.units[0];
    return u ? unitSummary(u) : { unit, expected: 0, reported: 0, passing: 0, headline: "", vi: "", en: "" };
  });

  app.get("/", async (_req, reply) => {
    const status = await provinceStatus(o.db, o.inventory);
    return reply
      .type("text/html; charset=utf-8")
      .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'")
      .send(statusPage(o.inventory.province.name, status));
  });

  registerUploadPage(app, { db: o.db, inventory: o.inventory, known });

  app.get("/healthz", async () => {
    await o.db.query("SELECT 1");
    return { ok: true };
  });
  return app;
}
