/**
 * Synth properties of the data-centre stacks, with cdktf's Testing helpers:
 * every container hardened (or carrying a reasoned exception), every data volume covered
 * by a backup job, no data/management/backup zone with a route out or a published port,
 * every service monitored; plus refusal of insecure inventories, determinism, atomic
 * writes and the template/escaping rules.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type TerraformStack, Testing } from "cdktf";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { buildDatacentre } from "../../stacks/app.js";
import { HardenedContainer } from "../../stacks/constructs/hardened-container.js";
import { StackInputError } from "../../stacks/errors.js";
import { synthToDir } from "../../stacks/synth.js";
import { INFRA_VOLUMES } from "../../stacks/volumes.js";
import {
  crontabArgument,
  nftString,
  rsyslogString,
  shellWord,
  yamlValue,
} from "../../templates/escape/services.js";
import { checkTemplateSafety, renderInline } from "../../templates/handlebars.js";
import { demoInventory, type FixtureOptions, fixtureInventory } from "../helpers/dc-inventory.js";

const ROOT = join(import.meta.dirname, "..", "..");

interface SynthContainer {
  name: string;
  user: string;
  read_only: boolean;
  security_opts: string[];
  capabilities: { add: string[]; drop: string[] };
  memory: number;
  cpu_period: number;
  cpu_quota: number;
  restart: string;
  healthcheck?: { test: string[] };
  log_driver: string;
  log_opts: Record<string, string>;
  labels: Array<{ label: string; value: string }>;
  mounts?: Array<{ type: string; source: string; target: string; read_only: boolean }>;
  networks_advanced?: Array<{ name: string; ipv4_address: string }>;
  network_mode?: string;
  ports?: unknown[];
  start?: boolean;
}

interface SynthNetwork {
  name: string;
  internal: boolean;
  labels: Array<{ label: string; value: string }>;
}

const parsed = (stack: TerraformStack) =>
  JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, unknown>> };
const containersOf = (stack: TerraformStack) =>
  Object.values(parsed(stack).resource.docker_container ?? {}) as SynthContainer[];
const label = (c: { labels: Array<{ label: string; value: string }> }, key: string) =>
  c.labels.find((l) => l.label === key)?.value;

describe.each([
  ["the test fixture", () => fixtureInventory()],
  ["the demo province", () => demoInventory()],
])("stacks synthesized from %s", (_name, inventoryOf) => {
  const inventory = inventoryOf();
  const built = buildDatacentre(inventory, { configDir: "/opt/attt/test/config" });
  const stacks = Object.values(built.stacks);
  const all = () => stacks.flatMap(containersOf);

  // Testing.toBeValidTerraform runs `terraform validate`, which needs the kreuzwerker
  // provider installed; the deploy test covers that where a provider mirror exists.
  it("synthesizes the five stacks, each with the Docker provider and its resources", () => {
    expect(stacks.map((s) => s.stackName).sort()).toEqual([
      "backup",
      "data",
      "monitoring",
      "network",
      "storage",
    ]);
    for (const stack of stacks) {
      const json = Testing.synth(stack);
      expect(
        Testing.toHaveProviderWithProperties(json, "docker", { host: "unix:///var/run/docker.sock" }),
      ).toBe(true);
      expect(Testing.toHaveResource(json, "docker_container"), stack.stackName).toBe(true);
    }
    expect(Testing.toHaveResource(Testing.synth(built.stacks.network), "docker_network")).toBe(true);
  });

  it("keeps every volume in the storage stack, protected from destroy, so no other stack's destroy deletes data", () => {
    const volumesOf = (stack: TerraformStack) =>
      Object.values(parsed(stack).resource.docker_volume ?? {}) as Array<{
        name: string;
        lifecycle?: { prevent_destroy?: boolean };
      }>;
    for (const stack of stacks.filter((s) => s.stackName !== "storage"))
      expect(volumesOf(stack), stack.stackName).toEqual([]);
    const stored = volumesOf(built.stacks.storage);
    const mounted = new Set(
      all().flatMap((c) => (c.mounts ?? []).filter((m) => m.type === "volume").map((m) => m.source)),
    );
    // Every volume a container mounts is a storage volume (Docker would otherwise make an unprotected one).
    expect([...mounted].filter((v) => !stored.some((s) => s.name === v))).toEqual([]);
    for (const key of ["repository", "prometheusData"] as const)
      expect(stored.map((v) => v.name)).toContain(`attt-${inventory.datacentre.id}.${INFRA_VOLUMES[key]}`);
    for (const v of stored) expect(v.lifecycle?.prevent_destroy, v.name).toBe(true);
  });

  it("hardens every container, or shows the reasoned exception in its labels", () => {
    const containers = all();
    expect(containers.length).toBeGreaterThan(10);
    for (const c of containers) {
      const exceptions = JSON.parse(label(c, "attt.exceptions") ?? "null") as Array<{
        setting: string;
        reason: string;
      }>;
      expect(Array.isArray(exceptions), c.name).toBe(true);
      const excepted = new Set(exceptions.map((e) => e.setting));
      for (const e of exceptions)
        expect(e.reason.length, `${c.name} ${e.setting}`).toBeGreaterThanOrEqual(10);
      expect(c.read_only || excepted.has("read-only-root"), `${c.name} read-only root`).toBe(true);
      expect(c.capabilities.drop, c.name).toEqual(["ALL"]);
      expect(
        c.capabilities.add.length === 0 || excepted.has("add-capabilities"),
        `${c.name} capabilities`,
      ).toBe(true);
      expect(
        c.security_opts.includes("no-new-privileges:true") || excepted.has("no-new-privileges"),
        c.name,
      ).toBe(true);
      expect(
        !/^(0|root)(:|$)/.test(c.user) || excepted.has("run-as-root"),
        `${c.name} runs as ${c.user}`,
      ).toBe(true);
      expect(c.memory, c.name).toBeGreaterThan(0);
      expect(c.cpu_quota / c.cpu_period, c.name).toBeGreaterThan(0);
      expect(c.log_driver).toBe("json-file");
      expect(c.log_opts).toEqual({ "max-file": "5", "max-size": "10m" });
      expect(label(c, "attt.owner"), c.name).toMatch(/^[a-z0-9-]+$/);
      expect(label(c, "attt.level"), c.name).toMatch(/^[1-5]$/);
      expect(label(c, "attt.requirements"), c.name).toMatch(/^[A-Z]+-[A-Z]+-[A-Z0-9]+(,|$)/);
      const hostMounts = (c.mounts ?? []).filter(
        (m) =>
          m.type === "bind" &&
          !m.source.startsWith("/opt/attt/test/config") &&
          !m.source.includes("/secrets"),
      );
      expect(hostMounts.length === 0 || excepted.has("host-mount"), `${c.name} host mounts`).toBe(true);
      if (label(c, "attt.lifecycle") === "service") {
        expect(c.restart, c.name).toBe("unless-stopped");
        expect(c.healthcheck?.test.length, c.name).toBeGreaterThan(1);
      } else {
        expect(c.restart, c.name).toBe("no");
      }
    }
  });

  it("uses the Testing matchers on the hardened defaults of a service", () => {
    const data = Testing.synth(built.stacks.data);
    expect(
      Testing.toHaveResourceWithProperties(data, "docker_container", {
        read_only: true,
        security_opts: ["no-new-privileges:true"],
        capabilities: { add: [], drop: ["ALL"] },
        log_driver: "json-file",
        restart: "unless-stopped",
      }),
    ).toBe(true);
  });

  it("covers every data volume with a backup job that mounts it read-only", () => {
    const jobs = containersOf(built.stacks.backup).filter((c) => label(c, "attt.role") === "backup-job");
    const dataVolumes = inventory.datacentre.services.flatMap((s) =>
      s.volumes.filter((v) => v.data).map((v) => ({ s, v })),
    );
    expect(dataVolumes.length).toBeGreaterThan(0);
    for (const { s, v } of dataVolumes) {
      const job = jobs.find((j) =>
        (label(j, "attt.backup.covers") ?? "").split(",").includes(`${s.id}/${v.id}`),
      );
      expect(job, `${s.id}/${v.id} has a backup job`).toBeDefined();
      expect(job!.start).toBe(false); // started by the host's schedule
      const live = `attt-${inventory.datacentre.id}-${s.id}-${v.id}`;
      const mountOf = (c: typeof job, source: string) => c!.mounts!.find((m) => m.source === source);
      if (s.kind !== "postgres") {
        expect(mountOf(job, live)?.read_only, `${s.id}/${v.id} mounted read-only in ${job!.name}`).toBe(true);
        continue;
      }
      // A database is backed up through its dump: the dump job writes the dump volume, the
      // backup job reads it; neither touches the live files.
      const dumpVolume = `attt-${inventory.datacentre.id}-${s.id}.dump`;
      expect(mountOf(job, live), `${job!.name} must not read the live database files`).toBeUndefined();
      expect(mountOf(job, dumpVolume)?.read_only).toBe(true);
      const dumpJob = containersOf(built.stacks.data).find(
        (c) => label(c, "attt.role") === "db-dump" && label(c, "attt.service") === s.id,
      );
      expect(dumpJob, `${s.id} has a dump job`).toBeDefined();
      expect(dumpJob!.start).toBe(false);
      expect(mountOf(dumpJob, dumpVolume)?.read_only).toBe(false);
      expect(mountOf(dumpJob, live)).toBeUndefined();
    }
    const cron = built.files.find((f) => f.path.startsWith("host/cron.d/"))!.content;
    for (const j of jobs) expect(cron).toContain(`'${j.name}'`);
    // The dump runs first, on the same line as the backup that reads it.
    for (const d of containersOf(built.stacks.data).filter((c) => label(c, "attt.role") === "db-dump")) {
      const backup = jobs.find((j) => label(j, "attt.service") === label(d, "attt.service"))!;
      expect(cron).toMatch(new RegExp(`'${d.name}' >/dev/null 2>&1; .*'${backup.name}'`));
    }
    // Volumes that hold no data (data: false) are not backed up.
    for (const s of inventory.datacentre.services) {
      for (const v of s.volumes.filter((x) => !x.data)) {
        expect(jobs.some((j) => (label(j, "attt.backup.covers") ?? "").includes(`${s.id}/${v.id}`))).toBe(
          false,
        );
      }
    }
  });

  it("runs the backup server append-only, and retention apart from the client credential", () => {
    const backup = containersOf(built.stacks.backup);
    const server = backup.find((c) => label(c, "attt.role") === "backup-server") as SynthContainer & {
      command: string[];
    };
    expect(server.command).toContain("--append-only");
    const retention = backup.find((c) => label(c, "attt.role") === "backup-retention")!;
    expect(retention.network_mode).toBe("none");
    expect(built.files.find((f) => f.path === "backup/retention.sh")!.content).toContain("forget --prune");
    expect(backup.some((c) => label(c, "attt.role") === "restore-drill")).toBe(true);
    const offline = backup.find((c) => label(c, "attt.role") === "backup-offline-copy")!;
    expect(offline.mounts!.some((m) => m.source === inventory.datacentre.backup.offline.path)).toBe(true);
  });

  it("gives no data, management or backup zone a route out or a published port", () => {
    const networks = Object.values(
      parsed(built.stacks.network).resource.docker_network ?? {},
    ) as SynthNetwork[];
    const closed = networks.filter((n) =>
      ["data", "management", "backup"].includes(label(n, "attt.zone-kind") ?? ""),
    );
    expect(closed.length).toBeGreaterThanOrEqual(3);
    for (const n of closed) expect(n.internal, n.name).toBe(true);
    const closedNames = new Set(closed.map((n) => n.name));
    for (const c of all()) {
      if ((c.networks_advanced ?? []).some((n) => closedNames.has(n.name)))
        expect(c.ports ?? [], c.name).toEqual([]);
    }
  });

  it("monitors every service", () => {
    const alerts = parseYaml(
      built.files.find((f) => f.path === "prometheus/rules/attt-alerts.yml")!.content,
    ) as {
      groups: Array<{ rules: Array<{ alert: string; expr: string; labels: Record<string, string> }> }>;
    };
    const rules = alerts.groups.flatMap((g) => g.rules);
    for (const s of inventory.datacentre.services) {
      const down = rules.find((r) => r.alert === "AtttServiceDown" && r.labels.service === s.id);
      expect(down?.expr, s.id).toContain(`attt-${inventory.datacentre.id}-${s.id}`);
    }
    for (const alert of [
      "AtttTargetDown",
      "AtttDiskAlmostFull",
      "AtttBackupFailed",
      "AtttRestoreDrillFailed",
      "AtttOfflineCopyFailed",
    ]) {
      expect(
        rules.some((r) => r.alert === alert),
        alert,
      ).toBe(true);
    }
    const prometheus = parseYaml(
      built.files.find((f) => f.path === "prometheus/prometheus.yml")!.content,
    ) as {
      scrape_configs: Array<{ job_name: string }>;
    };
    expect(prometheus.scrape_configs.map((j) => j.job_name)).toEqual(
      expect.arrayContaining(["node", "alertmanager"]),
    );
    const roles = containersOf(built.stacks.monitoring).map((c) => label(c, "attt.role"));
    expect(roles).toEqual(
      expect.arrayContaining(["prometheus", "node-exporter", "alertmanager", "log-relay"]),
    );
  });

  it("forwards logs to the provincial SOC and exports toward the national one", () => {
    const conf = built.files.find((f) => f.path === "log-relay/rsyslog.conf")!.content;
    const { provincialSoc, nationalSoc } = inventory.datacentre.monitoring;
    for (const soc of [provincialSoc, nationalSoc].filter((s) => s.protocol !== "prometheus-remote-write")) {
      expect(conf).toContain(`target="${soc.host}" port="${soc.port}"`);
    }
  });

  it("says in the host egress rules why each zone has a route out, each reason whole", () => {
    const nft = built.files.find((f) => f.path === "host/attt-egress.nft")!.content;
    const lines = nft.split("\n");
    for (const z of built.plan.zones.values()) {
      if (z.internal) continue;
      const header = lines.find((l) => l.includes(`# zone ${z.zone.id} (`));
      expect(header, z.zone.id).toBeDefined();
      // A zone closed in the inventory but given a route out must not read "(internet: none)".
      expect(header).not.toMatch(/\(internet: none\)/);
    }
    for (const rule of built.plan.outbound) {
      const at = lines.findIndex((l) => l.trim() === `# ${rule.reason}`);
      expect(at, rule.reason).toBeGreaterThan(0);
      expect(lines[at + 1]).toMatch(/ accept comment "attt: (SOC connections|datacentre\.flows\[\d+\])"$/);
    }
  });
});

describe("refusing an insecure inventory", () => {
  const refuses = (mutate: FixtureOptions["mutate"], path: RegExp) => {
    let error: unknown;
    try {
      buildDatacentre(fixtureInventory({ mutate }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StackInputError);
    expect((error as StackInputError).problems.map((p) => p.path).join(" ")).toMatch(path);
  };

  it("refuses a data zone with a route out", () => {
    refuses((dc) => {
      dc.zones[2]!.internet = "outbound";
    }, /zones\[2\]\.internet/);
  });
  it("refuses a published port outside the edge and DMZ", () => {
    refuses((dc) => {
      dc.services[2]!.publish = [5432];
    }, /services\[2\]\.publish\[0\]/);
  });
  it("refuses a flow into the data zone from anywhere but the application zone", () => {
    refuses((dc) => {
      dc.flows.push({
        from: "dmz",
        to: "data",
        service: "records-db",
        port: 5432,
        reason: "shortcut for the portal",
      });
    }, /flows\[6\]\.from/);
  });
  it("refuses a flow to the Internet from a zone with no route out", () => {
    refuses((dc) => {
      dc.flows.push({ from: "mgmt", to: "internet", port: 443, reason: "updates for the bastion" });
    }, /flows\[6\]\.from/);
  });
});

describe("the Docker host the stacks deploy to", () => {
  it("reads TLS material for tcp:// from files at plan time, never copying it into cdk.tf.json", () => {
    const built = buildDatacentre(fixtureInventory(), {
      dockerHost: {
        endpoint: "tcp://dc-docker-01:2376",
        tls: { caFile: "/etc/attt/ca.pem", certFile: "/etc/attt/cert.pem", keyFile: "/etc/attt/key.pem" },
      },
    });
    const json = Testing.synth(built.stacks.network);
    // Terraform interpolations, not JavaScript templates:
    // biome-ignore-start lint/suspicious/noTemplateCurlyInString: Terraform syntax
    expect(
      Testing.toHaveProviderWithProperties(json, "docker", {
        host: "tcp://dc-docker-01:2376",
        ca_material: '${file("/etc/attt/ca.pem")}',
        cert_material: '${file("/etc/attt/cert.pem")}',
        key_material: '${file("/etc/attt/key.pem")}',
      }),
    ).toBe(true);
    // biome-ignore-end lint/suspicious/noTemplateCurlyInString: Terraform syntax
  });

  it("refuses tcp:// without TLS (no CA means no verification)", () => {
    expect(() =>
      buildDatacentre(fixtureInventory(), { dockerHost: { endpoint: "tcp://dc-docker-01:2375" } }),
    ).toThrow(/CA/);
  });

  it("passes ssh:// through to the provider", () => {
    const built = buildDatacentre(fixtureInventory(), {
      dockerHost: { endpoint: "ssh://deploy@10.70.40.12" },
    });
    expect(
      Testing.toHaveProviderWithProperties(Testing.synth(built.stacks.data), "docker", {
        host: "ssh://deploy@10.70.40.12",
      }),
    ).toBe(true);
  });
});

describe("the hardened container construct", () => {
  const make = (props: Partial<ConstructorParameters<typeof HardenedContainer>[2]>) => {
    const stack = Testing.synthScope((scope) => {
      new HardenedContainer(scope, "c", {
        name: "c",
        image: "img",
        datacentre: "dc",
        role: "test",
        zones: ["z"],
        ownership: { owner: "unit", level: 2, requirements: ["HY-PROV-17"] },
        lifecycle: "service",
        networks: [],
        healthcheck: { test: ["CMD", "true"] },
        memoryMb: 64,
        cpus: "0.1",
        ...props,
      });
    });
    return stack;
  };

  it("refuses to run as root without an exception", () => {
    expect(() => make({ user: "0:0" })).toThrow(/run-as-root/);
  });
  it("refuses an exception that loosens nothing, so labels never overstate", () => {
    expect(() =>
      make({
        exceptions: [
          {
            setting: "add-capabilities",
            reason: "not actually needed here",
            reason_vi: "thật ra không cần ở đây",
          },
        ],
      }),
    ).toThrow(/does not loosen/);
  });
  it("refuses a service without a health check", () => {
    expect(() => make({ healthcheck: undefined })).toThrow(/health check/);
  });
  it("refuses an exception without its Vietnamese reason: the Department's report reads it", () => {
    expect(() =>
      make({
        user: "0:0",
        exceptions: [{ setting: "run-as-root", reason: "needs to be root for a test", reason_vi: "" }],
      }),
    ).toThrow(/run-as-root needs a reason_vi/);
  });
  it("writes a reasoned exception into the labels, in both languages", () => {
    const json = make({
      user: "0:0",
      exceptions: [
        {
          setting: "run-as-root",
          reason: "needs to be root for a test",
          reason_vi: "cần quyền root cho phép thử",
        },
      ],
    });
    expect(Testing.toHaveResourceWithProperties(json, "docker_container", { user: "0:0" })).toBe(true);
    const [container] = Object.values(JSON.parse(json).resource.docker_container) as SynthContainer[];
    expect(label(container!, "attt.exceptions")).toBe(
      '[{"setting":"run-as-root","reason":"needs to be root for a test","reason_vi":"cần quyền root cho phép thử"}]',
    );
  });
});

describe("synthToDir", () => {
  const base = mkdtempSync(join(tmpdir(), "attt-synth-"));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const tree = (dir: string): Map<string, string> => {
    const out = new Map<string, string>();
    const walk = (d: string) => {
      for (const e of readdirSync(d).sort()) {
        const p = join(d, e);
        if (statSync(p).isDirectory()) walk(p);
        else
          out.set(
            `${p.slice(dir.length)}:${(statSync(p).mode & 0o777).toString(8)}`,
            readFileSync(p, "utf8"),
          );
      }
    };
    walk(dir);
    return out;
  };

  it("makes config/ searchable by the containers' users whatever the umask (077 here)", async () => {
    const out = join(base, "umask");
    const r = await execa(
      "sh",
      ["-c", 'umask 077 && exec node --import tsx "$0" synth --out "$1"', join(ROOT, "bin", "attt.ts"), out],
      { reject: false },
    );
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const dirs: string[] = [];
    const walk = (d: string) => {
      dirs.push(d);
      for (const e of readdirSync(d)) if (statSync(join(d, e)).isDirectory()) walk(join(d, e));
    };
    walk(join(out, "config"));
    expect(dirs.length).toBeGreaterThan(3);
    for (const d of dirs) expect((statSync(d).mode & 0o777).toString(8), d).toBe("755");
  });

  it("writes byte-identical output for the same inventory", () => {
    synthToDir(fixtureInventory(), join(base, "a"));
    synthToDir(fixtureInventory(), join(base, "b"));
    const a = tree(join(base, "a"));
    expect(a.size).toBeGreaterThan(20);
    expect(tree(join(base, "b"))).toEqual(a);
    expect([...a.keys()].some((k) => k.startsWith("/stacks/network/cdk.tf.json"))).toBe(true);
    expect([...a.keys()].some((k) => k === "/config/backup/retention.sh:755")).toBe(true);
    expect([...a.values()].some((v) => v.includes(base))).toBe(false); // no machine paths leak in
  });

  it("keeps what terraform init left in each stack (lock file, provider) across a re-synth, and nothing else", () => {
    const out = join(base, "init");
    synthToDir(fixtureInventory(), out);
    const stacks = ["network", "storage", "data", "backup", "monitoring"];
    for (const s of stacks) {
      const dir = join(out, "stacks", s);
      writeFileSync(join(dir, ".terraform.lock.hcl"), `# lock of ${s}\n`);
      mkdirSync(join(dir, ".terraform", "providers"), { recursive: true });
      writeFileSync(join(dir, ".terraform", "providers", "provider"), `binary of ${s}`);
      writeFileSync(join(dir, "stray"), "not terraform's");
    }
    synthToDir(fixtureInventory(), out);
    for (const s of stacks) {
      const dir = join(out, "stacks", s);
      expect(readFileSync(join(dir, ".terraform.lock.hcl"), "utf8")).toBe(`# lock of ${s}\n`);
      expect(readFileSync(join(dir, ".terraform", "providers", "provider"), "utf8")).toBe(`binary of ${s}`);
      expect(existsSync(join(dir, "stray")), s).toBe(false);
    }
  });

  it("leaves the previous output untouched when a synth fails", () => {
    const out = join(base, "c");
    synthToDir(fixtureInventory(), out);
    writeFileSync(join(out, "marker"), "previous run");
    const before = tree(out);
    expect(() =>
      synthToDir(
        fixtureInventory({
          mutate: (dc) => {
            dc.zones[5]!.internet = "both";
          },
        }),
        out,
      ),
    ).toThrow(StackInputError);
    expect(tree(out)).toEqual(before);
    expect(readdirSync(base).filter((n) => n.includes(".tmp-"))).toEqual([]);
  });
});

describe("service templates and escaping", () => {
  it("refuses a template that prints a value without an escaping helper", () => {
    expect(() => checkTemplateSafety("t", "name={{name}}")).toThrow(/without an escaping helper/);
    expect(() => checkTemplateSafety("t", "name={{{name}}}")).toThrow(/triple-stash/);
    expect(() => checkTemplateSafety("t", "{{> partial}}")).toThrow(/partials/);
    expect(renderInline("x={{sh name}}", { name: "a'b" })).toBe(`x='a'\\''b'`);
  });

  it("quotes hostile values so each language reads them back unchanged", () => {
    const hostile = `x'; rm -rf / #\n$(id) "q" \\ %`;
    expect(parseYaml(`v: ${yamlValue(hostile)}`)).toEqual({ v: hostile });
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
    expect(rsyslogString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(() => nftString('a" accept')).toThrow(/quote/);
    expect(nftString('a" accept\n', { lossy: true })).toBe('"a_ accept_"');
    expect(() => crontabArgument("50%")).toThrow(/%/);
  });
});
