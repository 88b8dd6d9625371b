/**
 * `terraform apply` of the four synthesized stacks against the local Docker engine, a
 * check that the networks and containers exist as synthesized, then `terraform destroy`.
 *
 * Needs the kreuzwerker/docker provider, which no registry reachable here serves: set
 * ATTT_TF_PROVIDER_MIRROR to a filesystem mirror holding it
 * (DIR/registry.terraform.io/kreuzwerker/docker/3.6.2/linux_amd64/terraform-provider-docker_v3.6.2,
 * see stacks/README.md). Without it the test prints why it is skipped.
 */
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INFRA } from "../../stacks/datacentre-plan.js";
import { synthToDir } from "../../stacks/synth.js";
import { readStack } from "../helpers/dc-apply.js";
import {
  acquireMachineLock,
  baseImage,
  docker,
  dockerOk,
  dockerUnavailableReason,
  everyImage,
  removeLabelled,
  selfSignedCert,
} from "../helpers/dc-docker.js";
import { fixtureInventory } from "../helpers/dc-inventory.js";

const DC = "dc-deploy";
const STACKS = ["network", "data", "backup", "monitoring"] as const;
const mirror = process.env.ATTT_TF_PROVIDER_MIRROR;
const terraform = process.env.ATTT_TERRAFORM ?? "terraform";

function skipReason(): string | null {
  if (!mirror) {
    return "ATTT_TF_PROVIDER_MIRROR is not set: the kreuzwerker/docker provider is in no registry reachable here; point it at a filesystem mirror (stacks/README.md) to run terraform apply/destroy";
  }
  const layout = join(
    mirror,
    "registry.terraform.io/kreuzwerker/docker/3.6.2/linux_amd64/terraform-provider-docker_v3.6.2",
  );
  if (!existsSync(layout)) return `ATTT_TF_PROVIDER_MIRROR=${mirror} does not hold ${layout}`;
  return dockerUnavailableReason();
}

const reason = skipReason();
if (reason) console.log(`deploy test skipped: ${reason}`);
const suite = reason ? describe.skip : describe;

interface Inspected {
  Name: string;
  State: { Status: string };
  Config: { User: string; Labels: Record<string, string> };
  HostConfig: {
    ReadonlyRootfs: boolean;
    CapDrop: string[] | null;
    SecurityOpt: string[] | null;
    Memory: number;
  };
}

suite("terraform apply and destroy of the synthesized stacks", () => {
  let base = "";
  let out = "";
  const env = (): NodeJS.ProcessEnv => ({
    ...process.env,
    TF_CLI_CONFIG_FILE: join(base, "terraformrc"),
    TF_IN_AUTOMATION: "1",
    CHECKPOINT_DISABLE: "1",
  });
  const tf = (stack: string, args: string[]) =>
    execa(terraform, [`-chdir=${join(out, "stacks", stack)}`, ...args], {
      env: env(),
      reject: false,
      all: true,
      timeout: 600_000,
    });

  let release: (() => void) | undefined;

  beforeAll(async () => {
    release = await acquireMachineLock("dc-deploy");
    const image = await baseImage();
    await removeLabelled(`attt.datacentre=${DC}`);
    // cAdvisor's binary is not in the Debian base image: a stand-in that only stays up.
    const standIn = `attt-dc-standin:${image.split(":")[1]}`;
    await dockerOk(["build", "-q", "-t", standIn, "-"], {
      input: `FROM ${image}\nRUN printf '#!/bin/sh\\nexec sleep infinity\\n' > /usr/bin/cadvisor && chmod 0755 /usr/bin/cadvisor\n`,
      timeoutMs: 300_000,
    });
    base = mkdtempSync("/var/tmp/attt-dc-deploy-");
    out = join(base, "out");
    writeFileSync(
      join(base, "terraformrc"),
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/kreuzwerker/docker"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/kreuzwerker/docker"]\n  }\n}\n`,
    );
    const secrets = join(base, "secrets");
    for (const dir of ["backup", "postgres/records-db", "tls/records-db"])
      mkdirSync(join(secrets, dir), { recursive: true });
    const secret = (path: string, content: string, gid: number) => {
      writeFileSync(join(secrets, path), content);
      chownSync(join(secrets, path), 0, gid);
      chmodSync(join(secrets, path), 0o640);
    };
    secret("backup/repository-password", "deploy-test", 10100);
    secret("backup/htpasswd", "client:{SHA}x\n", 10100);
    secret("backup/client-repository", `rest:http://client:x@${INFRA.backupServer.id}:8000/${DC}/`, 10100);
    secret("postgres/records-db/password", "deploy-test", 999);
    selfSignedCert(join(secrets, "tls/records-db"), "records-db", 999);
    mkdirSync(join(base, "offline"));

    // The vendors' images (web, proxy, file store) are not built here: deploy the database only.
    const inventory = fixtureInventory({
      offlinePath: join(base, "offline"),
      mutate: (dc) => {
        dc.id = DC;
        dc.zones.forEach((z, i) => {
          z.subnet = `10.232.${(i + 1) * 10}.0/24`;
        });
        dc.services = dc.services.filter((s) => s.id === "records-db");
        dc.flows = dc.flows.filter((f) => f.service === undefined || f.service === "records-db");
        dc.flows = dc.flows.filter((f) => f.from !== "internet");
      },
    });
    synthToDir(inventory, out, {
      images: { ...everyImage(image), cadvisor: standIn },
      configDir: join(out, "config"),
      secretsDir: secrets,
      stateDir: join(base, "state"),
      protectDataVolumes: false,
    });
    mkdirSync(join(base, "state"), { recursive: true });
  }, 900_000);

  afterAll(async () => {
    if (reason) return;
    await removeLabelled(`attt.datacentre=${DC}`);
    if (base && !process.env.ATTT_KEEP_DC_TEST) rmSync(base, { recursive: true, force: true });
    release?.();
  });

  it("applies the four stacks in order", async () => {
    for (const stack of STACKS) {
      const init = await tf(stack, ["init", "-input=false", "-no-color"]);
      expect(init.exitCode, init.all).toBe(0);
      const apply = await tf(stack, ["apply", "-auto-approve", "-input=false", "-no-color"]);
      expect(apply.exitCode, `${stack}:\n${apply.all}`).toBe(0);
    }
  }, 1_200_000);

  it("has nothing left to change after the apply (no drift between synth and provider)", async () => {
    for (const stack of STACKS) {
      const plan = await tf(stack, ["plan", "-detailed-exitcode", "-input=false", "-no-color"]);
      expect(plan.exitCode, `${stack}:\n${plan.all}`).toBe(0);
    }
  }, 600_000);

  it("creates the networks and containers as synthesized", async () => {
    for (const stack of STACKS) {
      const resources = readStack(out, stack).resource;
      for (const n of Object.values(resources.docker_network ?? {})) {
        const [inspected] = JSON.parse(await dockerOk(["network", "inspect", n.name])) as Array<{
          Internal: boolean;
          IPAM: { Config: Array<{ Subnet: string }> };
        }>;
        expect(inspected?.Internal, n.name).toBe(n.internal ?? false);
        expect(inspected?.IPAM.Config[0]?.Subnet, n.name).toBe(n.ipam_config?.[0]?.subnet);
      }
      for (const c of Object.values(resources.docker_container ?? {})) {
        const [inspected] = JSON.parse(await dockerOk(["inspect", c.name])) as Inspected[];
        expect(inspected, c.name).toBeDefined();
        expect(inspected!.HostConfig.ReadonlyRootfs, c.name).toBe(c.read_only);
        expect(inspected!.HostConfig.CapDrop, c.name).toEqual(["ALL"]);
        expect(inspected!.HostConfig.SecurityOpt, c.name).toEqual(c.security_opts);
        expect(inspected!.Config.User, c.name).toBe(c.user);
        expect(inspected!.HostConfig.Memory, c.name).toBe((c.memory as number) * 1024 * 1024);
        expect(inspected!.Config.Labels["attt.exceptions"], c.name).toBeDefined();
        if (c.start === false)
          expect(inspected!.State.Status, `${c.name} is a job, created stopped`).toBe("created");
        else if (!c.attach) expect(inspected!.State.Status, c.name).toBe("running");
      }
    }
  });

  it("destroys them again", async () => {
    for (const stack of [...STACKS].reverse()) {
      const destroy = await tf(stack, ["destroy", "-auto-approve", "-input=false", "-no-color"]);
      expect(destroy.exitCode, `${stack}:\n${destroy.all}`).toBe(0);
    }
    const left = await docker(["ps", "-aq", "--filter", `label=attt.datacentre=${DC}`]);
    expect(left.stdout.trim()).toBe("");
    const networks = await docker(["network", "ls", "-q", "--filter", `label=attt.datacentre=${DC}`]);
    expect(networks.stdout.trim()).toBe("");
  }, 1_200_000);
});
