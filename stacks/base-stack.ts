/**
 * What every stack of the data centre shares: the Docker provider for the target host,
 * one image resource per image reference, and the helpers that mount generated config
 * and secrets.
 */

import { posix } from "node:path";
import { Image } from "@cdktf/provider-docker/lib/image/index.js";
import { DockerProvider } from "@cdktf/provider-docker/lib/provider/index.js";
import { Secret } from "@cdktf/provider-docker/lib/secret/index.js";
import { Fn, LocalBackend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { terraformData, terraformLiteral } from "../templates/escape/terraform.js";
import type { ConfigFile } from "./config/files.js";
import { hashOfDir } from "./config/files.js";
import { LABEL, type OwnershipLabels } from "./constructs/exceptions.js";
import type { ContainerMount, HardenedContainerProps, Placement } from "./constructs/hardened-container.js";
import { type SwarmSecretFile, swarmService } from "./constructs/swarm-service.js";
import type { DatacentrePlan } from "./datacentre-plan.js";
import { StackInputError } from "./errors.js";
import { normalizedRef } from "./image-archive.js";
import { containerName } from "./naming.js";
import type { ImageRefs } from "./options.js";
import { REQUIREMENTS, type RequirementGroup } from "./requirements.js";
import { PATHS } from "./runtime.js";
import { placeWorkload, volumeHosts } from "./swarm-placement.js";
import { secretFilesOf, secretName } from "./swarm-secrets.js";
import type { StackName } from "./volumes.js";

export interface StackContext {
  plan: DatacentrePlan;
  files: ReadonlyArray<ConfigFile>;
}

export abstract class DatacentreStack extends TerraformStack {
  protected readonly plan: DatacentrePlan;
  protected readonly files: ReadonlyArray<ConfigFile>;
  private readonly images = new Map<string, Image>();
  /** In a swarm: one provider per host (alias = host ID), for what runs on that host only. */
  private readonly hostProviders = new Map<string, DockerProvider>();
  private readonly secrets = new Map<string, Secret>();
  private hostOfVolume?: Map<string, string>;

  constructor(
    scope: Construct,
    readonly stackName: StackName,
    ctx: StackContext,
  ) {
    super(scope, stackName);
    this.plan = ctx.plan;
    this.files = ctx.files;
    // State lives outside the synth output (which a re-synth replaces whole). The default
    // path is relative to the stack's directory (<out>/stacks/<name>), so it lands beside
    // the output directory and never embeds the machine's own paths; the data centre's ID
    // in the name keeps two data centres synthesized side by side apart.
    new LocalBackend(this, {
      path: terraformLiteral(
        `${ctx.plan.options.stateDir ?? "../../.."}/terraform.${ctx.plan.dc.id}.${stackName}.tfstate`,
      ),
    });
    // A swarm's networks, services and secrets are made through its first manager.
    const host = ctx.plan.options.dockerHost ?? ctx.plan.swarm?.manager.host ?? ctx.plan.dc.hosts[0];
    if (!host) throw new Error("the data centre has no Docker host");
    // Both sources of a host (inventory, environment) are checked on the way in; this
    // guards the one rule that must never be broken.
    if (host.endpoint.startsWith("tcp://") && !host.tls) {
      throw new StackInputError([
        {
          path: "datacentre.hosts",
          message: `${host.endpoint}: tcp:// needs TLS with a CA (without one, verification is off)`,
        },
      ]);
    }
    dockerProvider(this, "docker", host);
  }

  /**
   * Where a hardened workload runs in a swarm (HardenedContainer asks its stack); undefined
   * on one host, where every container is on that host.
   */
  place(props: HardenedContainerProps): Placement | undefined {
    const swarm = this.plan.swarm;
    if (!swarm) return undefined;
    this.hostOfVolume ??= volumeHosts(this.plan, swarm);
    const where = placeWorkload(swarm, this.hostOfVolume, props);
    if (where.kind === "host")
      return { kind: "host", host: where.host, provider: this.providerOf(where.host) };
    return {
      kind: "service",
      build: (scope, hardened) =>
        swarmService(scope, hardened, {
          mode: where.mode,
          constraints: where.constraints,
          ...(where.spreadOver ? { spreadOver: where.spreadOver } : {}),
          secrets: (mount) => this.swarmSecrets(mount),
        }),
    };
  }

  /** The provider of one host of the swarm (the manager's endpoint when ATTT_DOCKER_HOST overrides it). */
  protected providerOf(hostId: string): DockerProvider {
    let provider = this.hostProviders.get(hostId);
    if (!provider) {
      const host = this.plan.dc.hosts.find((h) => h.id === hostId);
      if (!host) throw new Error(`no Docker host ${hostId}`);
      provider = dockerProvider(this, `docker-${hostId}`, host, hostId);
      this.hostProviders.set(hostId, provider);
    }
    return provider;
  }

  /**
   * The Swarm secrets standing for a secret mount: one docker_secret per file, its data
   * read by Terraform from the operator's file when it applies (filebase64), never written
   * into cdk.tf.json, mounted at the same path the bind mount would have.
   */
  private swarmSecrets(mount: { source: string; target: string }): SwarmSecretFile[] {
    const secretsDir = this.plan.options.secretsDir;
    // The path is written inside filebase64("..."), a Terraform expression.
    if (/["\\\p{Cc}]|\$\{|%\{/u.test(secretsDir))
      throw new StackInputError([
        {
          path: "environment ATTT_SECRETS_DIR",
          message: `expected a path without " \\ \${ %{ or control characters (Terraform reads the swarm's secret files from it), found ${JSON.stringify(secretsDir)}`,
        },
      ]);
    const relative = mount.source.slice(secretsDir.length + 1);
    // A mount is a directory of known files, or one known file of such a directory.
    const single =
      !secretFilesOf(relative) && secretFilesOf(posix.dirname(relative))?.includes(posix.basename(relative));
    const dir = single ? posix.dirname(relative) : relative;
    const files = single ? [posix.basename(relative)] : secretFilesOf(dir);
    if (!files) throw new Error(`no secret files known for ${dir}`);
    const source = single ? posix.dirname(mount.source) : mount.source;
    const target = single ? posix.dirname(mount.target) : mount.target;
    return files.map((file) => {
      const name = secretName(this.plan.dc.id, dir, file);
      let secret = this.secrets.get(name);
      if (!secret) {
        secret = new Secret(this, `secret-${name}`, {
          name: terraformLiteral(name),
          data: Fn.filebase64(`${source}/${file}`),
          labels: [
            { label: terraformLiteral(LABEL.managedBy), value: "attt-kit" },
            { label: terraformLiteral(LABEL.datacentre), value: terraformLiteral(this.plan.dc.id) },
          ],
        });
        this.secrets.set(name, secret);
      }
      return { secretId: secret.id, secretName: name, fileName: `${target}/${file}` };
    });
  }

  /**
   * The image resource for a role (one per distinct reference); returns its ID for
   * containers. Given an image archive, the ID it holds instead, and no image resource:
   * the engine has the image already (loaded from the archive), nothing is pulled.
   */
  protected image(role: keyof ImageRefs, override?: string): string {
    const ref = override ?? this.plan.options.images[role];
    const pinned = this.plan.options.imageIds;
    if (pinned) {
      const id = pinned[normalizedRef(ref)];
      if (!id)
        throw new StackInputError([
          {
            path: "environment ATTT_IMAGE_ARCHIVE",
            message: `expected the archive to hold image ${ref} (role ${role}), found only ${Object.keys(pinned).sort().join(", ") || "no tagged image"}`,
          },
        ]);
      return id;
    }
    let image = this.images.get(ref);
    if (!image) {
      const id = `image-${ref.replace(/[^A-Za-z0-9]+/g, "-")}`;
      // keep_locally: destroying the stack must not delete an image the host may need offline.
      image = new Image(this, id, terraformData({ name: ref, keepLocally: true }));
      this.images.set(ref, image);
    }
    return image.imageId;
  }

  protected ownership(
    group: RequirementGroup,
    owner = this.plan.dc.owner,
    level = this.plan.dc.level,
  ): OwnershipLabels {
    return { owner, level, requirements: REQUIREMENTS[group] };
  }

  protected containerName(name: string): string {
    return containerName(this.plan.dc.id, name);
  }

  /** The generated config directory of a role, read-only at /etc/attt/<dir>. */
  protected configMount(dir: string): ContainerMount {
    return {
      kind: "config",
      source: `${this.plan.options.configDir}/${dir}`,
      target: `${PATHS.config}/${dir}`,
    };
  }

  protected secretMount(dir: string): ContainerMount {
    return {
      kind: "secret",
      source: `${this.plan.options.secretsDir}/${dir}`,
      target: `${PATHS.secrets}/${dir}`,
    };
  }

  protected configHash(...dirs: string[]): Record<string, string> {
    return { [LABEL.configHash]: dirs.map((d) => hashOfDir(this.files, d)).join(",") };
  }
}

type DockerHostTarget = { endpoint: string; tls?: { caFile: string; certFile: string; keyFile: string } };

function dockerProvider(
  scope: Construct,
  id: string,
  host: DockerHostTarget,
  alias?: string,
): DockerProvider {
  return new DockerProvider(scope, id, {
    host: terraformLiteral(host.endpoint),
    ...(alias ? { alias: terraformLiteral(alias) } : {}),
    // Terraform reads the PEM files when it plans: key material never lands in cdk.tf.json.
    ...(host.tls
      ? {
          caMaterial: Fn.file(host.tls.caFile),
          certMaterial: Fn.file(host.tls.certFile),
          keyMaterial: Fn.file(host.tls.keyFile),
        }
      : {}),
  });
}
