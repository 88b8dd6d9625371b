/**
 * What a deployment chooses that the inventory does not say: which images to run,
 * where the generated configuration and the operator's secrets live on the Docker host,
 * and which Docker host to talk to. Defaults are the images `attt images build` makes from
 * Debian packages and the paths the README documents; tests swap in temporary directories.
 */
import { resolve } from "node:path";
import { DockerHost, IMAGE_EXPECTED, IMAGE_REFERENCE } from "../model/inventory.js";
import { CDKTF_MARKER } from "../templates/escape/terraform.js";
import { StackInputError, type StackProblem } from "./errors.js";
import { readImageArchive } from "./image-archive.js";
import { defaultImages } from "./image-catalog.js";

/** Every image the stacks run, by role. */
export interface ImageRefs {
  /** PostgreSQL (kind: postgres) when a service names no image. */
  postgres: string;
  /** Web application containers (kind: web) when a service names no image. */
  web: string;
  /** Reverse proxy (kind: reverse-proxy) when a service names no image. */
  reverseProxy: string;
  /** File store (kind: file-store) when a service names no image. */
  fileStore: string;
  /** attt's collection service (kind: evidence): built from this package, stacks/images/evidence-service. */
  evidence: string;
  /** restic's REST server, run with --append-only. */
  backupServer: string;
  /** The backup, restore, drill, retention and offline-copy jobs (needs /bin/sh and restic). */
  backupJob: string;
  prometheus: string;
  nodeExporter: string;
  /** Alertmanager: routes Prometheus's alerts to the SOC (webhook, e-mail). */
  alertmanager: string;
  /** The rsyslog relay that forwards to the SOCs. */
  logRelay: string;
  /** The zone firewall (needs nft and ip). */
  firewall: string;
  /** One-shot job that sets the owner of fresh volumes (needs /bin/sh, chown). */
  volumeInit: string;
}

/** Every role's default image: built from Debian packages by `attt images build` (image-catalog.ts). */
export const DEFAULT_IMAGES: Readonly<ImageRefs> = Object.freeze(defaultImages());

export interface DockerHostTarget {
  /** unix:///var/run/docker.sock, ssh://user@host or tcp://host:2376. */
  endpoint: string;
  /** PEM files read by Terraform at plan time (never copied into cdk.tf.json). Required for tcp://. */
  tls?: { caFile: string; certFile: string; keyFile: string };
}

export interface StackOptions {
  images: ImageRefs;
  /** Absolute path on the Docker host where `config/` of the synth output is installed. */
  configDir: string;
  /** Absolute path on the Docker host holding the operator's secrets (see stacks/README.md). */
  secretsDir: string;
  /** The Docker host to deploy to; the inventory's first host when absent. */
  dockerHost?: DockerHostTarget;
  /** Server-side retention (forget --prune) schedule: the append-only server refuses it from clients. */
  retentionSchedule: string;
  /** Terraform refuses to destroy data volumes (prevent_destroy); off only for throw-away test deployments. */
  protectDataVolumes: boolean;
  /** Docker's data root on the host, where the log relay reads container logs. */
  dockerDataRoot: string;
  /** Directory of the Terraform state files (one per stack); beside the synth output when absent. */
  stateDir?: string;
  /**
   * Image reference -> image ID, from the archive carried into an air-gapped data centre
   * (image-archive.ts): containers then run that exact ID and Terraform pulls nothing.
   */
  imageIds?: Record<string, string>;
}

export type StackOptionsInput = Partial<Omit<StackOptions, "images">> & { images?: Partial<ImageRefs> };

export function resolveOptions(datacentreId: string, input: StackOptionsInput = {}): StackOptions {
  return {
    images: { ...DEFAULT_IMAGES, ...input.images },
    configDir: input.configDir ?? `/opt/attt/${datacentreId}/config`,
    secretsDir: input.secretsDir ?? `/etc/attt/${datacentreId}/secrets`,
    dockerHost: input.dockerHost,
    retentionSchedule: input.retentionSchedule ?? "30 5 * * *",
    protectDataVolumes: input.protectDataVolumes ?? true,
    dockerDataRoot: input.dockerDataRoot ?? "/var/lib/docker",
    ...(input.stateDir ? { stateDir: input.stateDir } : {}),
    ...(input.imageIds ? { imageIds: input.imageIds } : {}),
  };
}

const IMAGE_ENV: Record<keyof ImageRefs, string> = {
  postgres: "ATTT_IMAGE_POSTGRES",
  web: "ATTT_IMAGE_WEB",
  reverseProxy: "ATTT_IMAGE_REVERSE_PROXY",
  fileStore: "ATTT_IMAGE_FILE_STORE",
  evidence: "ATTT_IMAGE_EVIDENCE",
  backupServer: "ATTT_IMAGE_BACKUP_SERVER",
  backupJob: "ATTT_IMAGE_BACKUP_JOB",
  prometheus: "ATTT_IMAGE_PROMETHEUS",
  nodeExporter: "ATTT_IMAGE_NODE_EXPORTER",
  alertmanager: "ATTT_IMAGE_ALERTMANAGER",
  logRelay: "ATTT_IMAGE_LOG_RELAY",
  firewall: "ATTT_IMAGE_FIREWALL",
  volumeInit: "ATTT_IMAGE_VOLUME_INIT",
};

/**
 * Options from the environment (used by stacks/main.ts): ATTT_IMAGE_<ROLE> per image,
 * ATTT_IMAGE_ALL for every role at once (tests), ATTT_CONFIG_DIR, ATTT_SECRETS_DIR,
 * ATTT_DOCKER_HOST (+ ATTT_DOCKER_TLS_CA/CERT/KEY).
 */

const isInside = (child: string, parent: string) => child === parent || child.startsWith(`${parent}/`);

/**
 * `outDir`, when given, is the synth output directory: the state directory must lie outside it.
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env, outDir?: string): StackOptionsInput {
  const problems: StackProblem[] = [];
  const images: Partial<ImageRefs> = {};
  for (const [role, name] of Object.entries(IMAGE_ENV) as Array<[keyof ImageRefs, string]>) {
    const value = env[name] ?? env.ATTT_IMAGE_ALL;
    if (value) images[role] = value;
  }
  const out: StackOptionsInput = { images };
  // Bind-mount sources on the Docker host: a relative path would resolve against
  // whatever directory Terraform runs in.
  const absolute = (name: string): string | undefined => {
    const value = env[name];
    if (value === undefined || value === "") return undefined;
    if (!value.startsWith("/"))
      problems.push({
        path: `environment ${name}`,
        message: `expected an absolute path on the Docker host, found "${value}"`,
      });
    return value;
  };
  const configDir = absolute("ATTT_CONFIG_DIR");
  const secretsDir = absolute("ATTT_SECRETS_DIR");
  for (const [name, dir] of [
    ["ATTT_CONFIG_DIR", configDir],
    ["ATTT_SECRETS_DIR", secretsDir],
  ] as const)
    if (dir !== undefined && /^\/+$/.test(dir))
      problems.push({
        path: `environment ${name}`,
        message: `expected a directory of its own, found "${dir}" (the whole file system)`,
      });
  if (configDir) out.configDir = configDir;
  if (secretsDir) out.secretsDir = secretsDir;
  // Terraform state must outlive every synth: absolute (a relative one would resolve inside
  // the output, from each stack's directory) and outside the output directory.
  const stateDir = absolute("ATTT_STATE_DIR");
  if (stateDir && outDir && isInside(resolve(stateDir), resolve(outDir)))
    problems.push({
      path: "environment ATTT_STATE_DIR",
      message: `expected a directory outside the synth output ${outDir} (it is replaced whole on every synth), found "${stateDir}"`,
    });
  if (stateDir) out.stateDir = stateDir;
  const archive = absolute("ATTT_IMAGE_ARCHIVE");
  if (archive) out.imageIds = Object.fromEntries(readImageArchive(archive));
  for (const [name, value] of Object.entries(env))
    if (
      (name === "ATTT_IMAGE_ALL" || Object.values(IMAGE_ENV).includes(name)) &&
      value &&
      !IMAGE_REFERENCE.test(value)
    )
      problems.push({
        path: `environment ${name}`,
        message: `expected ${IMAGE_EXPECTED}, found "${value}"`,
      });
  const tlsSet = ["ATTT_DOCKER_TLS_CA", "ATTT_DOCKER_TLS_CERT", "ATTT_DOCKER_TLS_KEY"].filter((n) => env[n]);
  if (tlsSet.length > 0 && !env.ATTT_DOCKER_HOST)
    problems.push({
      path: `environment ${tlsSet.join(", ")}`,
      message:
        "expected ATTT_DOCKER_HOST (tcp://...) beside the TLS files, found none: the files would be ignored",
    });
  if (env.ATTT_DOCKER_HOST) {
    const { ATTT_DOCKER_TLS_CA: caFile, ATTT_DOCKER_TLS_CERT: certFile, ATTT_DOCKER_TLS_KEY: keyFile } = env;
    const host = {
      id: "environment",
      endpoint: env.ATTT_DOCKER_HOST,
      ...(caFile && certFile && keyFile ? { tls: { caFile, certFile, keyFile } } : {}),
    };
    // The same rule as the inventory's hosts: unix://, ssh://, or tcp:// with a CA.
    const checked = DockerHost.safeParse(host);
    if (checked.success) out.dockerHost = { endpoint: host.endpoint, ...(host.tls ? { tls: host.tls } : {}) };
    for (const issue of checked.error?.issues ?? []) {
      const name = issue.path[0] === "tls" ? "ATTT_DOCKER_TLS_CA, _CERT and _KEY" : "ATTT_DOCKER_HOST";
      problems.push({
        path: `environment ${name}`,
        message: `expected ${issue.message}, found "${host.endpoint}"`,
      });
    }
  }
  for (const [name, value] of Object.entries(env))
    if (name.startsWith("ATTT_") && value && CDKTF_MARKER.test(value))
      problems.push({
        path: `environment ${name}`,
        message: `expected a value without cdktf's token markers (\${TfToken[ ...), found "${value}"`,
      });
  if (problems.length > 0) throw new StackInputError(problems);
  return out;
}
