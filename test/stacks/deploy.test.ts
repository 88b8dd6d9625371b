import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { synthToDir } from "../../stacks/synth.js";
import { readStack } from "../helpers/dc-apply.js";
import {
  acquireMachineLock,
  baseImage,
  builtImages,
  docker,
  dockerOk,
  dockerUnavailableReason,
  removeLabelled,
} from "../helpers/dc-docker.js";
import { databaseOnlyInventory, writeDatabaseOnlySecrets } from "../helpers/dc-secrets.js";

const DC = "dc-deploy";
const STACKS = ["network", "storage", "data", "backup", "monitoring"] as const;
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
  let releaseImages: (() => void) | undefined;

  beforeAll(async () => {
    release = await acquireMachineLock("dc-deploy");
    // The images test removes and loads the built images: not while they run here.
    releaseImages = await acquireMachineLock("dc-images");
    await builtImages();
    await removeLabelled(`attt.datacentre=${DC}`);
    base = mkdtempSync("/var/tmp/attt-dc-deploy-");
    out = join(base, "out");
    writeFileSync(
      join(base, "terraformrc"),
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/kreuzwerker/docker"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/kreuzwerker/docker"]\n  }\n}\n`,
    );
    const secrets = join(base, "secrets");
    writeDatabaseOnlySecrets(secrets, DC);
    mkdirSync(join(base, "offline"));
    // The images attt images build makes (the stacks' defaults); the vendors' web, proxy
    // and file-store images are not built here: the database only.
    const inventory = databaseOnlyInventory(DC, 232, join(base, "offline"));
    synthToDir(inventory, out, {
      configDir: join(out, "config"),
      secretsDir: secrets,
      stateDir: join(base, "state"),
    });
    mkdirSync(join(base, "state"), { recursive: true });
  }, 900_000);

  afterAll(async () => {
    if (reason) return;
    await removeLabelled(`attt.datacentre=${DC}`);
    if (base && !process.env.ATTT_KEEP_DC_TEST) rmSync(base, { recursive: true, force: true });
    releaseImages?.();
    release?.();
  });

  it("applies the five stacks in order with the generated deploy.sh (the README's Deploy step)", async () => {
    const deploy = await execa(join(out, "deploy.sh"), ["--yes"], {
      env: { ...env(), TERRAFORM: terraform },
      reject: false,
      all: true,
      timeout: 1_200_000,
    });
    expect(deploy.exitCode, deploy.all).toBe(0);
    expect(deploy.all.match(/^== \w+$/gm)).toEqual(STACKS.map((s) => `== ${s}`));
    for (const stack of STACKS)
      expect(existsSync(join(out, "stacks", stack, ".terraform.lock.hcl")), stack).toBe(true);
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

  const start = (job: string) => docker(["start", "-a", `attt-${DC}-${job}`], { timeoutMs: 300_000 });
  const dumpVolume = `attt-${DC}-records-db.dump`;
  const dumpDigest = async () =>
    (
      await dockerOk([
        "run",
        "--rm",
        "--label",
        `attt.datacentre=${DC}`,
        "--network",
        "none",
        "--mount",
        `type=volume,source=${dumpVolume},target=/v,readonly`,
        await baseImage(),
        "sha256sum",
        "/v/records-db.sql",
      ])
    ).split(" ")[0];

  it("keeps the backups when the backup stack is destroyed; applied again, its snapshot restores byte-identical", async () => {
    expect((await start("dump-records-db")).exitCode).toBe(0);
    const backup = await start("backup-job-records-db");
    expect(backup.exitCode, backup.stdout + backup.stderr).toBe(0);
    const before = await dumpDigest();
    expect(before).toMatch(/^[0-9a-f]{64}$/);

    const destroy = await tf("backup", ["destroy", "-auto-approve", "-input=false", "-no-color"]);
    expect(destroy.exitCode, destroy.all).toBe(0);
    expect((await docker(["inspect", `attt-${DC}-backup-server`])).exitCode, "backup server gone").not.toBe(
      0,
    );
    const repository = `attt-${DC}.backup-server-repository`;
    expect((await docker(["volume", "inspect", repository])).exitCode, `${repository} kept`).toBe(0);

    const apply = await tf("backup", ["apply", "-auto-approve", "-input=false", "-no-color"]);
    expect(apply.exitCode, apply.all).toBe(0);
    // Lose the dump, then bring it back from the snapshot taken before the destroy.
    await dockerOk([
      "run",
      "--rm",
      "--label",
      `attt.datacentre=${DC}`,
      "--mount",
      `type=volume,source=${dumpVolume},target=/v`,
      await baseImage(),
      "sh",
      "-c",
      "rm -f /v/records-db.sql",
    ]);
    const restore = await start("restore-job-records-db");
    expect(restore.exitCode, restore.stdout + restore.stderr).toBe(0);
    expect(await dumpDigest()).toBe(before);
  }, 1_200_000);

  it("tears down with the generated teardown.sh, keeping every volume", async () => {
    const volumes = Object.values(readStack(out, "storage").resource.docker_volume ?? {}).map((v) => v.name);
    expect(volumes.length).toBeGreaterThan(5);
    const refused = await execa(join(out, "teardown.sh"), ["--delete-data-and-backups", "wrong-id"], {
      env: { ...env(), TERRAFORM: terraform },
      reject: false,
      all: true,
    });
    expect(refused.exitCode, refused.all).toBe(2);
    expect(refused.all).toContain(`"${DC}"`);
    expect((await docker(["inspect", `attt-${DC}-records-db`])).exitCode, "nothing destroyed").toBe(0);

    const teardown = await execa(join(out, "teardown.sh"), [], {
      env: { ...env(), TERRAFORM: terraform },
      reject: false,
      all: true,
      timeout: 1_200_000,
    });
    expect(teardown.exitCode, teardown.all).toBe(0);
    const left = await docker([
      "ps",
      "-a",
      "--format",
      "{{.Names}}",
      "--filter",
      `label=attt.datacentre=${DC}`,
    ]);
    // Only the storage stack's one-shot volume-init job is left, beside the volumes.
    expect(left.stdout.trim().split("\n")).toEqual([`attt-${DC}-volume-init`]);
    const networks = await docker(["network", "ls", "-q", "--filter", `label=attt.datacentre=${DC}`]);
    expect(networks.stdout.trim()).toBe("");
    for (const v of volumes) expect((await docker(["volume", "inspect", v])).exitCode, `${v} kept`).toBe(0);
    // A plain destroy of the storage stack is refused (prevent_destroy).
    const plain = await tf("storage", ["destroy", "-auto-approve", "-input=false", "-no-color"]);
    expect(plain.exitCode).not.toBe(0);
    expect(plain.all).toMatch(/prevent_destroy/);

    // Deployed again, the database finds its data and the repository its snapshots.
    for (const stack of STACKS) {
      const apply = await tf(stack, ["apply", "-auto-approve", "-input=false", "-no-color"]);
      expect(apply.exitCode, `${stack}:\n${apply.all}`).toBe(0);
    }
    const restore = await start("restore-job-records-db");
    expect(restore.exitCode, restore.stdout + restore.stderr).toBe(0);
  }, 1_800_000);

  it("deletes the data only when told so with the data centre's ID", async () => {
    const teardown = await execa(join(out, "teardown.sh"), ["--delete-data-and-backups", DC], {
      env: { ...env(), TERRAFORM: terraform },
      reject: false,
      all: true,
      timeout: 1_200_000,
    });
    expect(teardown.exitCode, teardown.all).toBe(0);
    const left = await docker(["ps", "-aq", "--filter", `label=attt.datacentre=${DC}`]);
    expect(left.stdout.trim()).toBe("");
    const volumes = await docker(["volume", "ls", "-q", "--filter", `label=attt.datacentre=${DC}`]);
    expect(volumes.stdout.trim()).toBe("");
    const networks = await docker(["network", "ls", "-q", "--filter", `label=attt.datacentre=${DC}`]);
    expect(networks.stdout.trim()).toBe("");
    // The override that lifted prevent_destroy exists only while the teardown runs.
    expect(existsSync(join(out, "stacks", "storage", "attt-delete-data_override.tf.json"))).toBe(false);
  }, 1_800_000);
});
