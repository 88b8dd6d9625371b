/**
 * The manifest of a unit's bundle: every file with its size and sha256, the generator
 * version and the inventory hash. The signature covers the manifest's exact bytes, so
 * a verified manifest vouches for every file it lists.
 */
import { createHash } from "node:crypto";
import { z } from "zod";

export const MANIFEST = "manifest.json";
export const SIGNATURE = "manifest.json.sig";

export const Manifest = z
  .object({
    schema: z.literal("attt.bundle-manifest/1"),
    unit: z.string(),
    generator: z.string(),
    inventorySha256: z.string().regex(/^[0-9a-f]{64}$/),
    files: z.array(
      z
        .object({
          path: z.string(),
          size: z.number().int().nonnegative(),
          sha256: z.string().regex(/^[0-9a-f]{64}$/),
          /** Executable scripts are listed so that a re-zipped (signed) bundle keeps them executable. */
          executable: z.boolean(),
        })
        .strict(),
    ),
  })
  .strict();
export type Manifest = z.infer<typeof Manifest>;

export const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

export function buildManifest(
  unit: string,
  generator: string,
  inventorySha256: string,
  files: Map<string, string | Uint8Array>,
  executables: Set<string>,
): string {
  const manifest: Manifest = {
    schema: "attt.bundle-manifest/1",
    unit,
    generator,
    inventorySha256,
    files: [...files]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([path, content]) => {
        const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
        return { path, size: bytes.length, sha256: sha256(bytes), executable: executables.has(path) };
      }),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
