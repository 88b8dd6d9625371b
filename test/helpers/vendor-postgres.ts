/**
 * A throwaway PostgreSQL cluster for the postgresql template's tests: initdb in a
 * temporary directory as the operating system's postgres user, the generated
 * pg_hba.conf and conf.d snippet installed as a Debian cluster would have them, and
 * the server's own readers: `postgres -C` (how it parses postgresql.conf) and the
 * pg_hba_file_rules view (how it parses pg_hba.conf, read fresh from disk each query).
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, chownSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { postgresBinDir, userIds } from "./vendor-tools.js";

export const PG_BIN = postgresBinDir();
export const PG_USER = userIds("postgres");

function asPostgres(command: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(
    "runuser",
    ["-u", "postgres", "--", "env", ...Object.entries(env).map(([k, v]) => `${k}=${v}`), command, ...args],
    {
      encoding: "utf8",
    },
  );
  return { ok: r.status === 0, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

export class ThrowawayCluster {
  readonly data: string;
  readonly socketDir: string;
  private running = false;

  constructor(
    readonly dir: string,
    readonly port: number,
  ) {
    this.data = join(dir, "data");
    this.socketDir = join(dir, "sock");
  }

  private bin(name: string): string {
    return join(PG_BIN as string, name);
  }

  private own(path: string): void {
    if (PG_USER) chownSync(path, PG_USER.uid, PG_USER.gid);
  }

  /** initdb (its pg_hba.conf is replaced by the rendered one), then include conf.d/ as Debian clusters do. */
  init(): void {
    this.own(this.dir);
    mkdirSync(this.socketDir, { recursive: true });
    this.own(this.socketDir);
    const r = asPostgres(this.bin("initdb"), [
      "-D",
      this.data,
      "-A",
      "trust",
      "--no-instructions",
      "-U",
      "postgres",
    ]);
    if (!r.ok) throw new Error(`initdb failed: ${r.stderr}`);
    mkdirSync(join(this.data, "conf.d"), { recursive: true });
    this.own(join(this.data, "conf.d"));
    appendFileSync(join(this.data, "postgresql.conf"), "\ninclude_dir = 'conf.d'\n");
  }

  /** Installs rendered files: pg_hba.conf into the data directory, conf.d/* into conf.d. */
  install(files: Map<string, string>): void {
    for (const [path, content] of files) {
      const target = join(this.data, path);
      writeFileSync(target, content);
      this.own(target);
    }
  }

  /** `postgres -C name`: the value the server reads from its configuration files. */
  setting(name: string): { ok: boolean; value: string; error: string } {
    const r = asPostgres(this.bin("postgres"), ["-D", this.data, "-C", name]);
    return { ok: r.ok, value: r.stdout.replace(/\n$/, ""), error: r.stderr };
  }

  /**
   * Starts the server. Where the machine differs from the vendor's (addresses, port,
   * socket directory) the command line overrides the generated file, which stays as rendered.
   */
  start(): { ok: boolean; log: string } {
    const options = `-c port=${this.port} -c unix_socket_directories=${this.socketDir} -c listen_addresses=127.0.0.1`;
    const r = asPostgres(this.bin("pg_ctl"), [
      "-D",
      this.data,
      "-o",
      options,
      "-l",
      join(this.dir, "server.log"),
      "-w",
      "-t",
      "60",
      "start",
    ]);
    this.running = r.ok;
    const log = spawnSync("cat", [join(this.dir, "server.log")], { encoding: "utf8" }).stdout ?? "";
    return { ok: r.ok, log: `${r.stdout}${r.stderr}${log}` };
  }

  stop(): void {
    if (!this.running) return;
    asPostgres(this.bin("pg_ctl"), ["-D", this.data, "-m", "fast", "-w", "stop"]);
    this.running = false;
  }

  /** Runs SQL as the postgres superuser over the Unix socket (the `local all postgres peer` line). */
  sql(query: string): string {
    const r = asPostgres("psql", [
      "-X",
      "-h",
      this.socketDir,
      "-p",
      String(this.port),
      "-d",
      "postgres",
      "-At",
      "-v",
      "ON_ERROR_STOP=1",
      "-c",
      query,
    ]);
    if (!r.ok) throw new Error(`psql failed: ${r.stderr}`);
    // Only psql's final line break: a value may end in spaces (log_line_prefix does).
    return r.stdout.replace(/\n$/, "");
  }

  /** Connects over TCP to 127.0.0.1 as a client would; returns what the server said. */
  connectTcp(options: { user: string; database: string; password: string; sslmode: "disable" | "require" }): {
    ok: boolean;
    output: string;
  } {
    const r = spawnSync(
      "psql",
      [
        "-X",
        "-At",
        `host=127.0.0.1 port=${this.port} dbname=${options.database} user=${options.user} sslmode=${options.sslmode}`,
        "-c",
        "select ssl from pg_stat_ssl where pid = pg_backend_pid()",
      ],
      { encoding: "utf8", env: { ...process.env, PGPASSWORD: options.password, PGCONNECT_TIMEOUT: "10" } },
    );
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
  }
}
