/**
 * Images for an air-gapped data centre, on the real Docker engine (no image registry is
 * reachable here, so anything that tried to pull would fail): `attt images build` makes
 * every default image from the Debian root; `attt images save` writes the archive, the
 * images are removed from the engine, `attt images load` brings them back with the same
 * IDs, synth given the archive pins every container to its ID, and the five stacks apply
 * from those images and run (the database, its dump and a backup into the REST server).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
} from "../helpers/dc-docker.js";
import { fixtureInventory } from "../helpers/dc-inventory.js";
import { databaseOnlyInventory, writeDatabaseOnlySecrets } from "../helpers/dc-secrets.js";

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
};

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
    const [root] = JSON.parse(await dockerOk(["image", "inspect", BASE_TAG])) as Array<{
      RootFS: { Layers: string[] };
    }>;
    for (const [tag, id] of built) {
      const [image] = JSON.parse(await dockerOk(["image", "inspect", tag])) as Array<{
        Id: string;
        RepoDigests: string[];
        RootFS: { Layers: string[] };
      }>;
      expect(image?.Id, tag).toBe(id);
      // An image that came from a registry records its digest there.
      expect(image?.RepoDigests, tag).toEqual([]);
      expect(image?.RootFS.Layers[0], `${tag} starts from the debootstrap root`).toBe(root?.RootFS.Layers[0]);
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
  }, 300_000);

  it("saves, loads after removal, pins by ID and applies the five stacks with no registry", async () => {
    const secrets = join(base, "secrets");
    writeDatabaseOnlySecrets(secrets, DC);
    mkdirSync(join(base, "offline"));
    const inventory = () => databaseOnlyInventory(DC, 234, join(base, "offline"));
    // The whole fixture (web, proxy and file store too) names every image the catalogue builds.
    const unpinned = join(base, "unpinned");
    synthToDir(fixtureInventory(), unpinned, {
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
