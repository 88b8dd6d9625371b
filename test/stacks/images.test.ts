/**
 * Images for an air-gapped data centre, on the real Docker engine (no image registry is
 * reachable here, so anything that tried to pull would fail): `attt images build` makes
 * every default image from the Debian root; `attt images save` writes the archive, the
 * images are removed from the engine, `attt images load` brings them back with the same
 * IDs, synth given the archive pins every container to its ID, and the five stacks apply
 * from those images and run (the database, its dump and a backup into the REST server).
 * The evidence service's image (trixie root, this checkout's package) runs `attt serve`
 * hardened as the stacks run it, against a throwaway PostgreSQL, and answers over HTTPS.
 */
import {
  chownSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_TAG, BUILT_IMAGES } from "../../stacks/image-catalog.js";
import { DEFAULT_IMAGES, optionsFromEnv } from "../../stacks/options.js";
import { synthToDir } from "../../stacks/synth.js";
import { runCli } from "../helpers/cli.js";
import { applyStack, readStack, waitHealthy } from "../helpers/dc-apply.js";
import {
  acquireMachineLock,
  builtImages,
  docker,
  dockerOk,
  dockerUnavailableReason,
  removeLabelled,
  waitFor,
} from "../helpers/dc-docker.js";
import { fixtureInventory } from "../helpers/dc-inventory.js";
import { databaseOnlyInventory, writeDatabaseOnlySecrets } from "../helpers/dc-secrets.js";
import { call, selfSignedTls, serviceTestsUnavailable, startDatabase } from "../helpers/evidence-service.js";
import { freePort } from "../helpers/vendor-tools.js";

const DC = "dc-img";
const LABEL = `attt.test-run=${DC}`;
const STACKS = ["network", "storage", "data", "backup", "monitoring"] as const;
const reason = dockerUnavailableReason();
if (reason) console.log(`image archive test skipped: ${reason}`);
const suite = reason ? describe.skip : describe;

/** What each image must run: the program at the path the stacks' entrypoints name. */
const RUNS: Record<string, string[]> = {
  [BASE_TAG]: ["/bin/sh", "-c", "chown --version"],
  "attt/zone-firewall:bookworm": ["/usr/sbin/nft", "--version"],
  "attt/postgres:15-bookworm": ["postgres", "--version"],
  "attt/nginx:bookworm": ["nginx", "-e", "stderr", "-t"],
  "attt/rest-server:0.14.0-bookworm": ["/usr/bin/rest-server", "--version"],
  "attt/restic:bookworm": ["restic", "version"],
  "attt/prometheus:bookworm": ["/bin/prometheus", "--version"],
  "attt/node-exporter:bookworm": ["/bin/node_exporter", "--version"],
  "attt/alertmanager:bookworm": ["/bin/alertmanager", "--version"],
  "attt/rsyslog:bookworm": ["/usr/sbin/rsyslogd", "-v"],
  // fastify 5 needs Node.js 20: the reason this image starts from trixie.
  "attt/evidence-service:0.1.0": [
    "node",
    "-e",
    "process.exit(Number(process.versions.node.split('.')[0]) >= 20 ? 0 : 1)",
  ],
};
const EVIDENCE = "attt/evidence-service:0.1.0";
const MINIMAL = join(import.meta.dirname, "../fixtures/minimal/inventory.yaml");

/** The evidence service in the fixture, so that the archive carries its image too. */
const withEvidence = () =>
  fixtureInventory({
    mutate: (dc) => {
      dc.services.push({
        id: "thu-nhan",
        kind: "evidence",
        zone: "app",
        level: 3,
        port: 8443,
        database: "records-db",
      });
    },
  });

suite("images built from Debian packages, carried into an air-gapped data centre", () => {
  let base = "";
  let built = new Map<string, string>();
  let release: (() => void) | undefined;

  beforeAll(async () => {
    release = await acquireMachineLock("dc-images", 1_800_000);
    built = await builtImages();
    await removeLabelled(LABEL);
    base = mkdtempSync("/var/tmp/attt-images-");
  }, 1_800_000);

  afterAll(async () => {
    if (reason) return;
    await removeLabelled(LABEL);
    if (base) rmSync(base, { recursive: true, force: true });
    release?.();
  });

  it("builds every image the stacks run by default, from the local Debian root, pulling nothing", async () => {
    expect([...built.keys()].sort()).toEqual(BUILT_IMAGES.map((i) => i.tag).sort());
    expect(new Set(Object.values(DEFAULT_IMAGES))).toEqual(new Set(built.keys()));
    type Inspected = {
      Id: string;
      RepoDigests: string[];
      RootFS: { Layers: string[] };
      Config: { Labels: Record<string, string> | null };
    };
    const inspect = async (ref: string) =>
      (JSON.parse(await dockerOk(["image", "inspect", ref])) as Inspected[])[0] as Inspected;
    const roots = new Set<string>();
    for (const [tag, id] of built) {
      const image = await inspect(tag);
      expect(image.Id, tag).toBe(id);
      // An image that came from a registry records its digest there.
      expect(image.RepoDigests, tag).toEqual([]);
      // The root's recipe label is inherited; the root itself is the single debootstrap layer.
      const recipe = image.Config.Labels?.["attt.base-recipe"];
      expect(recipe, `${tag} names its debootstrap root`).toMatch(/^[0-9a-f]{16}$/);
      const root = await inspect(`attt/debian-base:${recipe}`);
      expect(root.RootFS.Layers, `${tag}'s root`).toHaveLength(1);
      expect(image.RootFS.Layers[0], `${tag} starts from the debootstrap root`).toBe(root.RootFS.Layers[0]);
      roots.add(root.Id);
      const [program, ...args] = RUNS[tag] ?? [];
      const ran = await docker([
        "run",
        "--rm",
        "--network",
        "none",
        "--entrypoint",
        program as string,
        tag,
        ...args,
      ]);
      expect(ran.exitCode, `${tag}: ${program} ${args.join(" ")}\n${ran.stderr}`).toBe(0);
    }
    // Two roots: bookworm for all but the evidence service, trixie for it.
    expect(roots.size).toBe(2);
    const release = async (tag: string) =>
      (await docker(["run", "--rm", "--network", "none", "--entrypoint", "cat", tag, "/etc/debian_version"]))
        .stdout;
    expect(await release(BASE_TAG)).toMatch(/^12\./);
    expect(await release(EVIDENCE)).toMatch(/^13\./);
  }, 300_000);

  it("runs attt serve from its image, read-only, no capabilities, as 10200:10200: 200 from /healthz over HTTPS", async (ctx) => {
    const unavailable = serviceTestsUnavailable();
    if (unavailable) {
      console.log(`evidence image run skipped: ${unavailable}`);
      ctx.skip();
    }
    const db = await startDatabase();
    const name = `attt-${DC}-evidence-service`;
    try {
      const dir = join(base, "evidence");
      mkdirSync(join(dir, "inventory"), { recursive: true, mode: 0o755 });
      copyFileSync(MINIMAL, join(dir, "inventory", "inventory.yaml"));
      const tls = selfSignedTls(join(dir, "tls"));
      // The key stays 0600, owned by the service's user as the stacks' secrets are.
      chownSync(tls.key, 10200, 10200);
      const port = await freePort();
      await dockerOk([
        "run",
        "-d",
        "--name",
        name,
        "--label",
        LABEL,
        // The throwaway cluster listens on the host's loopback.
        "--network",
        "host",
        "--read-only",
        "--cap-drop",
        "ALL",
        "--security-opt",
        "no-new-privileges:true",
        "--user",
        "10200:10200",
        "--tmpfs",
        "/tmp:rw,noexec,nosuid,nodev",
        "-v",
        `${join(dir, "inventory")}:/etc/attt/inventory:ro`,
        "-v",
        `${join(dir, "tls")}:/run/secrets/attt/tls:ro`,
        EVIDENCE,
        "serve",
        "/etc/attt/inventory",
        "--db",
        db.serviceUrl,
        "--tls-cert",
        "/run/secrets/attt/tls/tls.crt",
        "--tls-key",
        "/run/secrets/attt/tls/tls.key",
        "--listen",
        `127.0.0.1:${port}`,
      ]);
      const service = { url: `https://127.0.0.1:${port}`, ca: readFileSync(tls.cert) };
      let status = 0;
      const ok = await waitFor(async () => {
        status = await call(service, "GET", "/healthz").then(
          (a) => a.status,
          () => 0,
        );
        return status === 200;
      }, 120_000);
      const logs = await docker(["logs", name]);
      expect(ok, `/healthz answered ${status}\n${logs.stdout}${logs.stderr}`).toBe(true);
      const [c] = JSON.parse(await dockerOk(["container", "inspect", name])) as Array<{
        Config: { User: string };
        HostConfig: { ReadonlyRootfs: boolean; CapDrop: string[] | null; CapAdd: string[] | null };
        State: { Pid: number };
      }>;
      expect(c?.Config.User).toBe("10200:10200");
      expect(c?.HostConfig.ReadonlyRootfs).toBe(true);
      expect(c?.HostConfig.CapDrop).toEqual(["ALL"]);
      expect(c?.HostConfig.CapAdd ?? []).toEqual([]);
      // The kernel's view of the running process: its user and an empty effective set.
      const status_ = readFileSync(`/proc/${c?.State.Pid}/status`, "utf8");
      expect(status_).toMatch(/^Uid:\s+10200\s+10200\s+10200\s+10200$/m);
      expect(status_).toMatch(/^CapEff:\s+0+$/m);
    } finally {
      await docker(["rm", "-f", name]);
      db.stop();
    }
  }, 300_000);

  it("saves, loads after removal, pins by ID and applies the five stacks with no registry", async () => {
    const secrets = join(base, "secrets");
    writeDatabaseOnlySecrets(secrets, DC);
    mkdirSync(join(base, "offline"));
    const inventory = () => databaseOnlyInventory(DC, 234, join(base, "offline"));
    // The whole fixture (web, proxy and file store too) names every image the catalogue builds.
    const unpinned = join(base, "unpinned");
    synthToDir(withEvidence(), unpinned, {
      secretsDir: secrets,
      configDir: join(unpinned, "config"),
    });
    const archive = join(base, "images.tar");
    const saved = await runCli(["images", "save", unpinned, "--out", archive]);
    expect(saved.exitCode, saved.stderr).toBe(0);
    expect(saved.stdout.trim().split("\n").sort()).toEqual(
      [...built].map(([tag, id]) => `${id}  ${tag}`).sort(),
    );

    // Removed by ID (every tag of it), the images built FROM the base before the base.
    const ids = [...new Set(built.values())];
    await dockerOk([
      "rmi",
      "-f",
      ...ids.filter((id) => id !== built.get(BASE_TAG)),
      built.get(BASE_TAG) as string,
    ]);
    for (const id of ids) expect((await docker(["image", "inspect", id])).exitCode, id).not.toBe(0);
    const loaded = await runCli(["images", "load", archive]);
    expect(loaded.exitCode, loaded.stderr).toBe(0);
    for (const [tag, id] of built)
      expect((await dockerOk(["image", "inspect", "--format", "{{.Id}}", tag])).trim()).toBe(id);

    const pinned = join(base, "pinned");
    synthToDir(
      inventory(),
      pinned,
      optionsFromEnv(
        { ATTT_IMAGE_ARCHIVE: archive, ATTT_CONFIG_DIR: join(pinned, "config"), ATTT_SECRETS_DIR: secrets },
        pinned,
      ),
    );
    for (const stack of STACKS) {
      const tf = readStack(pinned, stack);
      expect(tf.resource.docker_image, stack).toBeUndefined();
      for (const c of Object.values(tf.resource.docker_container ?? {}))
        expect(ids, `${c.name} runs ${c.image}`).toContain(c.image);
    }
    for (const stack of STACKS) await applyStack(pinned, stack, { label: LABEL, healthInterval: "1s" });
    for (const service of [
      "zone-firewall",
      "records-db",
      "backup-server",
      "node-exporter",
      "prometheus",
      "alertmanager",
      "log-relay",
    ])
      await waitHealthy(`attt-${DC}-${service}`);
    for (const job of ["dump-records-db", "backup-job-records-db"]) {
      const ran = await docker(["start", "-a", `attt-${DC}-${job}`], { timeoutMs: 300_000 });
      expect(ran.exitCode, `${job}:\n${ran.stdout}${ran.stderr}`).toBe(0);
    }
  }, 900_000);

  it("refuses an archive without the image a role needs, naming it", async () => {
    // An archive of another image only (its manifest is what synth reads).
    const other = join(base, "other.tar");
    mkdirSync(join(base, "other"));
    writeFileSync(
      join(base, "other", "manifest.json"),
      JSON.stringify([{ Config: `${"a".repeat(64)}.json`, RepoTags: ["busybox:1.36.1"], Layers: [] }]),
    );
    await execa("tar", ["-cf", other, "-C", join(base, "other"), "manifest.json"]);
    expect(() =>
      synthToDir(fixtureInventory(), join(base, "refused"), {
        ...optionsFromEnv({ ATTT_IMAGE_ARCHIVE: other }, join(base, "refused")),
      }),
    ).toThrow(
      /expected the archive to hold image attt\/zone-firewall:bookworm \(role firewall\), found only busybox:1\.36\.1/,
    );
    const badMirror = await runCli(["images", "build", "--mirror", "http://mirror/debian; rm -rf /"]);
    expect(badMirror.exitCode).toBe(2);
    expect(badMirror.stderr).toMatch(/--mirror: expected an http\(s\):\/\/ URL of a Debian mirror/);
    const noBinary = await runCli(["images", "build", "--rest-server", join(base, "no-such-binary")]);
    expect(noBinary.exitCode).toBe(2);
    expect(noBinary.stderr).toContain("no-such-binary does not exist");
    const notArchive = await runCli(["images", "load", join(base, "missing.tar")]);
    expect(notArchive.exitCode).toBe(2);
    expect(notArchive.stderr).toMatch(/missing\.tar/);
  }, 600_000);
});
