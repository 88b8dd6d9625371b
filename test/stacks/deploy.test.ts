/**
 * stacks/README.md followed on a fresh Debian 12 host (the cached test root in a chroot,
 * with this machine's Docker engine as its own), in the README's order: the images built
 * from Debian packages, the stacks synthesized, saved and pinned to the archive; the
 * output copied over, prepare-host.sh (packages, then a stop for the operator's
 * certificate, then the rest and the images loaded), terraform and the provider mirror
 * as the README sets them up, deploy.sh with no network; then a check that the networks
 * and containers exist as synthesized, no drift, the backup stack destroyed and applied
 * again with its snapshots still restoring byte-identical, and the generated teardown,
 * which keeps every volume, and the teardown that is told to delete them.
 *
 * Needs the kreuzwerker/docker provider, which no registry reachable here serves: set
 * ATTT_TF_PROVIDER_MIRROR to a filesystem mirror holding it
 * (DIR/registry.terraform.io/kreuzwerker/docker/3.6.2/linux_amd64/terraform-provider-docker_v3.6.2,
 * see stacks/README.md). Without it the test prints why it is skipped.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../model/package-root.js";
import { optionsFromEnv } from "../../stacks/options.js";
import { synthToDir } from "../../stacks/synth.js";
import { runCli } from "../helpers/cli.js";
import { readStack } from "../helpers/dc-apply.js";
import {
  acquireMachineLock,
  baseImage,
  builtImages,
  docker,
  dockerOk,
  dockerUnavailableReason,
  removeLabelled,
  selfSignedCert,
} from "../helpers/dc-docker.js";
import { databaseOnlyInventory } from "../helpers/dc-secrets.js";
import { type ScratchRoot, scratchRoot } from "../helpers/linux-root.js";

const DC = "dc-deploy";
const STACKS = ["network", "storage", "data", "backup", "monitoring"] as const;
const mirror = process.env.ATTT_TF_PROVIDER_MIRROR;
const terraform = process.env.ATTT_TERRAFORM ?? "terraform";
/** Where the README has the operator put the terraform binary on the Docker host. */
const terraformOnHost = "/usr/local/bin/terraform";
const terraformPath = () =>
  execFileSync("sh", ["-c", 'command -v "$0"', terraform], { encoding: "utf8" }).trim();

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

/** The README's terraformrc for the provider mirror, exactly as stacks/README.md shows it. */
function readmeTerraformrc(): string {
  const readme = readFileSync(join(packageRoot, "stacks/README.md"), "utf8");
  const block = /```hcl\n\s*(provider_installation \{[\s\S]*?\n)\s*```/.exec(readme)?.[1];
  if (!block) throw new Error("stacks/README.md shows no provider_installation block");
  return block.replace(/^ {3}/gm, "");
}

suite("stacks/README.md followed on a fresh Debian host: images, prepare-host.sh, deploy.sh, teardown", () => {
  let base = "";
  let scratch: ScratchRoot | undefined;
  let root = "";
  const mounts: string[] = [];
  /** Where the README copies the synth output on the Docker host. */
  const hostOut = `/root/attt-${DC}`;
  let out = "";
  /** Paths the host's Docker engine bind-mounts into containers: the same inside the fresh root. */
  const shared = [`/opt/attt/${DC}`, `/etc/attt/${DC}`];
  /** A command on the fresh host, in a network namespace of its own (the data centre is air-gapped). */
  const onHost = (command: string, args: string[], timeout = 600_000) =>
    execa(
      "unshare",
      [
        "--net",
        "chroot",
        root,
        "env",
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME=/root",
        "TF_CLI_CONFIG_FILE=/etc/attt/terraformrc",
        "TF_IN_AUTOMATION=1",
        "CHECKPOINT_DISABLE=1",
        `TERRAFORM=${terraformOnHost}`,
        command,
        ...args,
      ],
      { reject: false, all: true, timeout, stdin: "ignore" },
    );
  const tf = (stack: string, args: string[]) =>
    onHost(terraformOnHost, [`-chdir=${hostOut}/stacks/${stack}`, ...args]);
  const script = (name: string, args: string[], timeout = 1_200_000) =>
    onHost(`${hostOut}/${name}`, args, timeout);

  let release: (() => void) | undefined;
  let releaseImages: (() => void) | undefined;

  beforeAll(async () => {
    release = await acquireMachineLock("dc-deploy");
    // The images test removes and loads the built images: not while they run here.
    releaseImages = await acquireMachineLock("dc-images", 1_800_000);
    await builtImages();
    await removeLabelled(`attt.datacentre=${DC}`);
    base = mkdtempSync("/var/tmp/attt-dc-deploy-");

    // Where the operator builds (README "Images for an air-gapped data centre"): the images
    // are built (above), the stacks synthesized, the images saved, the stacks pinned to them.
    // The vendors' web, proxy and file-store images are not built here: the database only.
    const inventory = databaseOnlyInventory(DC, 232, `/opt/attt/${DC}/offline`);
    synthToDir(inventory, join(base, "unpinned"), {});
    const archive = join(base, "attt-images.tar");
    const saved = await runCli(["images", "save", join(base, "unpinned"), "--out", archive]);
    if (saved.exitCode !== 0) throw new Error(`attt images save: ${saved.stderr}`);
    writeFileSync(join(base, "attt-images.tar.ids"), saved.stdout);
    const pinned = join(base, "cdktf.out");
    synthToDir(inventory, pinned, optionsFromEnv({ ATTT_IMAGE_ARCHIVE: archive }, pinned));

    // The fresh Debian 12 host: the cached test root, the machine's Docker engine as its own.
    scratch = scratchRoot();
    root = scratch.root;
    out = join(root, hostOut);
    copyFileSync("/etc/resolv.conf", join(root, "etc/resolv.conf"));
    writeFileSync(join(root, "run/docker.sock"), "");
    const bind = (source: string, target: string, type = "bind") => {
      execFileSync("mount", type === "bind" ? ["--bind", source, target] : ["-t", type, source, target]);
      mounts.unshift(target);
    };
    bind("proc", join(root, "proc"), "proc");
    bind("/dev", join(root, "dev"));
    bind("/var/run/docker.sock", join(root, "run/docker.sock"));
    for (const dir of shared) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      mkdirSync(join(root, dir), { recursive: true });
      bind(dir, join(root, dir));
    }
    // README "Prepare the Docker host": the copy (tar through a pipe, as over ssh) ...
    const copy = await execa(
      "sh",
      [
        "-c",
        `tar -C "$1" -c . | chroot "$2" sh -c 'mkdir -p "$0" && tar -C "$0" -x' "$3"`,
        "sh",
        pinned,
        root,
        hostOut,
      ],
      { reject: false, all: true },
    );
    if (copy.exitCode !== 0) throw new Error(`copying the synth output: ${copy.all}`);
    copyFileSync(archive, join(root, "root/attt-images.tar"));
    // ... and prepare-host.sh: packages from the mirror (the network is needed here only),
    // then it stops for the operator's certificate, which the province's CA would issue.
    const first = await execa(
      "chroot",
      [root, "sh", "-c", `cd ${hostOut} && ./prepare-host.sh --images /root/attt-images.tar`],
      {
        reject: false,
        all: true,
        timeout: 1_200_000,
        stdin: "ignore",
        env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" },
      },
    );
    if (
      first.exitCode !== 2 ||
      !first.all.includes(`missing /etc/attt/${DC}/secrets/tls/records-db/server.key`)
    )
      throw new Error(`prepare-host.sh, first run (expected to stop for the certificate):\n${first.all}`);
    selfSignedCert(`/etc/attt/${DC}/secrets/tls/records-db`, "records-db", 999);
    const second = await onHost("sh", [
      "-c",
      `cd ${hostOut} && ./prepare-host.sh --images /root/attt-images.tar`,
    ]);
    if (second.exitCode !== 0) throw new Error(`prepare-host.sh, second run:\n${second.all}`);

    // README "Deploy" and "Offline provider mirror": terraform, the mirror, its terraformrc.
    copyFileSync(terraformPath(), join(root, terraformOnHost));
    chmodSync(join(root, terraformOnHost), 0o755);
    cpSync(mirror as string, join(root, "opt/attt/tf-mirror"), { recursive: true });
    writeFileSync(join(root, "etc/attt/terraformrc"), readmeTerraformrc());
  }, 1_800_000);

  afterAll(async () => {
    if (reason) return;
    await removeLabelled(`attt.datacentre=${DC}`);
    for (const m of mounts) execFileSync("umount", ["-l", m]);
    if (!process.env.ATTT_KEEP_DC_TEST) {
      for (const dir of shared) {
        rmSync(dir, { recursive: true, force: true });
        // /opt/attt and /etc/attt, when this test made them: rmdir leaves a used one alone.
        spawnSync("rmdir", [dirname(dir)]);
      }
      scratch?.remove();
      if (base) rmSync(base, { recursive: true, force: true });
    }
    releaseImages?.();
    release?.();
  });

  it("applies the five stacks in order with the generated deploy.sh, with no network", async () => {
    const deploy = await script("deploy.sh", ["--yes"]);
    expect(deploy.exitCode, deploy.all).toBe(0);
    // The script's own progress lines (stderr; Terraform's plan goes to stdout).
    expect(deploy.stderr.match(/^== \w+$/gm)).toEqual(STACKS.map((s) => `== ${s}`));
    for (const stack of STACKS)
      expect(existsSync(join(out, "stacks", stack, ".terraform.lock.hcl")), stack).toBe(true);
    // Every container runs the image carried in, by ID.
    const ids = readFileSync(join(base, "attt-images.tar.ids"), "utf8");
    for (const stack of STACKS)
      for (const c of Object.values(readStack(out, stack).resource.docker_container ?? {}))
        expect(ids, c.name).toContain(c.image as string);
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
    const refused = await script("teardown.sh", ["--delete-data-and-backups", "wrong-id"]);
    expect(refused.exitCode, refused.all).toBe(2);
    expect(refused.all).toContain(`"${DC}"`);
    expect((await docker(["inspect", `attt-${DC}-records-db`])).exitCode, "nothing destroyed").toBe(0);

    const teardown = await script("teardown.sh", []);
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
    const teardown = await script("teardown.sh", ["--delete-data-and-backups", DC]);
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
