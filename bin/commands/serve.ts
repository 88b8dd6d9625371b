/**
 * The collection service and its upkeep: `attt serve`, `attt db migrate`, and the units'
 * upload credentials (`attt credential create | rotate | revoke | list`).
 */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { Id } from "../../model/inventory.js";
import { loadInventory } from "../../model/load-inventory.js";
import { buildApp } from "../../service/app.js";
import {
  createCredential,
  credentialFile,
  listCredentials,
  revokeCredentials,
  UPLOAD_URL,
} from "../../service/credentials.js";
import { openPool, withClient } from "../../service/database.js";
import { grantService, migrate } from "../../service/migrations.js";
import { action, fsReason, printJson, readInputFile, UsageError } from "../cli-kit.js";

const DB_HELP = "the database: postgres://ROLE@HOST:PORT/DATABASE (default: $ATTT_DATABASE_URL)";
const dbUrl = (o: { db?: string }) => o.db ?? process.env.ATTT_DATABASE_URL;
const PASSWORD_FILE_HELP =
  "a file holding the database role's password (its first line), e.g. a container's secret";
/** The password in --db-password-file, or undefined (then PGPASSWORD or ~/.pgpass). */
const dbPassword = (o: { dbPasswordFile?: string }) =>
  o.dbPasswordFile === undefined
    ? undefined
    : (readInputFile(o.dbPasswordFile, "a password file", "--db-password-file")
        .toString("utf8")
        .split(/\r?\n/)[0] ?? "");

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description(
      "Run the evidence collection service (HTTPS): machines upload their audits, the Department reads the status page. " +
        "Dịch vụ thu nhận minh chứng (HTTPS) và trang tình trạng cho Sở.",
    )
    .argument("<inventory>", "inventory directory or file (which units, bundles and machines to expect)")
    .option(
      "--db <url>",
      `${DB_HELP}; the service's own role, which may only read credentials and add evidence`,
    )
    .option("--db-password-file <file>", PASSWORD_FILE_HELP)
    .requiredOption("--tls-cert <file>", "TLS certificate chain (PEM)")
    .requiredOption("--tls-key <file>", "TLS private key (PEM)")
    .option("--listen <host:port>", "address to listen on", "0.0.0.0:8443")
    .action(
      action(
        async (
          path: string,
          o: { db?: string; dbPasswordFile?: string; tlsCert: string; tlsKey: string; listen: string },
        ) => {
          const m = /^(.+):(\d{1,5})$/.exec(o.listen);
          if (!m || Number(m[2]) > 65535)
            throw new UsageError(
              `--listen must be host:port, not "${o.listen}"`,
              `--listen phải có dạng máy:cổng (host:port), không phải "${o.listen}"`,
            );
          const { inventory } = loadInventory(path);
          const tls = {
            cert: readInputFile(o.tlsCert, "a PEM certificate", "--tls-cert"),
            key: readInputFile(o.tlsKey, "a PEM private key", "--tls-key"),
          };
          const db = openPool(dbUrl(o), 20, dbPassword(o));
          await withClient(db, async (c) => {
            await c.query("SELECT 1 FROM evidence LIMIT 1");
          }).catch((e) => {
            throw new UsageError(
              `the database is not ready (${e instanceof Error ? e.message : String(e)}); run attt db migrate first`,
              "cơ sở dữ liệu chưa sẵn sàng (lý do ở dòng tiếng Anh); chạy attt db migrate trước",
            );
          });
          const app = buildApp({ db, inventory, tls });
          const address = await app.listen({ host: m[1] as string, port: Number(m[2]) });
          process.stderr.write(`attt serve: listening on ${address}\n`);
          // Stop taking requests, let the ones under way finish (their commits and answers), then leave.
          await new Promise<void>((resolve) => {
            for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => resolve());
          });
          await app.close();
          await db.end();
          return 0;
        },
      ),
    );

  const db = program.command("db").description("The collection service's database");
  db.command("migrate")
    .description(
      "Create or upgrade the schema (run as the database's owner) and grant the service's role its rights",
    )
    .option("--db <url>", DB_HELP)
    .option("--db-password-file <file>", PASSWORD_FILE_HELP)
    .option("--grant-to <role>", "the role attt serve connects as", "attt_service")
    .action(
      action(async (o: { db?: string; dbPasswordFile?: string; grantTo: string }) => {
        const pool = openPool(dbUrl(o), 1, dbPassword(o));
        try {
          const applied = await withClient(pool, async (c) => {
            const done = await migrate(c);
            await grantService(c, o.grantTo);
            return done;
          });
          process.stderr.write(
            applied.length ? `applied migrations ${applied.join(", ")}\n` : "the schema is up to date\n",
          );
          return 0;
        } finally {
          await pool.end();
        }
      }),
    );

  const cred = program
    .command("credential")
    .description(
      "Units' upload credentials: made by attt, stored only hashed / Khóa tải minh chứng của đơn vị",
    );
  const unitId = (unit: string) => {
    if (!Id.safeParse(unit).success)
      throw new UsageError(
        `--unit must be a unit ID of the inventory, not "${unit}"`,
        `--unit phải là mã một đơn vị trong bản kiểm kê, không phải "${unit}"`,
      );
    return unit;
  };
  for (const [name, rotate] of [
    ["create", false],
    ["rotate", true],
  ] as const)
    cred
      .command(name)
      .description(
        rotate
          ? "Make a new credential for a unit and revoke its others at the same moment"
          : "Make a new credential for a unit (its others stay valid)",
      )
      .option("--db <url>", DB_HELP)
      .requiredOption("--unit <id>", "the unit")
      .requiredOption(
        "--out <file>",
        "where to write the credential file (created, never overwritten; mode 0600)",
      )
      .option(
        "--url <https-url>",
        "the service's address, written into the file: the machines' launchers (attt.sh) upload there",
      )
      .action(
        action(async (o: { db?: string; unit: string; out: string; url?: string }) => {
          const unit = unitId(o.unit);
          if (o.url !== undefined && !UPLOAD_URL.test(o.url))
            throw new UsageError(
              `--url must be the service's https address (https://host[:port][/path], letters, digits and . - _ ~ / only), not "${o.url}"`,
              `--url phải là địa chỉ https của dịch vụ (https://máy[:cổng][/đường-dẫn], chỉ chữ, số và . - _ ~ /), không phải "${o.url}"`,
            );
          const pool = openPool(dbUrl(o), 1);
          try {
            const made = await withClient(pool, (c) => createCredential(c, unit, { rotate }));
            try {
              writeFileSync(
                o.out,
                credentialFile(unit, made.keyId, made.token, new Date().toISOString().slice(0, 10), o.url),
                {
                  flag: "wx",
                  mode: 0o600,
                },
              );
            } catch (e) {
              // The key exists but nobody holds it: revoke it rather than leave a live orphan.
              await withClient(pool, (c) => revokeCredentials(c, { keyId: made.keyId }));
              throw new UsageError(
                `--out ${o.out}: ${fsReason(e)}; the new key was revoked again`,
                `--out ${o.out}: không ghi được tệp (lý do ở dòng tiếng Anh); khóa vừa tạo đã được thu hồi`,
              );
            }
            process.stderr.write(
              `wrote ${o.out}: key ${made.keyId} of unit ${unit}` +
                (made.revoked.length ? `; revoked ${made.revoked.join(", ")}` : "") +
                "\n",
            );
            return 0;
          } finally {
            await pool.end();
          }
        }),
      );
  cred
    .command("revoke")
    .description("Revoke one credential (--key) or every credential of a unit (--unit)")
    .option("--db <url>", DB_HELP)
    .option("--key <id>", "the key ID (the part after attt1.)")
    .option("--unit <id>", "every key of this unit")
    .action(
      action(async (o: { db?: string; key?: string; unit?: string }) => {
        if (!o.key === !o.unit)
          throw new UsageError(
            "name exactly one of --key or --unit",
            "cần đúng một trong hai: --key hoặc --unit",
          );
        if (o.key && !/^[0-9a-f]{16}$/.test(o.key))
          throw new UsageError(
            `--key must be 16 hex digits, not "${o.key}"`,
            `--key phải gồm 16 chữ số hệ 16, không phải "${o.key}"`,
          );
        const pool = openPool(dbUrl(o), 1);
        try {
          const revoked = await withClient(pool, (c) =>
            revokeCredentials(c, { keyId: o.key, unit: o.unit ? unitId(o.unit) : undefined }),
          );
          if (revoked.length === 0)
            throw new UsageError(
              "no valid credential matched; nothing was revoked",
              "không có khóa tải lên nào còn hiệu lực khớp; không thu hồi khóa nào",
            );
          process.stderr.write(`revoked ${revoked.join(", ")}\n`);
          return 0;
        } finally {
          await pool.end();
        }
      }),
    );
  cred
    .command("list")
    .description("Every credential: key ID, unit, made, revoked (never the secret, which is not stored)")
    .option("--db <url>", DB_HELP)
    .action(
      action(async (o: { db?: string }) => {
        const pool = openPool(dbUrl(o), 1);
        try {
          printJson(await withClient(pool, listCredentials));
          return 0;
        } finally {
          await pool.end();
        }
      }),
    );
}
