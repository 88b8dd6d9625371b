/**
 * Synth of a data centre on a Docker Swarm (hosts with `swarm:`), and the one-host output
 * unchanged: the demo province (its hosts say no `swarm:`) and a one-host copy of it
 * synthesize byte for byte what main did (test/fixtures/synth-golden, written by main's
 * code before the swarm existed). A change meant to alter the one-host output rewrites the
 * listing in the same commit, so the diff shows each file it changed (last: the evidence
 * service's database job waiting for its server, and the reverse proxy's CA mount, temporary
 * directory and health check, found by test/stacks/evidence-through-proxy.test.ts).
 */

import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { swarmInventory } from "../../bench/synthetic-swarm.js";
import { buildDatacentre } from "../../stacks/app.js";
import { StackInputError } from "../../stacks/errors.js";
import { synthToDir } from "../../stacks/synth.js";
import { demoInventory } from "../helpers/dc-inventory.js";

const base = mkdtempSync(join(tmpdir(), "attt-swarm-synth-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
/** The digest listing the golden file holds: sha256, mode, path; one line a file. */
const digest = (dir: string) =>
  files(dir)
    .sort()
    .map(
      (f) =>
        `${createHash("sha256").update(readFileSync(f)).digest("hex")}  ${(statSync(f).mode & 0o777).toString(8)}  ${relative(dir, f)}`,
    )
    .join("\n");

type Json = Record<string, unknown>;
const stack = (out: string, name: string) =>
  JSON.parse(readFileSync(join(out, "stacks", name, "cdk.tf.json"), "utf8")) as {
    provider: { docker: Json[] };
    resource: Record<string, Record<string, Json>>;
  };
const STACKS = ["network", "storage", "data", "backup", "monitoring"];
const labelsOf = (r: Json) =>
  new Map((r.labels as Array<{ label: string; value: string }>).map((l) => [l.label, l.value]));

describe("one host: the output main wrote", () => {
  const golden = readFileSync(
    join(import.meta.dirname, "..", "fixtures", "synth-golden", "demo-single-host.sha256"),
    "utf8",
  ).trim();

  it("synthesizes the demo province byte-identical to main's output", () => {
    const out = join(base, "demo");
    synthToDir(demoInventory(), out);
    expect(digest(out)).toBe(golden);
  });

  it("synthesizes a one-host copy of the demo the same way (the second host was never used)", () => {
    const demo = demoInventory();
    const out = join(base, "one-host");
    synthToDir(
      { ...demo, datacentre: { ...demo.datacentre, hosts: demo.datacentre.hosts.slice(0, 1) } },
      out,
    );
    // The evidence service serves the inventory as given, host list included: its copy (and
    // the data stack's hash of that copy) is the one place the second host may appear.
    const served = (line: string) =>
      / {2}(config\/evidence\/[^/]+\/inventory\.json|stacks\/data\/cdk\.tf\.json)$/.test(line);
    const without = (listing: string) => listing.split("\n").filter((l) => !served(l));
    expect(without(digest(out))).toEqual(without(golden));
    const served1 = JSON.parse(
      readFileSync(join(out, "config/evidence/thu-nhan-minh-chung/inventory.json"), "utf8"),
    );
    expect(served1.datacentre.hosts.map((h: { id: string }) => h.id)).toEqual([demo.datacentre.hosts[0]?.id]);
    const dataStack = (dir: string) => readFileSync(join(dir, "stacks/data/cdk.tf.json"), "utf8").split("\n");
    const changed = dataStack(out).filter((l, i) => l !== dataStack(join(base, "demo"))[i]);
    expect(changed).toHaveLength(1);
  });
});

describe("a three-host swarm", () => {
  const inventory = swarmInventory(demoInventory(), 3);
  const dc = inventory.datacentre;
  // Secret files with content no synth may copy: Terraform reads them when it applies.
  const secretsDir = join(base, "secrets");
  const secretTexts: string[] = [];
  const secret = (path: string) => {
    const text = randomBytes(24).toString("hex");
    secretTexts.push(text);
    mkdirSync(join(secretsDir, path, ".."), { recursive: true });
    writeFileSync(join(secretsDir, path), text);
  };
  for (const f of ["client-repository", "htpasswd", "repository-password"]) secret(`backup/${f}`);
  for (const s of dc.services) {
    secret(`tls/${s.id}/server.key`);
    if (s.kind === "postgres") secret(`postgres/${s.id}/password`);
  }
  const out = join(base, "swarm");
  synthToDir(inventory, out, { secretsDir });
  const all = Object.fromEntries(STACKS.map((s) => [s, stack(out, s)]));
  const services = STACKS.flatMap((s) => Object.values(all[s]?.resource.docker_service ?? {}));
  const containers = STACKS.flatMap((s) => Object.values(all[s]?.resource.docker_container ?? {}));
  /** Infrastructure roles and the stateful service whose volumes they mount. */
  const INFRA_HOLDS: Record<string, string> = {
    "backup-server": "attt-backup-server",
    prometheus: "attt-prometheus",
    alertmanager: "attt-prometheus",
    "log-relay": "attt-log-relay",
  };
  const holderOf = (id: string) => dc.hosts.find((h) => h.swarm?.holds.includes(id))?.id;

  it("makes every zone an encrypted, attachable overlay network", () => {
    const networks = Object.values(all.network?.resource.docker_network ?? {});
    expect(networks.map((n) => n.name).sort()).toEqual(dc.zones.map((z) => `attt-${dc.id}-${z.id}`).sort());
    for (const n of networks) {
      expect(n.driver).toBe("overlay");
      expect(n.attachable).toBe(true);
      expect(n.options).toEqual({ encrypted: "true" });
    }
  });

  it("runs every long-running workload as a Swarm service, none as a plain container", () => {
    expect(containers.filter((c) => labelsOf(c).get("attt.lifecycle") === "service")).toEqual([]);
    const names = services.map((s) => s.name);
    for (const svc of dc.services) expect(names).toContain(`attt-${dc.id}-${svc.id}`);
    for (const infra of [
      "zone-firewall",
      "node-exporter",
      "prometheus",
      "alertmanager",
      "log-relay",
      "backup-server",
    ])
      expect(names).toContain(`attt-${dc.id}-${infra}`);
  });

  it("pins each stateful service to the host holding its volumes, and replicates the stateless ones over their zone's hosts", () => {
    for (const s of services) {
      const labels = labelsOf(s);
      const role = labels.get("attt.role") ?? "";
      const task = s.task_spec as Json;
      const placement = task.placement as { constraints: string[]; prefs?: string[]; max_replicas?: number };
      const mode = s.mode as { global?: boolean; replicated?: { replicas: number } };
      const holder = holderOf(labels.get("attt.service") ?? INFRA_HOLDS[role] ?? "");
      if (role === "zone-firewall" || role === "node-exporter") {
        expect(mode, String(s.name)).toEqual({ global: true });
      } else if (holder) {
        expect(mode, String(s.name)).toEqual({ replicated: { replicas: 1 } });
        expect(placement.constraints).toEqual([`node.labels.attt.host==${holder}`]);
      } else {
        const zone = labels.get("attt.zone") ?? "";
        const zoneHosts = dc.hosts.filter((h) => h.swarm?.zones.includes(zone)).length;
        expect(mode, String(s.name)).toEqual({ replicated: { replicas: zoneHosts } });
        expect(zoneHosts).toBeGreaterThan(1);
        expect(placement.constraints).toEqual([`node.labels.attt.zone.${zone}==true`]);
        expect(placement.prefs).toEqual(["spread=node.labels.attt.host"]);
        expect(placement.max_replicas).toBe(1);
      }
    }
    // The demo's database, file store, backup server and Prometheus keep state: all pinned.
    const pinned = services.filter(
      (s) => (s.mode as Json).replicated && JSON.stringify(s).includes("attt.host=="),
    );
    expect(pinned.map((s) => s.name).sort()).toEqual(
      [
        ...dc.services.filter((s) => s.volumes.length > 0).map((s) => s.id),
        "alertmanager",
        "backup-server",
        "log-relay",
        "prometheus",
      ]
        .map((n) => `attt-${dc.id}-${n}`)
        .sort(),
    );
  });

  it("carries the hardening over: user, read-only root, capabilities dropped, limits, health check, log rotation", () => {
    for (const s of services) {
      const task = s.task_spec as Json;
      const spec = task.container_spec as Json;
      const labels = labelsOf(s);
      const excepted = (JSON.parse(labels.get("attt.exceptions") ?? "[]") as Array<{ setting: string }>).map(
        (e) => e.setting,
      );
      expect(spec.read_only, String(s.name)).toBe(!excepted.includes("read-only-root"));
      expect(spec.cap_drop).toEqual(["ALL"]);
      if (!excepted.includes("add-capabilities")) expect(spec.cap_add).toBeUndefined();
      if (!excepted.includes("run-as-root")) expect(spec.user).not.toMatch(/^(0|root)(:|$)/);
      const limits = (task.resources as { limits: { memory_bytes: number; nano_cpus: number } }).limits;
      expect(limits.memory_bytes).toBeGreaterThan(0);
      expect(limits.nano_cpus).toBeGreaterThan(0);
      expect((spec.healthcheck as { test: string[] }).test.length).toBeGreaterThan(0);
      expect(task.log_driver).toEqual({ name: "json-file", options: { "max-file": "5", "max-size": "10m" } });
      expect(labels.get("attt.no-new-privileges")).toBe("engine");
    }
  });

  it("gives services the operator's secrets as Swarm secrets read at apply, never their content", () => {
    const text = files(out)
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    for (const s of secretTexts) expect(text).not.toContain(s);
    const secrets = Object.values(all.data?.resource.docker_secret ?? {});
    expect(secrets.length).toBeGreaterThan(0);
    for (const s of secrets)
      expect(s.data).toMatch(new RegExp(`^\\$\\{filebase64\\("${secretsDir}/[^"]+"\\)\\}$`));
    for (const s of services) {
      const mounts =
        ((s.task_spec as Json).container_spec as { mounts?: Array<{ source?: string }> }).mounts ?? [];
      expect(mounts.filter((m) => m.source?.startsWith(secretsDir))).toEqual([]);
    }
    const db = services.find((s) => labelsOf(s).get("attt.service") === "postgres-csdl-nganh") ?? {};
    const files_ = ((db.task_spec as Json).container_spec as { secrets: Array<{ file_name: string }> })
      .secrets;
    expect(files_.map((f) => f.file_name)).toEqual([
      "/run/secrets/attt/postgres/password",
      "/run/secrets/attt/tls/server.crt",
      "/run/secrets/attt/tls/server.key",
    ]);
  });

  it("creates each volume on the host holding it, and runs the jobs that mount it there", () => {
    const providers = all.storage?.provider.docker.map((p) => p.alias).filter(Boolean);
    expect(providers?.sort()).toEqual(dc.hosts.map((h) => h.id).sort());
    const volumes = Object.values(all.storage?.resource.docker_volume ?? {});
    for (const svc of dc.services.filter((s) => s.volumes.length > 0)) {
      const mine = volumes.filter((v) => labelsOf(v).get("attt.service") === svc.id);
      expect(mine.length).toBeGreaterThan(0);
      for (const v of mine) expect(v.provider, String(v.name)).toBe(`docker.${holderOf(svc.id)}`);
    }
    // The metrics volume the jobs write is on every host.
    expect(
      volumes
        .filter((v) => String(v.name).endsWith(".jobs-metrics"))
        .map((v) => v.provider)
        .sort(),
    ).toEqual(dc.hosts.map((h) => `docker.${h.id}`).sort());
    const jobs = containers.filter((c) => labelsOf(c).get("attt.role") === "backup-job");
    expect(jobs.length).toBeGreaterThan(0);
    for (const j of jobs)
      expect(j.provider).toBe(`docker.${holderOf(labelsOf(j).get("attt.service") ?? "")}`);
  });

  it("labels the nodes so that every placement constraint is met by a host, and only by the right ones", () => {
    const script = readFileSync(join(out, "swarm-nodes.sh"), "utf8");
    const labelsOfHost = new Map(
      [...script.matchAll(/^\tdocker node update (.*) '([a-z0-9-]+)' >\/dev\/null$/gm)].map((m) => [
        m[2],
        [...(m[1] ?? "").matchAll(/--label-add '([^']+)'/g)].map((l) => l[1]),
      ]),
    );
    expect([...labelsOfHost.keys()].sort()).toEqual(dc.hosts.map((h) => h.id).sort());
    for (const s of services) {
      const placement = (s.task_spec as Json).placement as { constraints: string[] };
      for (const c of placement.constraints) {
        const label = c.replace(/^node\.labels\./, "").replace("==", "=");
        const on = [...labelsOfHost].filter(([, ls]) => ls.includes(label)).map(([h]) => h);
        const zone = /^attt\.zone\.(.+)=true$/.exec(label)?.[1];
        const host = /^attt\.host=(.+)$/.exec(label)?.[1];
        expect(on.sort(), `${s.name}: ${c}`).toEqual(
          zone
            ? dc.hosts
                .filter((h) => h.swarm?.zones.includes(zone))
                .map((h) => h.id)
                .sort()
            : [host],
        );
      }
    }
    expect(execFileSync("sh", ["-n", join(out, "swarm-nodes.sh")]).toString()).toBe("");
  });

  it("makes the zone firewall follow the tasks: legs by subnet, each flow's target by tasks.<service>", () => {
    const config = (path: string) => readFileSync(join(out, "config", path), "utf8");
    const rules = config("firewall/rules.nft");
    const start = config("firewall/start.sh");
    // Only its own table: flush ruleset would remove Docker's DNS rules the start script needs.
    expect(rules).not.toMatch(/^flush ruleset/m);
    expect(rules).toMatch(/^delete table inet attt_zone_firewall$/m);
    const plan = buildDatacentre(inventory, { secretsDir }).plan;
    expect(plan.publications.length).toBeGreaterThan(0);
    for (const p of plan.publications) {
      const target = plan.zones.get(p.endpoint.zone)?.addresses.subnet;
      expect(rules).toContain(
        `ip daddr ${p.serviceAddress} ${p.proto} dport ${p.port} meta mark set jhash ip saddr . ${p.proto} sport mod 8 dnat ip to ip daddr . ${p.proto} dport . meta mark map @targets`,
      );
      expect(rules).toContain(
        `ct original ip daddr ${p.serviceAddress} ip daddr ${target} ${p.proto} dport ${p.port} ct status dnat accept`,
      );
      const i = plan.publications.indexOf(p);
      expect(start).toContain(`resolve ${i} 'tasks.${p.endpoint.id}'`);
      expect(start).toContain(`buckets '${p.serviceAddress}' ${p.port} \${tasks_${i}:-}`);
    }
    // No fixed address anywhere in the swarm's firewall: not a leg's, not a target's.
    for (const z of plan.zones.values()) {
      expect(rules).not.toContain(z.addresses.firewall);
      for (const address of z.addresses.serviceAddresses.values())
        expect(start).toContain(`add_service_address '${z.addresses.subnet}' '${address}'`);
    }
  });

  it("keeps a flow's targets through 3 failed lookups of its service (6 s), then drops them", () => {
    const start = readFileSync(join(out, "config", "firewall/start.sh"), "utf8");
    const functions = start.slice(start.indexOf("tasks_of() {"), start.indexOf("# Swarm stops"));
    expect(functions).toContain("refresh() {");
    // The script's own functions, round by round, with getent answering only in rounds 1 and 6
    // (another task then): each round prints the first flow's targets.
    const rounds = execFileSync(
      "sh",
      [
        "-c",
        `${functions}
getent() { case "$round" in 1) echo "10.9.0.4 STREAM $2" ;; 6) echo "10.9.0.7 STREAM $2" ;; *) return 2 ;; esac; }
for round in 1 2 3 4 5 6; do refresh; echo "$round:$(elements | grep -c ' . 0 : ') $(elements | head -n 1)"; done`,
      ],
      { encoding: "utf8" },
    );
    const plan = buildDatacentre(inventory, { secretsDir }).plan;
    const flow = plan.publications[0];
    const line = (task: string) => `${flow?.serviceAddress} . ${flow?.port} . 0 : ${task}`;
    const n = plan.publications.length;
    expect(rounds.trim().split("\n")).toEqual([
      `1:${n} ${line("10.9.0.4")}`,
      `2:${n} ${line("10.9.0.4")}`,
      `3:${n} ${line("10.9.0.4")}`,
      `4:${n} ${line("10.9.0.4")}`,
      "5:0 ",
      `6:${n} ${line("10.9.0.7")}`,
    ]);
  });

  it("closes the hosts' egress by docker_gwbridge, and admits the firewall's legs to PostgreSQL by the data zone's subnet", () => {
    const egress = readFileSync(join(out, "config/host/attt-egress.nft"), "utf8");
    const rules = egress.split("\n").filter((l) => /^\s+iifname/.test(l));
    expect(rules.length).toBeGreaterThan(1);
    expect(rules.every((l) => l.includes('iifname "docker_gwbridge"'))).toBe(true);
    // No exemption for the zones' subnets: it would only open the way to the hosts' addresses.
    expect(rules.at(-1)).toBe('\t\tiifname "docker_gwbridge" ct state new counter drop');
    const pg = dc.services.find((s) => s.kind === "postgres");
    const zone = dc.zones.find((z) => z.id === pg?.zone);
    const hba = readFileSync(join(out, `config/postgres/${pg?.id}/pg_hba.conf`), "utf8");
    expect(hba).toMatch(
      new RegExp(`^hostssl\\s+all\\s+all\\s+${zone?.subnet.replaceAll(".", "\\.")}\\s+scram-sha-256$`, "m"),
    );
  });

  it("emits the engines' daemon.json with no-new-privileges, finds services by DNS, and publishes ports on their hosts only", () => {
    expect(JSON.parse(readFileSync(join(out, "config/host/daemon.json"), "utf8"))).toEqual({
      "no-new-privileges": true,
    });
    for (const svc of services) {
      const spec = svc.endpoint_spec as { mode?: string; ports?: Array<Record<string, unknown>> };
      expect(spec.mode, String(svc.name)).toBe("dnsrr");
      // Host mode: no ingress routing mesh opening the port on every host of the swarm.
      for (const port of spec.ports ?? []) expect(port.publish_mode, String(svc.name)).toBe("host");
    }
    const publishing = services.filter((s) => (s.endpoint_spec as { ports?: unknown[] }).ports);
    expect(publishing.map((s) => s.name)).toContain(`attt-${dc.id}-reverse-proxy`);
    // Only where its zone runs: one task per host carrying the zone, at most one per host (no port clash).
    for (const svc of publishing) {
      const placement = (svc.task_spec as { placement: { constraints: string[]; max_replicas?: number } })
        .placement;
      expect(placement.constraints.some((c) => /^node\.labels\.attt\.zone\.[a-z0-9-]+==true$/.test(c))).toBe(
        true,
      );
      expect(placement.max_replicas).toBe(1);
    }
  });

  it("writes byte-identical output for the same inventory", () => {
    const again = join(base, "swarm-again");
    synthToDir(inventory, again, { secretsDir });
    expect(digest(again)).toBe(digest(out));
  });

  it("refuses a secrets directory Terraform would read as an expression", () => {
    expect(() =>
      synthToDir(inventory, join(base, "bad"), { secretsDir: `/etc/attt/x"$\{path.root}` }),
    ).toThrow(StackInputError);
  });
});
