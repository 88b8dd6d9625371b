/** The storage stack's volume-init script (see stacks/volumes.ts). */
import { renderServiceTemplate } from "../../templates/handlebars.js";
import type { DatacentrePlan } from "../datacentre-plan.js";
import { volumeHosts } from "../swarm-placement.js";
import { type PlannedVolume, planVolumes } from "../volumes.js";
import { type ConfigFile, script } from "./files.js";

/** Where the init job mounts a volume. */
export const initMountPath = (volume: string) => `/v/${volume}`;

export function volumeInitConfig(plan: DatacentrePlan): ConfigFile[] {
  const script_ = (path: string, volumes: PlannedVolume[]) =>
    script(
      path,
      renderServiceTemplate("volume-init.sh", {
        stack: "storage",
        volumes: volumes.map((v) => ({
          name: v.name,
          mode: v.mode,
          owner: v.owner,
          path: initMountPath(v.name),
        })),
      }),
    );
  const volumes = planVolumes(plan);
  const swarm = plan.swarm;
  if (!swarm) return [script_("volume-init/storage.sh", volumes)];
  // In a swarm each host initialises the volumes on its own disks.
  const holders = volumeHosts(plan, swarm);
  return swarm.hosts.map((h) =>
    script_(
      volumeInitScript(h.id),
      volumes.filter((v) => (holders.get(v.name) ?? h.id) === h.id),
    ),
  );
}

/** The volume-init script of one host of a swarm. */
export const volumeInitScript = (host: string) => `volume-init/${host}.sh`;
