/**
 * Applies a synthesized swarm stack with Terraform itself (the kreuzwerker/docker provider
 * from the filesystem mirror ATTT_TF_PROVIDER_MIRROR names, as stacks/README.md's
 * "Offline provider mirror" sets it up), instead of the docker CLI stand-in
 * (dc-apply-swarm.ts). Each stack's providers already name the hosts' engines; `only`
 * becomes `-target` on those services and containers and on every network, volume and
 * secret (Terraform adds the images the targets run), so what is deployed is the same set
 * the stand-in creates.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";

const PROVIDER = "registry.terraform.io/kreuzwerker/docker";
const RUNS = new Set(["docker_service", "docker_container"]);
/** Only as a dependency of a target: an image no deployed workload runs is not in the engines. */
const IMAGE = "docker_image";

/** Why Terraform cannot apply here (the stand-in is used then), or null. */
export function terraformUnavailableReason(mirror: string | undefined): string | null {
  if (!mirror)
    return "ATTT_TF_PROVIDER_MIRROR is not set (the kreuzwerker/docker provider is in no registry reachable here; stacks/README.md, Offline provider mirror)";
  const binary = join(mirror, PROVIDER, "3.6.2/linux_amd64/terraform-provider-docker_v3.6.2");
  if (!existsSync(binary)) return `ATTT_TF_PROVIDER_MIRROR=${mirror} does not hold ${binary}`;
  return null;
}

export interface TerraformSwarm {
  /** Environment for terraform: the mirror's CLI configuration, no checkpoint calls. */
  env: Record<string, string>;
}

/** Writes the README's terraformrc for `mirror` into `dir`. */
export function terraformWithMirror(mirror: string, dir: string): TerraformSwarm {
  const rc = join(dir, "terraformrc");
  writeFileSync(
    rc,
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["${PROVIDER}"]\n  }\n  direct {\n    exclude = ["${PROVIDER}"]\n  }\n}\n`,
  );
  return { env: { TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" } };
}

export async function terraformApplyStack(
  tf: TerraformSwarm,
  outDir: string,
  stack: string,
  options: { only?: (name: string) => boolean; plainOverlays?: boolean } = {},
): Promise<void> {
  const dir = join(outDir, "stacks", stack);
  const file = join(dir, "cdk.tf.json");
  const json = JSON.parse(readFileSync(file, "utf8")) as {
    resource: Record<string, Record<string, { name?: string; options?: Record<string, string> }>>;
  };
  if (options.plainOverlays) {
    // As the stand-in: only where the kernel cannot do IPsec ESP (the caller says why).
    for (const n of Object.values(json.resource.docker_network ?? {})) delete n.options?.encrypted;
    writeFileSync(file, JSON.stringify(json, null, 2));
  }
  const targets = options.only
    ? Object.entries(json.resource).flatMap(([type, byId]) =>
        Object.entries(byId)
          .filter(([, r]) => (RUNS.has(type) ? options.only?.(String(r.name)) : type !== IMAGE))
          .map(([id]) => `-target=${type}.${id}`),
      )
    : [];
  const run = async (args: string[]) => {
    const r = await execa("terraform", [`-chdir=${dir}`, ...args], {
      env: tf.env,
      reject: false,
      all: true,
      stdin: "ignore",
      timeout: 600_000,
    });
    if (r.exitCode !== 0) throw new Error(`terraform ${args[0]} of stack ${stack}:\n${r.all}`);
  };
  await run(["init", "-input=false"]);
  await run(["apply", "-input=false", "-auto-approve", ...targets]);
}
