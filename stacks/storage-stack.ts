/**
 * Storage stack: every named volume of the data centre (services' data, database dumps,
 * the backup repository, job metrics, Prometheus's history, the log relay's queue) and the
 * one-shot job that hands each fresh volume to its writer. The volumes live here, apart
 * from the containers that use them, so destroying the data, backup or monitoring stack
 * never deletes a backup, a database or monitoring history: those stacks name the volumes,
 * they do not own them. Terraform refuses to destroy any of them (prevent_destroy); the
 * teardown (stacks/teardown.sh) keeps this stack unless the operator asks otherwise.
 */
import { Volume } from "@cdktf/provider-docker/lib/volume/index.js";
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { terraformData } from "../templates/escape/terraform.js";
import { DatacentreStack, type StackContext } from "./base-stack.js";
import { initMountPath, volumeInitScript } from "./config/volume-init.js";
import { LABEL, labelList } from "./constructs/exceptions.js";
import { HardenedContainer } from "./constructs/hardened-container.js";
import { PATHS } from "./runtime.js";
import { volumeHosts } from "./swarm-placement.js";
import { type PlannedVolume, planVolumes } from "./volumes.js";

export class StorageStack extends DatacentreStack {
  readonly volumes: Volume[];

  constructor(scope: Construct, ctx: StackContext) {
    super(scope, "storage", ctx);
    const { plan } = this;
    const ownership = this.ownership("backup");
    const planned = planVolumes(plan);
    // In a swarm, each volume on the host that holds it (the others on every host).
    const swarm = plan.swarm;
    const holders = swarm ? volumeHosts(plan, swarm) : new Map<string, string>();
    const hostsOf = (v: PlannedVolume): Array<string | undefined> =>
      swarm ? [holders.get(v.name) ?? swarm.hosts.map((h) => h.id)].flat() : [undefined];
    const volumesByHost = new Map<string | undefined, Array<{ name: string; volume: Volume }>>();
    this.volumes = planned.flatMap((v) =>
      hostsOf(v).map((host) => {
        const volume = new Volume(this, host ? `volume-${host}-${v.name}` : `volume-${v.name}`, {
          ...terraformData({
            name: v.name,
            labels: labelList({
              [LABEL.managedBy]: "attt-kit",
              [LABEL.datacentre]: plan.dc.id,
              [LABEL.owner]: ownership.owner,
              "attt.volume.data": String(v.data),
              ...(v.service ? { [LABEL.service]: v.service } : {}),
              ...(v.dumpOf ? { [LABEL.dumpOf]: v.dumpOf.join(",") } : {}),
            }),
            lifecycle: { preventDestroy: plan.options.protectDataVolumes },
          }),
          ...(host ? { provider: this.providerOf(host) } : {}),
        });
        volumesByHost.set(host, [...(volumesByHost.get(host) ?? []), { name: v.name, volume }]);
        return volume;
      }),
    );
    // What the teardown keeps (it prints them).
    new TerraformOutput(this, "volumes", { value: planned.map((v) => v.name) });
    for (const [host, volumes] of volumesByHost) {
      const names = new Set(volumes.map((v) => v.name));
      new HardenedContainer(this, host ? `volume-init-${host}` : "volume-init", {
        name: this.containerName("volume-init"),
        ...(host ? { onHost: host } : {}),
        image: this.image("volumeInit"),
        datacentre: plan.dc.id,
        role: "volume-init",
        zones: [],
        ownership,
        lifecycle: "init",
        networks: [],
        user: "0:0",
        entrypoint: [
          "/bin/sh",
          `${PATHS.config}/${host ? volumeInitScript(host) : "volume-init/storage.sh"}`,
        ],
        memoryMb: 64,
        cpus: "0.25",
        capabilitiesAdd: ["CHOWN", "FOWNER"],
        mounts: [
          this.configMount("volume-init"),
          ...planned
            .filter((v) => names.has(v.name))
            .map((v) => ({
              kind: "volume" as const,
              source: v.name,
              target: initMountPath(v.name),
              readOnly: false,
            })),
        ],
        labels: this.configHash("volume-init"),
        exceptions: [
          {
            setting: "run-as-root",
            reason: "sets the owner of fresh volumes once at deploy (Docker creates them owned by root)",
            reason_vi: "đặt chủ sở hữu cho volume mới một lần khi triển khai (Docker tạo chúng thuộc root)",
          },
          {
            setting: "add-capabilities",
            reason: "CHOWN and FOWNER to hand each fresh volume to the uid of its only writer",
            reason_vi: "CHOWN và FOWNER để giao mỗi volume mới cho uid của tiến trình duy nhất ghi vào nó",
          },
        ],
        dependsOn: volumes.map((v) => v.volume),
      });
    }
  }
}
