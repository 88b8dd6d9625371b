/**
 * A second, private Docker engine started with a generated daemon.json, for the
 * docker-daemon template's tests. dockerd here predates `dockerd --validate` (23.0), so
 * the only real check is to start it: it refuses unknown keys, bad values and keys that
 * conflict with flags. It runs in its own network namespace (its iptables rules and
 * bridge never touch the host's, nor another engine's), with its own data root, exec
 * root, pid file and socket; the API's /info says what it actually applied.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { toolPath } from "./vendor-tools.js";

export const DOCKERD = toolPath("dockerd");
export const UNSHARE = toolPath("unshare");

export interface DockerInfo {
  LoggingDriver: string;
  LiveRestoreEnabled: boolean;
  SecurityOptions: string[];
  Labels: string[];
  ServerVersion: string;
  DockerRootDir: string;
}

function getInfo(socketPath: string): Promise<DockerInfo | undefined> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: "/info", method: "GET", timeout: 2000 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => {
        body += d;
      });
      res.on("end", () => {
        try {
          resolve(res.statusCode === 200 ? (JSON.parse(body) as DockerInfo) : undefined);
        } catch {
          resolve(undefined);
        }
      });
    });
    req.on("error", () => resolve(undefined));
    req.on("timeout", () => req.destroy());
    req.end();
  });
}

export interface StartedEngine {
  /** What the engine reports once up, or undefined when it never answered. */
  info: DockerInfo | undefined;
  /** dockerd's own log (its refusal, when it did not start). */
  log: () => string;
  stop: () => Promise<void>;
}

/** Starts dockerd with `configFile` under `dir`; waits up to `timeoutMs` for the API or for it to exit. */
export async function startDockerd(
  dir: string,
  configFile: string,
  timeoutMs = 60_000,
): Promise<StartedEngine> {
  const socketPath = join(dir, "docker.sock");
  const logFile = join(dir, "dockerd.log");
  const { openSync } = await import("node:fs");
  const out = openSync(logFile, "a");
  const child: ChildProcess = spawn(
    UNSHARE as string,
    [
      "--net",
      "--fork",
      DOCKERD as string,
      "--config-file",
      configFile,
      "--data-root",
      join(dir, "data"),
      "--exec-root",
      join(dir, "exec"),
      "--pidfile",
      join(dir, "dockerd.pid"),
      "--host",
      `unix://${socketPath}`,
    ],
    { stdio: ["ignore", out, out] },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let info: DockerInfo | undefined;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    info = existsSync(socketPath) ? await getInfo(socketPath) : undefined;
    if (info) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    info,
    log: () => readFileSync(logFile, "utf8"),
    stop: async () => {
      if (child.exitCode !== null) return;
      // SIGTERM to dockerd itself (unshare --fork forwards nothing): it stops its containerd and exits.
      const pidFile = join(dir, "dockerd.pid");
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8").trim()) : undefined;
      if (pid) process.kill(pid, "SIGTERM");
      else child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
