/**
 * Synth time of the demo province's data centre: loading the inventory, building the
 * stacks and writing cdk.tf.json plus the generated config (synthToDir), measured over a
 * few runs after one warm-up; on its one host, then spread over a swarm of 3 and of 10
 * hosts (bench/synthetic-swarm.ts). `benchSynth()` returns the figures and prints them.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadInventory } from "../../model/load-inventory.js";
import { packageRoot } from "../../model/package-root.js";
import { synthToDir } from "../../stacks/synth.js";
import { swarmInventory } from "../synthetic-swarm.js";

export interface SynthBench {
  inventory: string;
  runs: number;
  loadMs: number;
  synthMs: { min: number; median: number; max: number };
  /** Docker hosts the data centre runs on (a swarm when more than one). */
  hosts: number;
  stacks: number;
  configFiles: number;
  /** Terraform resources over every stack. */
  resources: number;
}

export function benchSynth(
  options: { inventory?: string; runs?: number; print?: boolean; swarmHosts?: number } = {},
): SynthBench {
  const inventoryPath = resolve(options.inventory ?? join(packageRoot, "examples", "demo-province"));
  const runs = options.runs ?? 5;
  const out = mkdtempSync(join(tmpdir(), "attt-bench-synth-"));
  try {
    let t = performance.now();
    const loaded = loadInventory(inventoryPath).inventory;
    const inventory = options.swarmHosts ? swarmInventory(loaded, options.swarmHosts) : loaded;
    const loadMs = performance.now() - t;
    let last = synthToDir(inventory, join(out, "warm-up"));
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      t = performance.now();
      last = synthToDir(inventory, join(out, `run-${i}`));
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const round = (n: number) => Math.round(n * 10) / 10;
    const result: SynthBench = {
      inventory: inventoryPath,
      runs,
      loadMs: round(loadMs),
      synthMs: {
        min: round(times[0] ?? 0),
        median: round(times[Math.floor(times.length / 2)] ?? 0),
        max: round(times[times.length - 1] ?? 0),
      },
      hosts: options.swarmHosts ?? 1,
      stacks: last.stacks.length,
      configFiles: last.configFiles.length,
      resources: countResources(join(out, `run-${runs - 1}`), last.stacks),
    };
    if (options.print !== false) {
      console.log(
        `synth (data centre of ${inventoryPath} on ${result.hosts} host${result.hosts > 1 ? "s, a swarm" : ""}): ${result.stacks} stacks, ${result.resources} resources + ${result.configFiles} config files; ` +
          `load ${result.loadMs} ms; synth min ${result.synthMs.min} / median ${result.synthMs.median} / max ${result.synthMs.max} ms over ${runs} runs`,
      );
    }
    return result;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function countResources(dir: string, stacks: string[]): number {
  return stacks
    .map(
      (s) => JSON.parse(readFileSync(join(dir, "stacks", s, "cdk.tf.json"), "utf8")) as { resource?: object },
    )
    .flatMap((j) => Object.values(j.resource ?? {}).flatMap((byName) => Object.keys(byName as object)))
    .length;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchSynth();
  benchSynth({ swarmHosts: 3 });
  benchSynth({ swarmHosts: 10 });
}
