/**
 * The Docker engine's own settings on every host of a swarm (config/host/daemon.json).
 * A Swarm service cannot ask for no-new-privileges (the provider's service spec has no
 * such field), so each engine sets it for every container it starts; the stacks policy
 * dc.containers.hardened reads this file to accept the services' label
 * attt.no-new-privileges=engine. One host needs none: its containers set it themselves.
 */
import type { DatacentrePlan } from "../datacentre-plan.js";
import { type ConfigFile, data } from "./files.js";

export const ENGINE_CONFIG = "host/daemon.json";

/** What every engine of the swarm must hold in /etc/docker/daemon.json. */
export const ENGINE_SETTINGS = { "no-new-privileges": true } as const;

export function engineConfig(plan: DatacentrePlan): ConfigFile[] {
  return plan.swarm ? [data(ENGINE_CONFIG, `${JSON.stringify(ENGINE_SETTINGS, null, 2)}\n`)] : [];
}
