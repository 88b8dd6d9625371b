/**
 * GET /tai-len: the school's upload page; POST /tai-len: its form (multipart). The
 * credential comes first in the form (the unit's credential file, or pasted), and is
 * checked before any evidence file is read; each file then takes the API's path
 * (takeRecord), so a record refused here is refused there, and stores nothing. The policy
 * is per file: one bad file does not stop the others, and the answer page says which.
 */
import multipart, { type Multipart } from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import type { Pool } from "pg";
import type { Inventory } from "../model/inventory.js";
import type { KnownIds } from "../model/load-evidence.js";
import { authenticate, type Credential } from "./credentials.js";
import { refusal } from "./refusals.js";
import { provinceStatus } from "./status.js";
import { takeRecord } from "./take-record.js";
import { unitSummary } from "./unit-summary.js";
import { readUpload, shownName, UPLOAD_LIMITS } from "./upload-files.js";
import {
  type FileOutcome,
  UPLOAD_PATH,
  uploadAnswerPage,
  uploadForm,
  uploadRefusedPage,
} from "./upload-page.js";

const CREDENTIAL_BYTES = 4096;
const tooMany = {
  vi: `Mỗi lần chỉ nhận tối đa ${UPLOAD_LIMITS.files} tệp: các tệp sau đó không được xét, không lưu.`,
  en: `at most ${UPLOAD_LIMITS.files} files per upload: the files after that were not read`,
};
const HTML = "text/html; charset=utf-8";
const CSP = `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'`;

/** A part's bytes, at most `limit` (the rest read and dropped); whether it was longer. */
async function readPart(part: Multipart & { type: "file" }, limit: number): Promise<[Buffer, boolean]> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    if (size < limit) chunks.push(chunk);
    size += chunk.length;
  }
  const bytes = Buffer.concat(chunks);
  const over = size > limit || part.file.truncated;
  return [over ? bytes.subarray(0, limit) : bytes, over];
}

/** The token in a credential file: its first line that is not a comment (as audit.sh reads it). */
const tokenOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== "" && !l.startsWith("#")) ?? "";

export function registerUploadPage(
  app: FastifyInstance,
  o: { db: Pool; inventory: Inventory; known: KnownIds },
): void {
  app.register(async (scope) => {
    await scope.register(multipart, {
      throwFileSizeLimit: false,
      limits: {
        fieldNameSize: 20,
        fieldSize: CREDENTIAL_BYTES,
        fields: 4,
        fileSize: UPLOAD_LIMITS.zipBytes,
        // A backstop: the route stops reading evidence files past UPLOAD_LIMITS.files itself.
        files: UPLOAD_LIMITS.files + 20,
        parts: UPLOAD_LIMITS.files + 25,
        headerPairs: 20,
      },
    });
    scope.addHook("onSend", async (_req, reply) => {
      reply.header("content-security-policy", CSP).header("cache-control", "no-store");
    });
    const refusedPage =
      (status: number, vi: string, en: string) => (_: unknown, reply: import("fastify").FastifyReply) =>
        reply.code(status).type(HTML).send(uploadRefusedPage(vi, en));

    scope.get(UPLOAD_PATH, async (_req, reply) =>
      reply.type(HTML).send(uploadForm(o.inventory.province.name)),
    );

    scope.post(UPLOAD_PATH, async (req, reply) => {
      if (!req.isMultipart())
        return refusedPage(
          415,
          "Hãy gửi bằng biểu mẫu của trang này (multipart/form-data).",
          "send the page's form (multipart/form-data)",
        )(req, reply);
      let token = "";
      let cred: Credential | undefined;
      const files: FileOutcome[] = [];
      let note: { vi: string; en: string } | undefined;
      let sent = 0;
      try {
        for await (const part of req.parts()) {
          if (part.type === "field") {
            if (part.fieldname === "ma" && typeof part.value === "string" && part.value.trim())
              token = part.value.trim();
            continue;
          }
          if (part.fieldname === "khoa") {
            const [bytes] = await readPart(part, CREDENTIAL_BYTES);
            if (part.filename) token = tokenOf(bytes.toString("utf8"));
            continue;
          }
          if (!cred) {
            const outcome = token ? await authenticate(o.db, token) : "no-credential";
            if (typeof outcome === "string") {
              const r = refusal(outcome);
              reply.header("connection", "close");
              return refusedPage(r.status, r.vi, r.message)(req, reply);
            }
            cred = outcome;
          }
          if (++sent > UPLOAD_LIMITS.files) {
            note = tooMany;
            part.file.resume(); // read past, never looked at
            continue;
          }
          const [bytes, over] = await readPart(part, UPLOAD_LIMITS.zipBytes);
          if (!part.filename && bytes.length === 0) continue; // the file input left empty
          for (const piece of readUpload(part.filename, bytes, over)) {
            const name = shownName(piece.name);
            if ("refused" in piece) {
              files.push({ name, refused: piece.refused });
              continue;
            }
            const taken = await takeRecord(o.db, cred, o.known, piece.record);
            files.push(
              "stored" in taken
                ? { name, stored: { id: taken.stored, machine: taken.machine } }
                : {
                    name,
                    refused: {
                      vi: taken.vi,
                      en: taken.message,
                      detail: taken.problems
                        ?.slice(0, 3)
                        .map((p) => `${p.path}: ${p.expected}`)
                        .join("; "),
                    },
                  },
            );
          }
        }
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code !== "FST_FILES_LIMIT" && code !== "FST_PARTS_LIMIT") throw e;
        note = tooMany;
      }
      if (!cred)
        return refusedPage(
          400,
          "Chưa chọn tệp minh chứng nào (.json hoặc .zip).",
          "no evidence file was sent",
        )(req, reply);
      const status = await provinceStatus(o.db, o.inventory, cred.unit);
      const unit = o.inventory.units.find((u) => u.id === cred?.unit);
      const s = status.units[0];
      return reply
        .type(HTML)
        .send(
          uploadAnswerPage(
            { id: cred.unit, name: unit?.name ?? cred.unit },
            files,
            s ? unitSummary(s) : undefined,
            note,
          ),
        );
    });
  });
}
