/**
 * What the vendor-template tests share: finding the real tools (installed by
 * test/helpers/vendor-prepare.sh, never by a test), temporary directories, free ports
 * and throwaway TLS certificates.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The absolute path of `name` on PATH or in `extraDirs`, or undefined. */
export function toolPath(name: string, extraDirs: string[] = []): string | undefined {
  for (const dir of [...(process.env.PATH ?? "").split(":"), "/usr/sbin", "/sbin", ...extraDirs]) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** Why a test group cannot run (a missing tool, not root), or undefined. */
export function missingTools(
  tools: Record<string, string | undefined>,
  needsRoot = false,
): string | undefined {
  const missing = Object.entries(tools)
    .filter(([, path]) => path === undefined)
    .map(([name]) => name);
  if (missing.length > 0) return `missing ${missing.join(", ")} (run test/helpers/vendor-prepare.sh as root)`;
  if (needsRoot && process.getuid?.() !== 0) return "needs root";
  return undefined;
}

/** PostgreSQL's server binaries: Debian keeps them in /usr/lib/postgresql/<major>/bin, off PATH. */
export function postgresBinDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const majors = readdirSync(root)
      .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, "bin", "postgres")))
      .sort((a, b) => Number(b) - Number(a));
    if (majors[0]) return join(root, majors[0], "bin");
  }
  const onPath = toolPath("postgres");
  return onPath ? join(onPath, "..") : undefined;
}

/** A short-named temporary directory (unix socket paths are limited to 108 bytes). */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `attt-${prefix}-`));
}

/** A port nobody listens on right now (on 127.0.0.1). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** A self-signed certificate and key for `commonName` (also its subjectAltName), written into `dir`. */
export function selfSignedCertificate(dir: string, commonName: string, owner?: { uid: number; gid: number }) {
  const cert = join(dir, `${commonName}.crt`);
  const key = join(dir, `${commonName}.key`);
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "2",
      "-subj",
      `/CN=${commonName}`,
      "-addext",
      `subjectAltName=DNS:${commonName}`,
    ],
    { stdio: "pipe" },
  );
  chmodSync(key, 0o600);
  if (owner) {
    chownSync(cert, owner.uid, owner.gid);
    chownSync(key, owner.uid, owner.gid);
  }
  return { cert, key };
}

/** The uid and gid of a local user, or undefined. */
export function userIds(name: string): { uid: number; gid: number } | undefined {
  const uid = spawnSync("id", ["-u", name], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", name], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}
