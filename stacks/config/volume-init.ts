/** One volume-init script per stack that creates volumes (see stacks/volumes.ts). */
import { renderServiceTemplate } from "../../templates/handlebars.js";
import type { DatacentrePlan } from "../datacentre-plan.js";
import { planVolumes } from "../volumes.js";
import { type ConfigFile, script } from "./files.js";

/** Where the init job mounts a volume. */
export const initMountPath = (volume: string) => `/v/${volume}`;

export function volumeInitConfig(plan: DatacentrePlan): ConfigFile[] {
  const volumes = planVolumes(plan);
  const stacks = [...new Set(volumes.map((v) => v.stack))].sort();
  return stacks.map((stack) =>
    script(
      `volume-init/${stack}.sh`,
      renderServiceTemplate("volume-init.sh", {
        stack,
        volumes: volumes
          .filter((v) => v.stack === stack)
          .map((v) => ({ name: v.name, mode: v.mode, owner: v.owner, path: initMountPath(v.name) })),
      }),
    ),
  );
}
