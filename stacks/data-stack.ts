/**
 * Data stack: the centralised services the schools move to (HY-EDU-T2, HY-PROV-16),
 * each in its zone at a fixed address, with its volumes, TLS material mounted, and host
 * entries that send it to other zones' services through the zone firewall. PostgreSQL
 * runs with TLS on and a generated pg_hba.conf that accepts TLS clients from the
 * firewall's leg only (application-zone clients arrive through it).
 */
import type { Construct } from "constructs";
import type { Service } from "../model/inventory.js";
import { DatacentreStack, type StackContext } from "./base-stack.js";
import {
  EVIDENCE_SECRETS,
  evidenceConfigDir,
  evidenceDbScriptPath,
  evidenceDbUrl,
  evidenceInventoryPath,
} from "./config/evidence.js";
import { dumpScriptPath } from "./config/postgres.js";
import type { HardeningException } from "./constructs/exceptions.js";
import { LABEL } from "./constructs/exceptions.js";
import {
  type ContainerMount,
  HardenedContainer,
  type HardenedContainerProps,
} from "./constructs/hardened-container.js";
import { type DatabaseDump, EVIDENCE_DB, type EvidenceDatabase } from "./datacentre-plan.js";
import { volumeName } from "./naming.js";
import { PATHS, serviceRuntime, UIDS } from "./runtime.js";

export class DataStack extends DatacentreStack {
  readonly services = new Map<string, HardenedContainer>();

  constructor(scope: Construct, ctx: StackContext) {
    super(scope, "data", ctx);
    // Evidence services last: they follow their database server.
    const ordered = [...this.plan.dc.services].sort(
      (a, b) => Number(a.kind === "evidence") - Number(b.kind === "evidence") || (a.id < b.id ? -1 : 1),
    );
    for (const svc of ordered) {
      this.services.set(svc.id, new HardenedContainer(this, `service-${svc.id}`, this.serviceProps(svc)));
    }
    for (const dump of this.plan.databaseDumps) {
      new HardenedContainer(this, `dump-${dump.service.id}`, this.dumpJobProps(dump));
    }
  }

  /**
   * attt serve, after its database: at each deploy a job beside the database server makes
   * the database and roles, then a job from the service's image migrates the schema as the
   * owner role; the service itself connects as a role that may only read credentials and
   * add evidence. Each container mounts only the password it uses.
   */
  private evidence(e: EvidenceDatabase, props: HardenedContainerProps): HardenedContainerProps {
    const { plan } = this;
    const svc = e.service;
    const db = e.database;
    const secrets = `${plan.options.secretsDir}/evidence/${svc.id}`;
    const dbServer = this.services.get(db.id);
    const dbZone = plan.zones.get(db.zone);
    if (!dbServer || !dbZone) throw new Error(`evidence service ${svc.id}: database ${db.id} not planned`);
    const dbRuntime = serviceRuntime(db, plan.options.images);
    const secretFile = (name: string) =>
      ({ kind: "secret", source: `${secrets}/${name}`, target: `${EVIDENCE_SECRETS.dir}/${name}` }) as const;
    const dbJob = new HardenedContainer(this, `evidence-db-${svc.id}`, {
      name: this.containerName(`evidence-db-${svc.id}`),
      image: this.image(dbRuntime.image, db.image),
      datacentre: plan.dc.id,
      role: "evidence-db",
      zones: [db.zone],
      ownership: props.ownership,
      lifecycle: "init",
      networks: [{ network: dbZone.network, ipv4Address: plan.addressOf(db.zone, e.key) }],
      user: dbRuntime.user,
      // The passwords are root:<evidence gid> 0640: the job reads them as a member of that group.
      groupAdd: [UIDS.evidence.split(":")[1] as string],
      entrypoint: ["/bin/sh", `${PATHS.config}/${evidenceDbScriptPath(svc.id)}`],
      memoryMb: 256,
      cpus: "0.5",
      mounts: [
        {
          kind: "secret",
          source: `${plan.options.secretsDir}/postgres/${db.id}`,
          target: `${PATHS.secrets}/postgres`,
        },
        secretFile("owner-password"),
        secretFile("service-password"),
        this.configMount("evidence-db"),
      ],
      labels: { [LABEL.service]: svc.id, ...this.configHash("evidence-db") },
      dependsOn: [dbServer.container],
    });
    const common = {
      user: UIDS.evidence,
      env: { NODE_EXTRA_CA_CERTS: EVIDENCE_SECRETS.ca, NODE_ENV: "production" },
      entrypoint: ["node", "/opt/attt/dist/bin/attt.js"],
    };
    const migrate = new HardenedContainer(this, `evidence-migrate-${svc.id}`, {
      ...common,
      name: this.containerName(`evidence-migrate-${svc.id}`),
      image: props.image,
      datacentre: plan.dc.id,
      role: "evidence-migrate",
      zones: [svc.zone],
      ownership: props.ownership,
      lifecycle: "init",
      networks: [
        {
          network: props.networks[0]?.network as string,
          ipv4Address: plan.addressOf(svc.zone, e.migrateKey),
        },
      ],
      hosts: props.hosts,
      command: [
        "db",
        "migrate",
        "--db",
        evidenceDbUrl(e, EVIDENCE_DB.owner),
        "--db-password-file",
        EVIDENCE_SECRETS.ownerPassword,
        "--grant-to",
        EVIDENCE_DB.service,
      ],
      memoryMb: 256,
      cpus: "0.5",
      mounts: [secretFile("owner-password"), secretFile("ca.pem")],
      labels: { [LABEL.service]: svc.id },
      dependsOn: [dbJob.container],
    });
    const configDir = evidenceConfigDir(svc.id);
    return {
      ...props,
      ...common,
      command: [
        "serve",
        `${PATHS.config}/${evidenceInventoryPath(svc.id)}`,
        "--db",
        evidenceDbUrl(e, EVIDENCE_DB.service),
        "--db-password-file",
        EVIDENCE_SECRETS.servicePassword,
        "--tls-cert",
        `${PATHS.secrets}/tls/server.crt`,
        "--tls-key",
        `${PATHS.secrets}/tls/server.key`,
        "--listen",
        `0.0.0.0:${svc.port}`,
      ],
      mounts: [
        ...(props.mounts ?? []),
        secretFile("service-password"),
        secretFile("ca.pem"),
        this.configMount(configDir),
      ],
      labels: { ...props.labels, ...this.configHash(configDir) },
      dependsOn: [migrate.container],
    };
  }

  /**
   * The database's dump job: beside the server in its zone, from the server's own image
   * (so pg_dumpall matches the server's version), started by the host's schedule just
   * before the backup job that reads its volume.
   */
  private dumpJobProps(dump: DatabaseDump): HardenedContainerProps {
    const { plan } = this;
    const svc = dump.service;
    const runtime = serviceRuntime(svc, plan.options.images);
    const zone = plan.zones.get(svc.zone);
    const server = this.services.get(svc.id);
    if (!zone || !server) throw new Error(`dump job of ${svc.id}: no zone or server planned`);
    return {
      name: this.containerName(`dump-${svc.id}`),
      image: this.image(runtime.image, svc.image),
      datacentre: plan.dc.id,
      role: "db-dump",
      zones: [svc.zone],
      ownership: this.ownership("backup", plan.ownerOf(svc), svc.level),
      lifecycle: "job",
      networks: [{ network: zone.network, ipv4Address: plan.addressOf(svc.zone, dump.key) }],
      user: runtime.user,
      entrypoint: ["/bin/sh", `${PATHS.config}/${dumpScriptPath(svc.id)}`],
      memoryMb: 512,
      cpus: "0.5",
      mounts: [
        { kind: "volume", source: dump.volume, target: dump.mount, readOnly: false },
        {
          kind: "secret",
          source: `${plan.options.secretsDir}/postgres/${svc.id}`,
          target: `${PATHS.secrets}/postgres`,
        },
        this.configMount("postgres-dump"),
      ],
      labels: { [LABEL.service]: svc.id, ...this.configHash("postgres-dump") },
      dependsOn: [server.container],
    };
  }

  private serviceProps(svc: Service): HardenedContainerProps {
    const { plan } = this;
    const runtime = serviceRuntime(svc, plan.options.images);
    const zone = plan.zones.get(svc.zone);
    if (!zone) throw new Error(`service ${svc.id} names an unplanned zone`);
    const mounts: ContainerMount[] = [
      ...svc.volumes.map((v) => ({
        kind: "volume" as const,
        source: volumeName(plan.dc.id, svc.id, v.id),
        target: v.mount,
        readOnly: false,
      })),
      { kind: "secret", source: `${plan.options.secretsDir}/tls/${svc.id}`, target: `${PATHS.secrets}/tls` },
      ...(svc.kind === "reverse-proxy" ? this.evidenceCas(svc) : []),
    ];
    const inbound = plan.inbound.filter((r) => r.zone === svc.zone && (!r.service || r.service === svc.id));
    const exceptions: HardeningException[] = [];
    if (svc.publish.length > 0) {
      const reasons = [
        ...new Set(inbound.filter((r) => svc.publish.includes(r.port)).map((r) => r.reason)),
      ].sort();
      exceptions.push({
        setting: "publish-ports",
        reason: `allowed from the Internet by the flow matrix: ${reasons.join("; ")}`,
        reason_vi: `ma trận luồng cho phép truy cập từ Internet: ${reasons.join("; ")}`,
      });
    }
    // A non-root process may bind a port below 1024 only if its namespace lowers the limit.
    const sysctls: Record<string, string> = {};
    if (svc.port < 1024) {
      sysctls["net.ipv4.ip_unprivileged_port_start"] = String(svc.port);
      exceptions.push({
        setting: "sysctls",
        reason: `lets the non-root service bind port ${svc.port} in its own network namespace`,
        reason_vi: `cho dịch vụ không chạy bằng root mở cổng ${svc.port} trong namespace mạng riêng của nó`,
      });
    }
    const system = svc.system ? plan.inventory.systems.find((s) => s.id === svc.system) : undefined;
    const props: HardenedContainerProps = {
      name: this.containerName(svc.id),
      image: this.image(runtime.image, svc.image),
      datacentre: plan.dc.id,
      role: `service:${svc.kind}`,
      zones: [svc.zone],
      ownership: this.ownership("service", plan.ownerOf(svc), svc.level),
      lifecycle: "service",
      networks: [
        { network: zone.network, ipv4Address: plan.addressOf(svc.zone, `svc:${svc.id}`), aliases: [svc.id] },
      ],
      hosts: plan.hostEntriesFor(svc.zone),
      user: runtime.user,
      healthcheck: { test: runtime.healthcheck },
      tmpfs: runtime.tmpfs,
      sysctls,
      memoryMb: runtime.memoryMb,
      cpus: runtime.cpus,
      mounts,
      ports: svc.publish.map((p) => ({ internal: svc.port, external: p, protocol: "tcp" as const })),
      labels: { [LABEL.service]: svc.id, ...(system ? { "attt.system": system.id } : {}) },
      exceptions,
    };
    const evidence = plan.evidenceDatabases.find((e) => e.service.id === svc.id);
    if (evidence) return this.evidence(evidence, props);
    return svc.kind === "postgres" ? this.postgres(svc, props) : props;
  }

  /**
   * A reverse proxy opens TLS again to each evidence service its zone may reach, and
   * verifies that service's certificate against the province's CA: it gets that CA (and
   * nothing else of the service's secrets) at /run/secrets/attt/evidence/<service>/ca.pem.
   */
  private evidenceCas(proxy: Service): ContainerMount[] {
    const { plan } = this;
    return plan.evidenceDatabases
      .filter((e) => plan.publications.some((p) => p.endpoint.id === e.service.id && p.from === proxy.zone))
      .map((e) => ({
        kind: "secret",
        source: `${plan.options.secretsDir}/evidence/${e.service.id}/ca.pem`,
        target: `${EVIDENCE_SECRETS.dir}/${e.service.id}/ca.pem`,
      }));
  }

  /** PostgreSQL with TLS on, SCRAM passwords, the generated pg_hba.conf, and its socket in /tmp (read-only root). */
  private postgres(svc: Service, props: HardenedContainerProps): HardenedContainerProps {
    const dataVolume = svc.volumes.find((v) => v.data) ?? svc.volumes[0];
    const pgdata = dataVolume
      ? `${dataVolume.mount.replace(/\/$/, "")}/pgdata`
      : "/var/lib/postgresql/data/pgdata";
    const configDir = `postgres/${svc.id}`;
    return {
      ...props,
      mounts: [
        ...(props.mounts ?? []),
        {
          kind: "secret",
          source: `${this.plan.options.secretsDir}/postgres/${svc.id}`,
          target: `${PATHS.secrets}/postgres`,
        },
        this.configMount(configDir),
      ],
      env: { PGDATA: pgdata, POSTGRES_PASSWORD_FILE: `${PATHS.secrets}/postgres/password` },
      // The upstream image's own entrypoint (initialises an empty PGDATA), named explicitly.
      entrypoint: ["docker-entrypoint.sh"],
      command: [
        "postgres",
        "-c",
        `port=${svc.port}`,
        "-c",
        "listen_addresses=*",
        "-c",
        "unix_socket_directories=/tmp",
        "-c",
        `hba_file=${PATHS.config}/${configDir}/pg_hba.conf`,
        "-c",
        "ssl=on",
        "-c",
        `ssl_cert_file=${PATHS.secrets}/tls/server.crt`,
        "-c",
        `ssl_key_file=${PATHS.secrets}/tls/server.key`,
        "-c",
        "ssl_min_protocol_version=TLSv1.2",
        "-c",
        "password_encryption=scram-sha-256",
        "-c",
        "log_connections=on",
        "-c",
        "log_disconnections=on",
      ],
      healthcheck: { ...props.healthcheck, test: props.healthcheck?.test ?? [], startPeriod: "60s" },
      labels: { ...props.labels, ...this.configHash(configDir) },
    };
  }
}
