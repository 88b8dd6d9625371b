/**
 * How each kind of container runs: user, limits, health check, ports inside the
 * container. Numbers follow the upstream images (postgres runs as 999, the unprivileged
 * nginx as 101, Prometheus and node-exporter as nobody) so a volume's owner matches the
 * process that writes it.
 */
import type { Service } from "../model/inventory.js";
import type { ImageRefs } from "./options.js";

/** uid:gid pairs of the data centre's own processes. */
export const UIDS = {
  nobody: "65534:65534",
  postgres: "999:999",
  nginx: "101:101",
  /** restic's REST server and the server-side retention job (own the repository files). */
  backupServer: "10001:10001",
  /** Restore drill and offline copy: neither needs to read live data nor write the repository. */
  backupReader: "10002:10002",
  /** attt serve and its migration job (read their database password, nothing else). */
  evidence: "10200:10200",
} as const;

/**
 * The backup operators' group: reads the backup secrets (files root:10100, mode 0640)
 * and writes job metrics for node-exporter's textfile collector.
 */
export const BACKUP_GID = "10100";

export interface ServiceRuntime {
  image: keyof ImageRefs;
  user: string;
  memoryMb: number;
  cpus: string;
  /** Volume owner (uid:gid) and mode set once at deploy. */
  volumeOwner: string;
  volumeMode: string;
  /** Writable scratch paths the image needs beside /tmp (its root filesystem is read-only). */
  tmpfs: Record<string, string>;
  healthcheck: string[];
}

const SCRATCH = "rw,noexec,nosuid,nodev,size=64m";

/**
 * How a service runs, from its kind and the image it names. The user must be the one
 * the image's files belong to: official postgres images use 999 (Debian) or 70 (Alpine),
 * nginx 101, SFTPGo 1000.
 */
export function serviceRuntime(svc: Service, images: ImageRefs): ServiceRuntime {
  const image = svc.image ?? images[KIND_IMAGE[svc.kind]];
  const alpine = /alpine/i.test(image);
  switch (svc.kind) {
    case "postgres": {
      const user = alpine ? "70:70" : UIDS.postgres;
      return {
        image: "postgres",
        user,
        memoryMb: 1024,
        cpus: "1.0",
        volumeOwner: user,
        volumeMode: "0700",
        // The upstream entrypoint's temporary init server puts its socket here.
        tmpfs: {
          "/var/run/postgresql": `rw,noexec,nosuid,nodev,size=1m,uid=${user.split(":")[0]},gid=${user.split(":")[1]},mode=0775`,
        },
        healthcheck: ["CMD", "pg_isready", "-h", "/tmp", "-p", String(svc.port), "-U", "postgres"],
      };
    }
    case "file-store":
      if (/sftpgo/i.test(image)) {
        return {
          image: "fileStore",
          user: "1000:1000",
          memoryMb: 512,
          cpus: "0.5",
          volumeOwner: "1000:1000",
          volumeMode: "0750",
          tmpfs: {},
          healthcheck: ["CMD", "sftpgo", "ping"],
        };
      }
      return nginxRuntime("fileStore", svc, 512, "0.5");
    case "web":
      return nginxRuntime("web", svc, 512, "1.0");
    case "evidence":
      return {
        image: "evidence",
        user: UIDS.evidence,
        memoryMb: 768,
        cpus: "1.0",
        volumeOwner: UIDS.evidence,
        volumeMode: "0750",
        tmpfs: {},
        // attt serve speaks HTTPS only; its certificate names the service, not 127.0.0.1.
        healthcheck: ["CMD", "curl", "-fsSk", "-o", "/dev/null", `https://127.0.0.1:${svc.port}/healthz`],
      };
    case "reverse-proxy":
      return nginxRuntime("reverseProxy", svc, 256, "0.5");
  }
}

const KIND_IMAGE: Record<Service["kind"], keyof ImageRefs> = {
  postgres: "postgres",
  web: "web",
  "reverse-proxy": "reverseProxy",
  "file-store": "fileStore",
  evidence: "evidence",
};

function nginxRuntime(image: keyof ImageRefs, svc: Service, memoryMb: number, cpus: string): ServiceRuntime {
  return {
    image,
    user: UIDS.nginx,
    memoryMb,
    cpus,
    volumeOwner: UIDS.nginx,
    volumeMode: "0750",
    // Request bodies and proxied responses spill to disk: /var/cache/nginx is the upstream
    // image's temporary directory, /var/lib/nginx Debian's (a configuration rendered by
    // `attt template render reverse-proxy` keeps nginx's compiled-in one).
    tmpfs: {
      "/var/cache/nginx": SCRATCH,
      // Debian's directory is root's: nginx (101) makes its subdirectories at start.
      "/var/lib/nginx": `${SCRATCH},uid=101,gid=101,mode=0700`,
      "/var/run": "rw,noexec,nosuid,nodev,size=1m",
    },
    // The web applications speak plain HTTP in their zone. The reverse proxy terminates
    // TLS for its public names only: asked for 127.0.0.1 it answers (-k: its certificate
    // names the public name) or, as `attt template render reverse-proxy` configures it,
    // refuses the unknown name in the handshake (curl exit 35). Either is nginx alive on
    // its port; no answer (7, 28) is not. An upstream's failure (a 502) is the upstream's
    // own health check's business, not the proxy's.
    healthcheck:
      svc.kind === "reverse-proxy"
        ? [
            "CMD-SHELL",
            `curl -sk -o /dev/null --max-time 4 https://127.0.0.1:${svc.port}/; s=$?; [ "$s" = 0 ] || [ "$s" = 35 ]`,
          ]
        : ["CMD", "curl", "-fsS", "-o", "/dev/null", `http://127.0.0.1:${svc.port}/`],
  };
}

/** Where things are mounted inside containers. */
export const PATHS = {
  config: "/etc/attt",
  secrets: "/run/secrets/attt",
  metrics: "/var/lib/attt/metrics",
  repository: "/srv/restic",
  offline: "/mnt/attt-offline",
  dockerContainers: "/var/lib/docker/containers",
} as const;
