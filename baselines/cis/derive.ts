/**
 * Derives a CIS level-1 item list (baselines/cis/<benchmark>-level1.json) from a
 * ComplianceAsCode controls file (github.com/ComplianceAsCode/content, controls/cis_*.yml):
 * only the items' IDs, titles, Automated/Manual and level-1 profiles are kept, never
 * the upstream rules or text. Run it on a checkout; nothing of upstream is vendored.
 *
 *   tsx baselines/cis/derive.ts CONTROLS_YML COMMIT OUT_JSON
 */
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";
import type { CisItem } from "./table.js";

interface UpstreamControl {
  id: string;
  title?: string;
  levels?: string[];
  status?: string;
  controls?: UpstreamControl[];
}

/** Items in document order, depth first (upstream nests some sections). */
function flatten(controls: UpstreamControl[]): UpstreamControl[] {
  return controls.flatMap((c) => [c, ...flatten(c.controls ?? [])]);
}

export function deriveItems(yamlText: string): { policy: string; version: string; items: CisItem[] } {
  const doc = parse(yamlText) as { policy: string; version: string | number; controls: UpstreamControl[] };
  const items = flatten(doc.controls)
    .filter((c) => /^\d+(\.\d+)+$/.test(c.id) && c.title !== undefined)
    .map((c) => {
      const levels = c.levels ?? [];
      return {
        id: c.id,
        title: (c.title as string).replace(/\s*\((Automated|Manual)\)\s*$/, ""),
        // Upstream's status, as the Debian 12 list was derived ("partial" counts as automated).
        automated: c.status !== "manual",
        server: levels.includes("l1_server"),
        workstation: levels.includes("l1_workstation"),
      };
    })
    .filter((i) => i.server || i.workstation);
  return { policy: doc.policy, version: String(doc.version), items };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [yml, commit, out] = process.argv.slice(2);
  if (!yml || !commit || !out) {
    process.stderr.write("usage: tsx baselines/cis/derive.ts CONTROLS_YML COMMIT OUT_JSON\n");
    process.exit(2);
  }
  const { policy, version, items } = deriveItems(readFileSync(yml, "utf8"));
  const file = yml.split("/").pop();
  const source = `ComplianceAsCode/content controls/${file} (commit ${commit}), ${policy} v${version}: IDs, titles and level-1 profiles only`;
  writeFileSync(out, `${JSON.stringify({ source, items }, null, 2)}\n`);
  process.stdout.write(`wrote ${out}: ${items.length} level-1 items\n`);
}
