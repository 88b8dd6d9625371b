/** The storage stack's volume-init script (see stacks/volumes.ts). */
import { renderServiceTemplate } from "../../templates/handlebars.js";
import type { DatacentrePlan } from "../datacentre-plan.js";
import { planVolumes } from "../volumes.js";
import { type ConfigFile, script } from "./files.js";

/** Where the init job mounts a volume. */
export const initMountPath = (volume: string) => `/v/${volume}`;

export function volumeInitConfig(plan: DatacentrePlan): ConfigFile[] {
  return [
    script(
      "volume-init/storage.sh",
      renderServiceTemplate("volume-init.sh", {
        stack: "storage",
        volumes: planVolumes(plan).map((v) => ({
          name: v.name,
          mode: v.mode,
          owner: v.owner,
          path: initMountPath(v.name),
        })),
      }),
    ),
  ];
}
