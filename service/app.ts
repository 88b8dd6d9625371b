/**
 * `attt serve`: the collection service. HTTPS only (TLS 1.2 or later), behind the data
 * centre's reverse proxy.
 *
 *   POST /api/v1/evidence   one record; `Authorization: Bearer <unit credential>`.
 *                           201 stored (committed before the answer), 400 bad body,
 *                           401 no or bad credential, 403 another unit's evidence,
 *                           409 replayed or altered record, 413 too large.
 *   GET  /                  the Department's status page (Vietnamese, no JavaScript).
 *   GET  /healthz           200 when the database answers.
 *
 * Every refusal is JSON `{ error, message, vi, problems? }` and stores nothing.
 */
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import type { Pool } from "pg";
import { bundleSpecs } from "../baselines/bundle-spec.js";
import { controlById } from "../baselines/controls/index.js";
import type { Inventory } from "../model/inventory.js";
import type { KnownIds } from "../model/load-evidence.js";
import { authenticate, type Credential } from "./credentials.js";
import { checkIntake, type IntakeProblem } from "./intake.js";
import { provinceStatus } from "./status.js";
import { statusPage } from "./status-page.js";
import { storeEvidence } from "./store.js";

/** The largest record an audit writes is well under this (60 controls, 2,000-character details). */
export const BODY_LIMIT = 1024 * 1024;

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

interface Refusal {
  error: string;
  message: string;
  vi: string;
  problems?: IntakeProblem[];
}

const REFUSALS: Record<string, { status: number; message: string; vi: string }> = {
  "no-credential": {
    status: 401,
    message: "send the unit's upload credential: Authorization: Bearer attt1.<key>.<secret>",
    vi: "cần gửi kèm khóa tải minh chứng của đơn vị (Authorization: Bearer ...)",
  },
  malformed: {
    status: 401,
    message: "the credential is not an attt upload credential",
    vi: "khóa tải minh chứng không đúng định dạng",
  },
  unknown: { status: 401, message: "unknown credential", vi: "khóa tải minh chứng không hợp lệ" },
  revoked: {
    status: 401,
    message: "this credential has been revoked; ask the Department for the unit's new one",
    vi: "khóa tải minh chứng đã bị thu hồi; xin Sở cấp khóa mới cho đơn vị",
  },
  replay: {
    status: 409,
    message: "this record was received already; nothing was stored",
    vi: "bản ghi này đã được nhận trước đó; không lưu thêm",
  },
  altered: {
    status: 409,
    message:
      "another record of this machine at this instant was received already: this one is altered; nothing was stored",
    vi: "đã nhận một bản ghi khác của máy này cùng thời điểm: bản ghi này đã bị sửa; không lưu",
  },
};

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
  const refuse = (code: keyof typeof REFUSALS): [number, Refusal] => {
    const r = REFUSALS[code] as (typeof REFUSALS)[string];
    return [r.status, { error: code, message: r.message, vi: r.vi }];
  };

  // The credential is checked before the body is read: a stranger's 20 MB never reaches the parser.
  app.addHook("onRequest", async (req: FastifyRequest, reply) => {
    if (req.method !== "POST") return;
    const header = req.headers.authorization;
    const token = header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
    const outcome = token ? await authenticate(o.db, token) : "no-credential";
    if (typeof outcome === "string") {
      const [status, body] = refuse(outcome);
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
    const cred = req.credential as Credential;
    const intake = checkIntake(req.body, cred, known);
    if ("problems" in intake)
      return reply.code(intake.status).send({
        error: intake.status === 403 ? "wrong-unit" : "invalid",
        message:
          intake.status === 403
            ? `this credential sends evidence of unit ${cred.unit} only; nothing was stored`
            : "the record does not match the evidence schema; nothing was stored",
        vi:
          intake.status === 403
            ? `khóa này chỉ gửi được minh chứng của đơn vị ${cred.unit}; không lưu gì`
            : "bản ghi không đúng lược đồ minh chứng; không lưu gì",
        problems: intake.problems,
      } satisfies Refusal);
    const outcome = await storeEvidence(o.db, cred.keyId, intake.ok);
    if (typeof outcome === "string") {
      const [status, body] = refuse(outcome);
      return reply.code(status).send(body);
    }
    return reply.code(201).send({ stored: outcome.stored });
  });

  app.get("/", async (_req, reply) => {
    const status = await provinceStatus(o.db, o.inventory);
    return reply
      .type("text/html; charset=utf-8")
      .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'")
      .send(statusPage(o.inventory.province.name, status));
  });

  app.get("/healthz", async () => {
    await o.db.query("SELECT 1");
    return { ok: true };
  });
  return app;
}
