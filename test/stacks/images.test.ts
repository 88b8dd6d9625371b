/**
 * Images for an air-gapped data centre, on the real Docker engine (no registry is
 * reachable here, so anything that tried to pull would fail): `attt images save` writes
 * the archive, the image is removed from the engine, `attt images load` brings it back
 * with the same ID, synth given the archive pins every container to that ID, and the
 * network and storage stacks apply from it.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { optionsFromEnv } from "../../stacks/options.js";
import { synthToDir } from "../../stacks/synth.js";
import { runCli } from "../helpers/cli.js";
import { applyStack, readStack, waitHealthy } from "../helpers/dc-apply.js";
import {
  acquireMachineLock,
  baseImage,
  docker,
  dockerOk,
  dockerUnavailableReason,
  everyImage,
  removeLabelled,
} from "../helpers/dc-docker.js";
import { fixtureInventory } from "../helpers/dc-inventory.js";

const DC = "dc-img";
const LABEL = `attt.test-run=${DC}`;
const reason = dockerUnavailableReason();
if (reason) console.log(`image archive test skipped: ${reason}`);
const suite = reason ? describe.skip : describe;

suite("images carried into an air-gapped data centre", () => {
  let base = "";
  // An image of this run's own (the base image plus one file): removing it leaves the
  // shared base image to the other tests.
  const tag = `attt-images-test/runtime:${randomBytes(4).toString("hex")}`;
  let id = "";
  let release: (() => void) | undefined;
  const inventory = () =>
    fixtureInventory({
      offlinePath: "/var/tmp",
      mutate: (dc) => {
        dc.id = DC;
        dc.zones.forEach((z, i) => {
          z.subnet = `10.234.${(i + 1) * 10}.0/24`;
        });
      },
    });

  beforeAll(async () => {
    release = await acquireMachineLock("dc-images");
    const image = await baseImage();
    await removeLabelled(LABEL);
    await dockerOk(["build", "-q", "-t", tag, "-"], {
      input: `FROM ${image}\nRUN echo ${tag} > /etc/attt-image-test\n`,
      timeoutMs: 300_000,
    });
    id = (await dockerOk(["image", "inspect", "--format", "{{.Id}}", tag])).trim();
    base = mkdtempSync("/var/tmp/attt-images-");
  }, 600_000);

  afterAll(async () => {
    if (reason) return;
    await removeLabelled(LABEL);
    await docker(["rmi", "-f", tag]);
    if (base) rmSync(base, { recursive: true, force: true });
    release?.();
  });

  it("saves, loads after removal, pins by ID and applies with no registry", async () => {
    const unpinned = join(base, "unpinned");
    synthToDir(inventory(), unpinned, { images: everyImage(tag) });
    const archive = join(base, "images.tar");
    const saved = await runCli(["images", "save", unpinned, "--out", archive]);
    expect(saved.exitCode, saved.stderr).toBe(0);
    expect(saved.stdout.trim()).toBe(`${id}  ${tag}`);

    await dockerOk(["rmi", tag]);
    expect((await docker(["image", "inspect", tag])).exitCode).not.toBe(0);
    const loaded = await runCli(["images", "load", archive]);
    expect(loaded.exitCode, loaded.stderr).toBe(0);
    expect((await dockerOk(["image", "inspect", "--format", "{{.Id}}", tag])).trim()).toBe(id);

    const pinned = join(base, "pinned");
    synthToDir(
      inventory(),
      pinned,
      optionsFromEnv(
        { ATTT_IMAGE_ALL: tag, ATTT_IMAGE_ARCHIVE: archive, ATTT_CONFIG_DIR: join(pinned, "config") },
        pinned,
      ),
    );
    for (const stack of ["network", "storage", "data", "backup", "monitoring"]) {
      const tf = readStack(pinned, stack);
      expect(tf.resource.docker_image, stack).toBeUndefined();
      for (const c of Object.values(tf.resource.docker_container ?? {})) expect(c.image, c.name).toBe(id);
    }
    await applyStack(pinned, "network", { label: LABEL, healthInterval: "1s" });
    await applyStack(pinned, "storage", { label: LABEL });
    await waitHealthy(`attt-${DC}-zone-firewall`);
    const ran = await dockerOk(["inspect", "--format", "{{.Image}}", `attt-${DC}-zone-firewall`]);
    expect(ran.trim()).toBe(id);
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
      synthToDir(inventory(), join(base, "refused"), {
        ...optionsFromEnv({ ATTT_IMAGE_ARCHIVE: other }, join(base, "refused")),
      }),
    ).toThrow(
      /expected the archive to hold image attt\/zone-firewall:bookworm \(role firewall\), found only busybox:1\.36\.1/,
    );
    const notArchive = await runCli(["images", "load", join(base, "missing.tar")]);
    expect(notArchive.exitCode).toBe(2);
    expect(notArchive.stderr).toMatch(/missing\.tar/);
  }, 600_000);
});
