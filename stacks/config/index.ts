/**
 * Every generated configuration file of the data centre, sorted by path: the one place
 * synthToDir and the stacks (config hashes in labels) get them from.
 */
import type { DatacentrePlan } from "../datacentre-plan.js";
import { backupConfig, hostScheduleConfig } from "./backup.js";
import { containerStateConfig } from "./container-state.js";
import { engineConfig } from "./engine.js";
import { evidenceConfig } from "./evidence.js";
import type { ConfigFile } from "./files.js";
import { firewallConfig } from "./firewall.js";
import { monitoringConfig } from "./monitoring.js";
import { postgresConfig } from "./postgres.js";
import { volumeInitConfig } from "./volume-init.js";

export type { ConfigFile } from "./files.js";

export function renderConfigFiles(plan: DatacentrePlan): ConfigFile[] {
  const files = [
    ...firewallConfig(plan),
    ...backupConfig(plan),
    ...hostScheduleConfig(plan),
    ...monitoringConfig(plan),
    ...containerStateConfig(plan),
    ...engineConfig(plan),
    ...postgresConfig(plan),
    ...evidenceConfig(plan),
    ...volumeInitConfig(plan),
  ];
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path)) throw new Error(`two generated files at ${f.path}`);
    seen.add(f.path);
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
