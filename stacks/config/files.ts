/**
 * A generated configuration file, relative to the synth output's config/ directory
 * (installed on the Docker host at StackOptions.configDir).
 */
import { contentHash } from "../naming.js";

export interface ConfigFile {
  path: string;
  content: string;
  /** Scripts are executable; everything else is read-only data. */
  mode: 0o644 | 0o755;
}

export const script = (path: string, content: string): ConfigFile => ({ path, content, mode: 0o755 });
export const data = (path: string, content: string): ConfigFile => ({ path, content, mode: 0o644 });

/** sha256 over the files under a directory: a container label, so a config change replaces the container. */
export function hashOfDir(files: ReadonlyArray<ConfigFile>, dir: string): string {
  const inside = files.filter((f) => f.path.startsWith(`${dir}/`)).sort((a, b) => (a.path < b.path ? -1 : 1));
  return contentHash(inside.flatMap((f) => [f.path, String(f.mode), f.content]));
}

/** Prometheus text-format / PromQL label value: a double-quoted string with \\, \" and \n escaped. */
export function promLabelValue(value: string): string {
  return `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")}"`;
}
