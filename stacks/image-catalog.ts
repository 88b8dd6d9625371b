/**
 * The images the stacks run by default, every one built here from Debian packages by
 * `attt images build` (bin/commands/images.ts): a debootstrap root loaded with `docker
 * import` (stacks/images/debian/build-base.sh), and per image a Dockerfile FROM that root
 * in stacks/images/<dir>/. No image registry is asked at any step, so the same images
 * can be built on a machine that reaches only a Debian mirror and carried into an
 * air-gapped data centre (`attt images save|load`).
 */
import type { ImageRefs } from "./options.js";

export interface BuiltImage {
  tag: string;
  /** Build context under stacks/images/; absent for the base itself. */
  dir?: string;
  /** The roles (options.ts) that run it by default. */
  roles: Array<keyof ImageRefs>;
  /** The Debian suite of the root it starts FROM; bookworm unless it needs newer packages. */
  suite?: "trixie";
  /** Its context also holds this package as stacks/images/evidence-service/context.sh makes it. */
  withPackage?: true;
}

/** The Debian root every other image starts FROM; also the volume-init job's image (sh, chown). */
export const BASE_TAG = "attt/debian:bookworm";

export const BUILT_IMAGES: ReadonlyArray<BuiltImage> = [
  { tag: BASE_TAG, roles: ["volumeInit"] },
  { tag: "attt/zone-firewall:bookworm", dir: "zone-firewall", roles: ["firewall"] },
  { tag: "attt/postgres:15-bookworm", dir: "postgres", roles: ["postgres"] },
  { tag: "attt/nginx:bookworm", dir: "nginx", roles: ["web", "reverseProxy", "fileStore"] },
  { tag: "attt/rest-server:0.14.0-bookworm", dir: "rest-server", roles: ["backupServer"] },
  { tag: "attt/restic:bookworm", dir: "restic", roles: ["backupJob"] },
  { tag: "attt/prometheus:bookworm", dir: "prometheus", roles: ["prometheus"] },
  { tag: "attt/node-exporter:bookworm", dir: "node-exporter", roles: ["nodeExporter"] },
  { tag: "attt/alertmanager:bookworm", dir: "alertmanager", roles: ["alertmanager"] },
  { tag: "attt/rsyslog:bookworm", dir: "rsyslog", roles: ["logRelay"] },
  // attt serve: fastify 5 needs Node.js 20, which Debian ships from trixie on (bookworm: 18).
  {
    tag: "attt/evidence-service:0.1.0",
    dir: "evidence-service",
    roles: ["evidence"],
    suite: "trixie",
    withPackage: true,
  },
];

/** role -> tag, from the catalogue (each role is built by exactly one entry). */
export function defaultImages(): ImageRefs {
  const refs: Partial<ImageRefs> = {};
  for (const image of BUILT_IMAGES) for (const role of image.roles) refs[role] = image.tag;
  return refs as ImageRefs;
}
