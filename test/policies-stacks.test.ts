/**
 * The stacks pack reads the synthesized data centre. Passing fixture: the demo's own
 * synth; failing fixtures: the same output with one thing loosened.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { swarmInventory } from "../bench/synthetic-swarm.js";
import { DEMO_INVENTORY } from "../model/demo.js";
import { bundledCatalogue } from "../model/load-catalogue.js";
import { loadInventory } from "../model/load-inventory.js";
import { readStacks } from "../policies/check-province.js";
import { contextOf } from "../policies/context.js";
import type { StacksInput, SynthStack } from "../policies/inputs.js";
import type { Policy } from "../policies/policy.js";
import { stacksPack } from "../policies/rules/stacks/index.js";
import { synthToDir } from "../stacks/synth.js";
import { expectVietnamese, VIETNAMESE_LETTER } from "./helpers/vietnamese.js";

const loaded = loadInventory(DEMO_INVENTORY);
const out = join(mkdtempSync(join(tmpdir(), "attt-stacks-pol-")), "synth");
synthToDir(loaded.inventory, out);

function input(): StacksInput {
  return { ...contextOf(loaded, bundledCatalogue()), ...readStacks(out) };
}
type Container = Record<string, unknown>;
const container = (i: StacksInput, stack: string, match: RegExp): Container => {
  const all = (i.stacks.get(stack) as SynthStack).resource?.docker_container ?? {};
  return Object.entries(all).find(([k]) => match.test(k))?.[1] as Container;
};

const loosen: Record<string, { edit: (i: StacksInput) => void; message: RegExp }> = {
  "dc.containers.hardened": {
    edit: (i) => {
      container(i, "data", /web/).read_only = false;
    },
    message: /root filesystem not read-only/,
  },
  "dc.backup.covers-every-data-volume": {
    edit: (i) => {
      const c = container(i, "backup", /backup-job-postgres/);
      c.mounts = (c.mounts as Array<{ source: string }>).filter((m) => !m.source.endsWith(".dump"));
    },
    message: /postgres-csdl-nganh is not mounted by any backup job, nor dumped/,
  },
  "dc.zones.isolated": {
    edit: (i) => {
      container(i, "data", /postgres/).ports = [{ internal: 5432, external: 5432 }];
    },
    message: /publishes ports while attached to .*data/,
  },
  "dc.monitoring.covers-every-service": {
    edit: (i) => {
      const key = [...i.configFiles.keys()].find((k) => k.endsWith("rsyslog.conf")) as string;
      i.configFiles.set(
        key,
        (i.configFiles.get(key) as string).replace(/target="giamsat[^"]*"/, 'target="127.0.0.1"'),
      );
    },
    message: /nothing is exported toward the national SOC/,
  },
  "dc.secrets.none-in-plaintext": {
    edit: (i) => {
      container(i, "data", /postgres/).env = ["POSTGRES_PASSWORD=hunter2"];
    },
    message: /POSTGRES_PASSWORD holds a secret in plain text/,
  },
};

describe("stacks pack", () => {
  it("locates every finding in the inventory: the service's entry, else its zone, else the data centre", () => {
    const i = input();
    container(i, "data", /^service-postgres/).read_only = false;
    const findings = stacksPack.flatMap((p) => (p as Policy<StacksInput>).check(i).findings);
    expect(findings.length).toBeGreaterThan(0);
    const yaml = readFileSync(join(DEMO_INVENTORY, "datacentre.yaml"), "utf8").split("\n");
    for (const f of findings) expect(f.location, f.subject).toMatch(/datacentre\.yaml:\d+$/);
    const db = findings.find((f) => /root filesystem not read-only/.test(f.message));
    const line = Number(db?.location?.split(":").pop());
    expect(yaml[line - 1]).toMatch(/- id: postgres-csdl-nganh$/);
  });

  it("counts a database as backed up only while its dump job writes the volume the backup reads", () => {
    const coverage = stacksPack.find(
      (p) => p.id === "dc.backup.covers-every-data-volume",
    ) as Policy<StacksInput>;
    const messages = (i: StacksInput) =>
      coverage
        .check(i)
        .findings.map((f) => f.message)
        .join("\n");
    expect(messages(input())).toBe("");
    const withoutDumpJob = input();
    const data = (withoutDumpJob.stacks.get("data") as SynthStack).resource?.docker_container ?? {};
    for (const k of Object.keys(data)) if (/^dump-/.test(k)) delete data[k];
    expect(messages(withoutDumpJob)).toMatch(
      /postgres-csdl-nganh is not mounted by any backup job, nor dumped/,
    );
    const readOnlyDump = input();
    const dumpJob = container(readOnlyDump, "data", /^dump-/);
    dumpJob.mounts = (dumpJob.mounts as Array<Record<string, unknown>>).map((m) => ({
      ...m,
      read_only: true,
    }));
    expect(messages(readOnlyDump)).toMatch(/postgres-csdl-nganh is not mounted/);
  });

  it("every stacks policy has a failing fixture here", () => {
    expect(stacksPack.map((p) => p.id).sort()).toEqual(Object.keys(loosen).sort());
  });
  for (const policy of stacksPack as Array<Policy<StacksInput>>) {
    const l = loosen[policy.id];
    it(`${policy.id} passes on the demo's synth (declared exceptions aside)`, () => {
      const findings = policy.check(input()).findings;
      expect(findings.filter((f) => !f.exception)).toEqual([]);
      for (const f of findings) {
        expect(f.exception?.en.length).toBeGreaterThan(10);
        // The Department reads the reason in Vietnamese: its own wording, never the English copied.
        expect(f.exception?.vi).toMatch(VIETNAMESE_LETTER);
        expect(f.exception?.vi).not.toBe(f.exception?.en);
      }
      if (findings.length) expectVietnamese(findings);
    });
    it(`${policy.id} fails when loosened`, () => {
      const i = input();
      l?.edit(i);
      const open = policy.check(i).findings.filter((f) => !f.exception);
      expect(open.map((f) => f.message).join("\n")).toMatch(l?.message ?? /never/);
      expectVietnamese(open);
    });
  }
});

describe("stacks pack on a swarm's synth (docker_service read as the containers it runs)", () => {
  const swarmOut = join(mkdtempSync(join(tmpdir(), "attt-stacks-pol-swarm-")), "synth");
  const swarmLoaded = { ...loaded, inventory: swarmInventory(loaded.inventory, 3) };
  synthToDir(swarmLoaded.inventory, swarmOut);
  const swarmInput = (): StacksInput => ({
    ...contextOf(swarmLoaded, bundledCatalogue()),
    ...readStacks(swarmOut),
  });
  type Json = Record<string, unknown>;
  const of = (i: StacksInput, stack: string, type: string, match: RegExp): Json => {
    const all = ((i.stacks.get(stack) as SynthStack).resource?.[type] ?? {}) as Record<string, Json>;
    const hit = Object.entries(all).find(([k]) => match.test(k))?.[1];
    if (!hit) throw new Error(`no ${type} matching ${match} in stack ${stack}`);
    return hit;
  };
  const spec = (service: Json) => (service.task_spec as Json).container_spec as Json;

  const swarmLoosen: Record<string, Array<{ edit: (i: StacksInput) => void; message: RegExp }>> = {
    "dc.containers.hardened": [
      {
        edit: (i) => {
          spec(of(i, "data", "docker_service", /web/)).read_only = false;
        },
        message: /root filesystem not read-only/,
      },
      {
        edit: (i) => {
          delete spec(of(i, "data", "docker_service", /web/)).healthcheck;
        },
        message: /no health check/,
      },
      {
        // A service's no-new-privileges comes from the engines' settings synth emits.
        edit: (i) => {
          i.configFiles.delete("config/host/daemon.json");
        },
        message: /no-new-privileges not set/,
      },
    ],
    "dc.backup.covers-every-data-volume": [
      {
        edit: (i) => {
          const s = spec(of(i, "backup", "docker_service", /backup-server/));
          s.args = (s.args as string[]).filter((a) => a !== "--append-only");
        },
        message: /does not run --append-only/,
      },
    ],
    "dc.zones.isolated": [
      {
        edit: (i) => {
          of(i, "network", "docker_network", /zone-data/).options = {};
        },
        message: /overlay network not encrypted/,
      },
      {
        edit: (i) => {
          of(i, "data", "docker_service", /postgres/).endpoint_spec = { ports: [{ target_port: 5432 }] };
        },
        message: /publishes ports while attached to .*data/,
      },
      {
        edit: (i) => {
          const task = of(i, "data", "docker_service", /web/).task_spec as Json;
          task.networks_advanced = [
            ...(task.networks_advanced as Json[]),
            { name: `attt-${swarmLoaded.inventory.datacentre.id}-data`, aliases: [] },
          ];
        },
        message: /attached to several zones .*a path between them around the zone firewall/,
      },
    ],
    "dc.monitoring.covers-every-service": [
      {
        edit: (i) => {
          of(i, "monitoring", "docker_service", /node-exporter/).mode = { replicated: { replicas: 1 } };
        },
        message: /node-exporter does not run on every host/,
      },
    ],
    "dc.secrets.none-in-plaintext": [
      {
        edit: (i) => {
          of(i, "data", "docker_secret", /password/).data = "aHVudGVyMg==";
        },
        message: /Swarm secret's content is written into the stack/,
      },
      {
        edit: (i) => {
          spec(of(i, "data", "docker_service", /postgres/)).env = { POSTGRES_PASSWORD: "hunter2" };
        },
        message: /POSTGRES_PASSWORD holds a secret in plain text/,
      },
    ],
  };

  it("has a failing fixture for every stacks policy", () => {
    expect(stacksPack.map((p) => p.id).sort()).toEqual(Object.keys(swarmLoosen).sort());
  });
  for (const policy of stacksPack as Array<Policy<StacksInput>>) {
    it(`${policy.id} passes on the swarm's synth (declared exceptions aside)`, () => {
      const findings = policy.check(swarmInput()).findings;
      expect(findings.filter((f) => !f.exception)).toEqual([]);
    });
    for (const l of swarmLoosen[policy.id] ?? []) {
      it(`${policy.id} fails on the swarm when loosened: ${l.message.source}`, () => {
        const i = swarmInput();
        l.edit(i);
        const open = policy.check(i).findings.filter((f) => !f.exception);
        expect(open.map((f) => f.message).join("\n")).toMatch(l.message);
        expectVietnamese(open);
      });
    }
  }
});
