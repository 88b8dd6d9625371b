/**
 * The images of an air-gapped data centre travel as one `docker save` archive. Its
 * manifest.json names each image (RepoTags) and its configuration blob, whose sha256 is
 * the image ID: synth pins every container to that ID when given the archive, so the
 * engine runs exactly the image that was carried in, and Terraform never asks a registry.
 */
import { execFileSync } from "node:child_process";
import { StackInputError } from "./errors.js";

interface ManifestEntry {
  Config: string;
  RepoTags?: string[] | null;
}

/** Image reference as the engine records it: a reference without a tag is :latest. */
export function normalizedRef(ref: string): string {
  const name = ref.split("@")[0] ?? ref;
  const lastPart = name.slice(name.lastIndexOf("/") + 1);
  return lastPart.includes(":") ? name : `${name}:latest`;
}

/** reference -> image ID (sha256:...) of every tagged image in a `docker save` archive. */
export function readImageArchive(
  path: string,
  source = "environment ATTT_IMAGE_ARCHIVE",
): Map<string, string> {
  let text: string;
  try {
    text = execFileSync("tar", ["-xOf", path, "manifest.json"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (e) {
    const why = (e as { stderr?: string }).stderr?.trim() || (e as Error).message;
    throw new StackInputError([
      {
        path: source,
        message: `expected a docker save archive holding manifest.json, found "${path}" (${why})`,
      },
    ]);
  }
  let entries: ManifestEntry[];
  try {
    entries = JSON.parse(text) as ManifestEntry[];
    if (!Array.isArray(entries)) throw new Error("not a list");
  } catch {
    throw new StackInputError([
      { path: source, message: `expected manifest.json of ${path} to be docker save's list of images` },
    ]);
  }
  const ids = new Map<string, string>();
  for (const entry of entries) {
    // Docker before 25: "<id>.json"; the OCI layout of later versions: "blobs/sha256/<id>".
    const id = /([a-f0-9]{64})(\.json)?$/.exec(entry.Config)?.[1];
    if (!id) continue;
    for (const tag of entry.RepoTags ?? []) ids.set(normalizedRef(tag), `sha256:${id}`);
  }
  return ids;
}
