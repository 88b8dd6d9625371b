/**
 * Builds every image of the catalogue (image-catalog.ts) with no image registry: the
 * Debian roots from debootstrap (stacks/images/debian/build-base.sh, cached by its recipe's
 * hash), then each Dockerfile FROM its root's image ID, so the builder never resolves a
 * name anywhere. Docker's build cache keeps an unchanged image from being rebuilt. The
 * evidence service's context is this checkout's package (context.sh: dist/ and the
 * production node_modules already installed), so no npm registry is asked either.
 */
import { chmodSync, copyFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { packageRoot } from "../model/package-root.js";
import { BASE_TAG, BUILT_IMAGES } from "./image-catalog.js";

export const DEBIAN_MIRROR = "http://deb.debian.org/debian";
/** Where the rest-server binary is built once when none is given. */
export const REST_SERVER_CACHE = "/var/cache/attt/rest-server-v0.14.0";

export class ImageBuildError extends Error {}

export interface BuiltImageId {
  tag: string;
  id: string;
}

const imagesDir = join(packageRoot, "stacks/images");

async function run(file: string, args: string[], what: string): Promise<string> {
  // The classic builder: FROM an image ID resolves in the local engine, never a registry.
  const r = await execa(file, args, {
    reject: false,
    all: true,
    stdin: "ignore",
    env: { DOCKER_BUILDKIT: "0" },
  });
  if (r.exitCode !== 0) {
    const tail = String(r.all ?? "")
      .split("\n")
      .slice(-25)
      .join("\n");
    throw new ImageBuildError(`${what} failed (exit ${r.exitCode ?? "signal"}):\n${tail}`);
  }
  return String(r.stdout);
}

async function imageId(ref: string): Promise<string> {
  return (
    await run("docker", ["image", "inspect", "--format", "{{.Id}}", ref], `docker image inspect ${ref}`)
  ).trim();
}

export async function buildImages(options: {
  mirror?: string;
  restServer?: string;
  progress?: (line: string) => void;
}): Promise<BuiltImageId[]> {
  const say = options.progress ?? (() => {});
  const mirror = options.mirror ?? DEBIAN_MIRROR;
  const roots = new Map<string, string>();
  /** The image ID of the debootstrap root of a suite, built once per recipe. */
  const rootOf = async (suite: string): Promise<string> => {
    const known = roots.get(suite);
    if (known) return known;
    say(`base: debootstrap ${suite} from ${mirror} (once per recipe)`);
    const tag = (
      await run(
        "bash",
        [join(imagesDir, "debian/build-base.sh"), mirror, suite],
        `stacks/images/debian/build-base.sh (${suite})`,
      )
    )
      .trim()
      .split("\n")
      .pop() as string;
    const id = await imageId(tag);
    roots.set(suite, id);
    return id;
  };
  const baseId = await rootOf("bookworm");
  await run("docker", ["tag", baseId, BASE_TAG], `docker tag ${BASE_TAG}`);

  const restServer = options.restServer ?? REST_SERVER_CACHE;
  if (!options.restServer)
    await run("bash", [join(imagesDir, "rest-server/build-binary.sh"), restServer], "building rest-server");

  const built: BuiltImageId[] = [{ tag: BASE_TAG, id: baseId }];
  for (const image of BUILT_IMAGES) {
    if (!image.dir) continue;
    say(`${image.tag}: stacks/images/${image.dir}`);
    const previous = (
      await execa("docker", ["image", "inspect", "--format", "{{.Id}}", image.tag], { reject: false })
    ).stdout.trim();
    const from = await rootOf(image.suite ?? "bookworm");
    const context = mkdtempSync(join(tmpdir(), "attt-image-"));
    try {
      if (image.withPackage) {
        // context.sh makes a directory that must not exist yet.
        rmSync(context, { recursive: true });
        await run("bash", [join(imagesDir, image.dir, "context.sh"), context], `the context of ${image.tag}`);
      }
      cpSync(join(imagesDir, image.dir), context, { recursive: true });
      if (image.dir === "rest-server") {
        copyFileSync(restServer, join(context, "rest-server"));
        chmodSync(join(context, "rest-server"), 0o755);
      }
      await run(
        "docker",
        // --cache-from: an image loaded from an archive has no parent chain for the
        // build cache to follow; its history still matches an unchanged recipe.
        ["build", "-q", "--cache-from", image.tag, "--build-arg", `BASE=${from}`, "-t", image.tag, context],
        `docker build of ${image.tag} (stacks/images/${image.dir}/Dockerfile)`,
      );
    } finally {
      rmSync(context, { recursive: true, force: true });
    }
    const id = await imageId(image.tag);
    // The image this tag named before a recipe changed: nothing runs it any more, and as
    // a child of the base it would keep the base from ever being removed.
    if (previous && previous !== id) await execa("docker", ["rmi", previous], { reject: false });
    built.push({ tag: image.tag, id });
  }
  return built;
}
