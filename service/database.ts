/**
 * Connecting to the service's database. The URL names the role: the service runs as a
 * role that may only read credentials and add evidence; migrations and credentials are
 * made with the database owner's URL. A password belongs in PGPASSWORD, ~/.pgpass or a
 * file named by --db-password-file (a container's secret), not on a command line.
 */
import pg from "pg";
import { UsageError } from "../bin/cli-kit.js";

export const isDatabaseUrl = (s: string): boolean => /^postgres(ql)?:\/\//.test(s);

export function openPool(url: string | undefined, max = 10, password?: string): pg.Pool {
  if (!url)
    throw new UsageError("--db is needed: postgres://ROLE@HOST:PORT/DATABASE (or set ATTT_DATABASE_URL)");
  if (!isDatabaseUrl(url)) throw new UsageError(`--db must be a postgres:// URL, not "${url}"`);
  const pool = new pg.Pool({
    connectionString: password === undefined ? url : withPassword(url, password),
    max,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client losing its server (a restart) is reported by the next query, not thrown here.
  pool.on("error", () => {});
  return pool;
}

/**
 * The URL with the password from a file in it, in memory only. pg lets every field of a
 * connection string override its options, an absent password too: a `password` option
 * beside the URL is silently dropped.
 */
function withPassword(url: string, password: string): string {
  const u = new URL(url);
  u.password = encodeURIComponent(password);
  return u.href;
}

/** Runs `fn` with one client, released whatever happens; a refused connection is bad input. */
export async function withClient<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (e) {
    throw new UsageError(`cannot connect to the database: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}
