/**
 * Per-unit upload credentials. attt makes them (never a person): 256 random bits, so a
 * plain SHA-256 of the secret is what the database keeps (a slow password hash defends
 * guessable secrets; these are not guessable, and every upload checks one). The key ID
 * before the dot finds the row; the secret after it is compared in constant time.
 *
 * The credential file is one line, `attt1.<key ID>.<secret>`, under comment lines that
 * say whose it is (and, with --url, `# attt-upload-url: https://...`, the service the
 * launchers upload to): audit.sh and Test-Baseline.ps1 read the first line not starting with '#'.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Pool, PoolClient } from "pg";

const TOKEN = /^attt1\.([0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;

export interface Credential {
  keyId: string;
  unit: string;
}

export const secretHash = (secret: string): Buffer => createHash("sha256").update(secret).digest();

export function newToken(): { keyId: string; secret: string; token: string } {
  const keyId = randomBytes(8).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { keyId, secret, token: `attt1.${keyId}.${secret}` };
}

/** The service's address as the launchers read it from the file: a plain https URL. */
export const UPLOAD_URL = /^https:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/[A-Za-z0-9._~/-]*)?$/;

export function credentialFile(
  unit: string,
  keyId: string,
  token: string,
  createdOn: string,
  url?: string,
): string {
  return [
    `# attt-kit: khóa tải minh chứng của đơn vị ${unit} (mã khóa ${keyId}), tạo ngày ${createdOn}.`,
    `# attt-kit: evidence upload credential of unit ${unit} (key ${keyId}), made ${createdOn}.`,
    "# Giữ bí mật: ai có tệp này có thể gửi minh chứng thay đơn vị. / Keep it secret.",
    // attt.sh and attt.cmd upload when the file names the service; the token stays the first other line.
    ...(url ? [`# attt-upload-url: ${url}`] : []),
    token,
    "",
  ].join("\n");
}

/** The unit a token belongs to, or why not: malformed, unknown or revoked (all refused alike). */
export async function authenticate(
  db: Pool | PoolClient,
  token: string,
): Promise<Credential | "malformed" | "unknown" | "revoked"> {
  const m = TOKEN.exec(token);
  if (!m) return "malformed";
  const [, keyId, secret] = m as unknown as [string, string, string];
  // Named: every upload asks it; each connection plans it once.
  const r = await db.query<{ unit: string; secret_hash: Buffer; revoked_at: Date | null }>({
    name: "credential-by-key",
    text: "SELECT unit, secret_hash, revoked_at FROM credential WHERE key_id = $1",
    values: [keyId],
  });
  const row = r.rows[0];
  if (!row || !timingSafeEqual(row.secret_hash, secretHash(secret))) return "unknown";
  if (row.revoked_at) return "revoked";
  return { keyId, unit: row.unit };
}

/** A new credential for a unit; `rotate` revokes the unit's others in the same transaction. */
export async function createCredential(
  db: PoolClient,
  unit: string,
  o: { rotate: boolean },
): Promise<{ keyId: string; token: string; revoked: string[] }> {
  const { keyId, secret, token } = newToken();
  await db.query("BEGIN");
  try {
    let revoked: string[] = [];
    if (o.rotate)
      revoked = (
        await db.query<{ key_id: string }>(
          "UPDATE credential SET revoked_at = now() WHERE unit = $1 AND revoked_at IS NULL RETURNING key_id",
          [unit],
        )
      ).rows.map((r) => r.key_id);
    await db.query("INSERT INTO credential (key_id, unit, secret_hash) VALUES ($1, $2, $3)", [
      keyId,
      unit,
      secretHash(secret),
    ]);
    await db.query("COMMIT");
    return { keyId, token, revoked: revoked.sort() };
  } catch (e) {
    await db.query("ROLLBACK");
    throw e;
  }
}

/** Revokes one key, or every key of a unit; returns the keys revoked now. */
export async function revokeCredentials(
  db: PoolClient,
  which: { keyId?: string; unit?: string },
): Promise<string[]> {
  const r = await db.query<{ key_id: string }>(
    "UPDATE credential SET revoked_at = now() WHERE revoked_at IS NULL AND (key_id = $1 OR unit = $2) RETURNING key_id",
    [which.keyId ?? null, which.unit ?? null],
  );
  return r.rows.map((x) => x.key_id).sort();
}

export async function listCredentials(
  db: PoolClient,
): Promise<Array<{ keyId: string; unit: string; createdAt: string; revokedAt: string | null }>> {
  const r = await db.query<{ key_id: string; unit: string; created_at: Date; revoked_at: Date | null }>(
    "SELECT key_id, unit, created_at, revoked_at FROM credential ORDER BY unit, created_at, key_id",
  );
  return r.rows.map((x) => ({
    keyId: x.key_id,
    unit: x.unit,
    createdAt: x.created_at.toISOString(),
    revokedAt: x.revoked_at?.toISOString() ?? null,
  }));
}
