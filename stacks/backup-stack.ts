/**
 * Backup stack, all in the isolated backup zone: restic's REST server in append-only
 * mode; per service a backup job (reads the service's volumes read-only) and a restore
 * job; a restore drill; server-side retention; and the offline copy to a target the host
 * attaches only while it runs. Jobs are created stopped; the host's crontab (generated)
 * starts them. The client credential can add and read snapshots, never delete them.
 */
import type { Construct } from "constructs";
import { DatacentreStack, type StackContext } from "./base-stack.js";
import { backupLayout, coveredVolumes, SECRET_FILES } from "./config/backup-layout.js";
import { LABEL } from "./constructs/exceptions.js";
import {
  type ContainerMount,
  HardenedContainer,
  type HardenedContainerProps,
} from "./constructs/hardened-container.js";
import { backupKeys, INFRA } from "./datacentre-plan.js";
import { BACKUP_GID, PATHS, UIDS } from "./runtime.js";
import { volumeOf } from "./volumes.js";

export class BackupStack extends DatacentreStack {
  readonly server: HardenedContainer;
  readonly jobs = new Map<string, HardenedContainer>();

  constructor(scope: Construct, ctx: StackContext) {
    super(scope, "backup", ctx);
    const { plan } = this;
    const layout = backupLayout(plan);
    const ownership = this.ownership("backup");
    const zone = plan.backupZone;
    const onBackupZone = (key: string) => [
      { network: zone.network, ipv4Address: plan.addressOf(zone.zone.id, key) },
    ];
    const common = {
      datacentre: plan.dc.id,
      zones: [zone.zone.id],
      ownership,
      hosts: plan.hostEntriesFor(zone.zone.id),
      groupAdd: [BACKUP_GID],
    };
    const metrics: ContainerMount = {
      kind: "volume",
      source: volumeOf(plan, "metrics"),
      target: PATHS.metrics,
      readOnly: false,
    };
    const backupSecrets = this.secretMount("backup");

    this.server = new HardenedContainer(this, "backup-server", {
      ...common,
      name: this.containerName("backup-server"),
      image: this.image("backupServer"),
      role: "backup-server",
      lifecycle: "service",
      networks: onBackupZone(INFRA.backupServer.id).map((n) => ({ ...n, aliases: [INFRA.backupServer.id] })),
      user: UIDS.backupServer,
      entrypoint: ["/usr/bin/rest-server"],
      command: [
        "--path",
        PATHS.repository,
        "--listen",
        `:${INFRA.backupServer.port}`,
        "--append-only",
        "--htpasswd-file",
        `${PATHS.secrets}/${SECRET_FILES.htpasswd}`,
        "--prometheus",
        "--prometheus-no-auth",
      ],
      healthcheck: {
        test: ["CMD", "wget", "-q", "-O", "/dev/null", `http://127.0.0.1:${INFRA.backupServer.port}/metrics`],
      },
      memoryMb: 512,
      cpus: "1.0",
      mounts: [
        { kind: "volume", source: volumeOf(plan, "repository"), target: PATHS.repository, readOnly: false },
        backupSecrets,
      ],
    });

    type JobProps = Omit<
      HardenedContainerProps,
      "datacentre" | "zones" | "ownership" | "groupAdd" | "lifecycle" | "memoryMb" | "cpus" | "image"
    >;
    const job = (id: string, props: JobProps) => {
      const container = new HardenedContainer(this, id, {
        ...common,
        image: this.image("backupJob"),
        lifecycle: "job",
        memoryMb: 1024,
        cpus: "1.0",
        ...props,
        labels: { ...props.labels, ...this.configHash("backup") },
        dependsOn: [this.server.container],
      });
      this.jobs.set(id, container);
      return container;
    };

    for (const t of plan.backupTargets) {
      const service = t.service.id;
      const backupName = layout.jobName("backup-job", service);
      job(backupName, {
        name: this.containerName(backupName),
        role: "backup-job",
        networks: onBackupZone(backupKeys.job(service)),
        user: "0:0",
        entrypoint: ["/bin/sh", `${PATHS.config}/backup/${backupName}.sh`],
        capabilitiesAdd: ["DAC_READ_SEARCH"],
        mounts: [
          ...t.volumes.map((v) => ({
            kind: "volume" as const,
            source: v.volume,
            target: layout.volumePath(service, v.id),
            readOnly: true,
          })),
          metrics,
          backupSecrets,
          this.configMount("backup"),
        ],
        labels: { [LABEL.service]: service, [LABEL.backupCovers]: coveredVolumes(t).join(",") },
        exceptions: [
          {
            setting: "run-as-root",
            reason:
              "reads every file of the service's volumes, whatever their owner; the volumes are mounted read-only",
            reason_vi:
              "đọc mọi tệp trong các volume của dịch vụ, bất kể chủ sở hữu; các volume được gắn ở chế độ chỉ đọc",
          },
          {
            setting: "add-capabilities",
            reason: "DAC_READ_SEARCH only: read any file without being able to change one",
            reason_vi: "chỉ DAC_READ_SEARCH: đọc được mọi tệp nhưng không sửa được tệp nào",
          },
        ],
      });
      const restoreName = layout.jobName("restore-job", service);
      job(restoreName, {
        name: this.containerName(restoreName),
        role: "restore-job",
        networks: onBackupZone(backupKeys.restore(service)),
        user: "0:0",
        entrypoint: ["/bin/sh", `${PATHS.config}/backup/${restoreName}.sh`],
        capabilitiesAdd: ["CHOWN", "DAC_OVERRIDE", "FOWNER"],
        tmpfs: { [layout.restoreRoot]: "rw,nosuid,nodev,size=1m" },
        mounts: [
          ...t.volumes.map((v) => ({
            kind: "volume" as const,
            source: v.volume,
            target: `${layout.restoreRoot}${layout.volumePath(service, v.id)}`,
            readOnly: false,
          })),
          backupSecrets,
          this.configMount("backup"),
        ],
        labels: { [LABEL.service]: service, "attt.restore.covers": coveredVolumes(t).join(",") },
        exceptions: [
          {
            setting: "run-as-root",
            reason: "writes restored files back with their original owners, modes and times",
            reason_vi: "ghi lại các tệp được khôi phục với đúng chủ sở hữu, quyền và thời gian ban đầu",
          },
          {
            setting: "add-capabilities",
            reason: "CHOWN, DAC_OVERRIDE and FOWNER to restore files owned by the service's user",
            reason_vi: "CHOWN, DAC_OVERRIDE và FOWNER để khôi phục các tệp thuộc người dùng của dịch vụ",
          },
        ],
      });
    }

    job("restore-drill", {
      name: this.containerName("restore-drill"),
      role: "restore-drill",
      networks: onBackupZone(backupKeys.drill),
      user: UIDS.backupReader,
      entrypoint: ["/bin/sh", `${PATHS.config}/backup/restore-drill.sh`],
      mounts: [
        {
          kind: "volume",
          source: volumeOf(plan, "drillScratch"),
          target: layout.drillScratch,
          readOnly: false,
        },
        metrics,
        backupSecrets,
        this.configMount("backup"),
      ],
    });

    job("retention", {
      name: this.containerName("retention"),
      role: "backup-retention",
      // No network: it works on the repository files, which the REST server never lets a client delete.
      networks: [],
      hosts: [],
      user: UIDS.backupServer,
      entrypoint: ["/bin/sh", `${PATHS.config}/backup/retention.sh`],
      mounts: [
        { kind: "volume", source: volumeOf(plan, "repository"), target: PATHS.repository, readOnly: false },
        metrics,
        backupSecrets,
        this.configMount("backup"),
      ],
    });

    job("offline-copy", {
      name: this.containerName("offline-copy"),
      role: "backup-offline-copy",
      networks: onBackupZone(backupKeys.offlineCopy),
      user: UIDS.backupReader,
      entrypoint: ["/bin/sh", `${PATHS.config}/backup/offline-copy.sh`],
      mounts: [
        // rslave: the host mounts the offline disk here only while the copy runs.
        {
          kind: "host",
          source: plan.dc.backup.offline.path,
          target: PATHS.offline,
          readOnly: false,
          propagation: "rslave",
        },
        metrics,
        backupSecrets,
        this.configMount("backup"),
      ],
      exceptions: [
        {
          setting: "host-mount",
          reason: "the offline target is a host path the host attaches only while the copy runs",
          reason_vi:
            "đích sao lưu ngoại tuyến là một đường dẫn trên máy chủ, chỉ được gắn vào trong lúc sao chép",
        },
      ],
    });
  }
}
