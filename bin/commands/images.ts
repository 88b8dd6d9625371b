import { existsSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Command } from "commander";
import { execa } from "execa";
import { action, UsageError } from "../cli-kit.js";

const STACKS = ["network", "storage", "data", "backup", "monitoring"];

/** The archive's images, or a usage error (exit 2) naming the archive and what is wrong. */
async function archiveIds(path: string): Promise<Map<string, string>> {
  const [{ readImageArchive }, { StackInputError }] = await Promise.all([
    import("../../stacks/image-archive.js"),
    import("../../stacks/errors.js"),
  ]);
  try {
    return readImageArchive(path, path);
  } catch (e) {
    if (e instanceof StackInputError) throw new UsageError(e.problems.map((p) => p.message).join("; "));
    throw e;
  }
}

/**
 * `attt images build|save|load`: every image the synthesized stacks run, carried into an
 * air-gapped data centre as one `docker save` archive, and loaded into its engine there.
 */
export function registerImages(program: Command): void {
  const images = program
    .command("images")
    .description(
      "Images for an air-gapped data centre: build them from Debian packages, save every image the synthesized stacks run into one archive, load it there. See stacks/README.md.",
    );
  images
    .command("build")
    .description(
      "build every image the stacks run by default from Debian packages, with no image registry (as root: debootstrap, docker build), and print their IDs",
    )
    .option("--mirror <url>", "the Debian mirror", "http://deb.debian.org/debian")
    .option(
      "--rest-server <file>",
      "a rest-server v0.14.0 binary (otherwise built once with Go from the Go module proxy)",
    )
    .action(
      action(async (opts: { mirror: string; restServer?: string }) => {
        const { buildImages, ImageBuildError } = await import("../../stacks/image-build.js");
        // http(s) only: the Dockerfiles' apt-get runs in a container, which sees no host path.
        if (!/^https?:\/\/[A-Za-z0-9._~:/@%+-]+$/.test(opts.mirror))
          throw new UsageError(
            `--mirror: expected an http(s):// URL of a Debian mirror, found "${opts.mirror}"`,
            `--mirror: cần địa chỉ http(s):// của một máy chủ gói Debian, không phải "${opts.mirror}"`,
          );
        if (opts.restServer && !existsSync(opts.restServer))
          throw new UsageError(
            `--rest-server: ${opts.restServer} does not exist`,
            `--rest-server: không có tệp ${opts.restServer}`,
          );
        try {
          const built = await buildImages({
            mirror: opts.mirror,
            ...(opts.restServer ? { restServer: opts.restServer } : {}),
            progress: (line) => process.stderr.write(`${line}\n`),
          });
          for (const { id, tag } of built) process.stdout.write(`${id}  ${tag}\n`);
        } catch (e) {
          if (e instanceof ImageBuildError) throw new UsageError(e.message);
          throw e;
        }
        return 0;
      }),
    );
  images
    .command("save")
    .description(
      "docker save every image the stacks of a synth output run into one archive, and print their IDs",
    )
    .argument("<synth-out>", "output directory of attt synth")
    .requiredOption("--out <file>", "the archive to write (replaced atomically)")
    .action(
      action(async (synthOut: string, opts: { out: string }) => {
        const { stackImages } = await import("../../stacks/host-scripts.js");
        let refs: string[];
        try {
          refs = stackImages(synthOut, STACKS);
        } catch {
          throw new UsageError(
            `${synthOut} is not the output of attt synth (no stacks/<name>/cdk.tf.json)`,
            `${synthOut} không phải kết quả của attt synth (không có stacks/<tên>/cdk.tf.json)`,
          );
        }
        const missing: string[] = [];
        for (const ref of refs)
          if ((await execa("docker", ["image", "inspect", ref], { reject: false })).exitCode !== 0)
            missing.push(ref);
        if (missing.length > 0)
          throw new UsageError(
            `not in the Docker engine, so not saved: ${missing.join(", ")} (build or pull them on a connected machine first)`,
            `chưa có trong Docker nên không lưu được: ${missing.join(", ")} (hãy build hoặc tải chúng trên một máy có mạng trước)`,
          );
        const tmp = join(dirname(opts.out), `.${process.pid}.attt-images.tmp`);
        const saved = await execa("docker", ["save", "-o", tmp, ...refs], { reject: false, all: true });
        if (saved.exitCode !== 0) {
          rmSync(tmp, { force: true });
          throw new UsageError(
            `docker save failed: ${saved.all}`,
            "docker save không thành công (lý do ở dòng tiếng Anh)",
          );
        }
        renameSync(tmp, opts.out);
        for (const [ref, id] of [...(await archiveIds(opts.out))].sort())
          process.stdout.write(`${id}  ${ref}\n`);
        return 0;
      }),
    );
  images
    .command("load")
    .description(
      "docker load an archive written by attt images save, and check every image arrived with its ID",
    )
    .argument("<archive>", "the archive")
    .action(
      action(async (archive: string) => {
        const expected = await archiveIds(archive);
        const loaded = await execa("docker", ["load", "-i", archive], { reject: false, all: true });
        if (loaded.exitCode !== 0)
          throw new UsageError(
            `docker load failed: ${loaded.all}`,
            "docker load không thành công (lý do ở dòng tiếng Anh)",
          );
        for (const [ref, id] of [...expected].sort()) {
          const r = await execa("docker", ["image", "inspect", "--format", "{{.Id}}", ref], {
            reject: false,
          });
          if (r.stdout.trim() !== id)
            throw new UsageError(
              `${ref} is ${r.stdout.trim() || "missing"} in the engine, expected ${id}`,
              `${ref} trong Docker là ${r.stdout.trim() || "không có"}, cần đúng ${id}`,
            );
          process.stdout.write(`${id}  ${ref}\n`);
        }
        return 0;
      }),
    );
}
