/**
 * Every unit's signed zip for a whole province, on every core, written atomically and
 * incrementally:
 * - units whose inputs did not change keep their zip (hard-linked into the new output,
 *   never rewritten);
 * - the new output is assembled in a staging directory and swapped in at the end, so an
 *   interrupted run leaves the previous output exactly as it was;
 * - beside the zips: index.json (for the next run) and the list the Department publishes
 *   (published-list.ts).
 */
import { linkSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { Inventory } from "../../model/inventory.js";
import { assertReplaceable, stageOutput } from "../../model/write-tree.js";
import { toolkitFingerprint } from "./fingerprint.js";
import { sha256 } from "./manifest.js";
import {
  manifestSha256,
  PUBLISHED_HTML,
  PUBLISHED_TEXT,
  publishedHtml,
  publishedText,
} from "./published-list.js";
import { keyFingerprint, privateKeyFrom } from "./signing.js";
import { unitInputHash } from "./unit-bundle.js";

export const INDEX = "index.json";

interface IndexEntry {
  inputHash: string;
  /** keyFingerprint of the key that signed the zip (sha256 of its public key); null when unsigned. */
  signingKey: string | null;
  zipSha256: string;
}
type BuildIndex = Record<string, IndexEntry>;

export interface BuildResult {
  rebuilt: string[];
  unchanged: string[];
  workers: number;
}

export async function buildProvinceBundles(args: {
  inventory: Inventory;
  outDir: string;
  keyPem?: string;
  workers?: number;
  onUnit?: () => void;
}): Promise<BuildResult> {
  const { inventory, outDir } = args;
  assertReplaceable(outDir, "baseline package");
  const previous = readIndex(outDir);
  const fingerprint = toolkitFingerprint();
  const units = inventory.units.map((u) => u.id).sort();
  const hashes = new Map(units.map((u) => [u, unitInputHash(inventory, u, fingerprint)]));
  // Another key (or signed vs unsigned) is another output: the zip must be signed again.
  const signingKey =
    args.keyPem === undefined ? null : keyFingerprint(privateKeyFrom(args.keyPem, "signing key"));
  // The zip must still be the one the index describes (`attt sign` may have re-signed it since).
  const unchanged = units.filter(
    (u) =>
      previous[u]?.inputHash === hashes.get(u) &&
      (previous[u]?.signingKey ?? null) === signingKey &&
      zipSha256(join(outDir, `${u}.zip`)) === previous[u]?.zipSha256,
  );
  const toBuild = units.filter((u) => !unchanged.includes(u));

  // Refuses a path it must not replace; removed on SIGINT/SIGTERM (model/write-tree.ts).
  const stage = stageOutput(outDir, "baseline package");
  const staging = stage.dir;
  try {
    const index: BuildIndex = {};
    for (const u of unchanged) {
      linkSync(join(outDir, `${u}.zip`), join(staging, `${u}.zip`));
      index[u] = previous[u] as IndexEntry;
      args.onUnit?.();
    }
    const workers = Math.max(1, Math.min(args.workers ?? availableParallelism(), toBuild.length));
    await runPool(inventory, args.keyPem, toBuild, hashes, workers, (unit, zip) => {
      writeFileSync(join(staging, `${unit}.zip`), zip);
      index[unit] = { inputHash: hashes.get(unit) as string, signingKey, zipSha256: sha256(zip) };
      args.onUnit?.();
    });
    const sorted = Object.fromEntries(Object.entries(index).sort(([a], [b]) => (a < b ? -1 : 1)));
    writeFileSync(join(staging, INDEX), `${JSON.stringify(sorted, null, 2)}\n`);
    const names = new Map(inventory.units.map((u) => [u.id, u.name]));
    const rows = units.map((u) => {
      const zip = readFileSync(join(staging, `${u}.zip`));
      return {
        unit: u,
        unitName: names.get(u) ?? u,
        zip: `${u}.zip`,
        zipSha256: (index[u] as IndexEntry).zipSha256,
        manifestSha256: manifestSha256(zip),
      };
    });
    writeFileSync(join(staging, PUBLISHED_TEXT), publishedText(rows, signingKey));
    writeFileSync(join(staging, PUBLISHED_HTML), publishedHtml(rows, signingKey, inventory.province.name));
    stage.commit();
    return { rebuilt: toBuild, unchanged, workers: toBuild.length ? workers : 0 };
  } catch (e) {
    stage.discard();
    throw e;
  }
}

function zipSha256(file: string): string | undefined {
  try {
    return sha256(readFileSync(file));
  } catch {
    return undefined;
  }
}

function readIndex(outDir: string): BuildIndex {
  try {
    return JSON.parse(readFileSync(join(outDir, INDEX), "utf8")) as BuildIndex;
  } catch {
    return {};
  }
}

/** Sends units to a pool of worker threads and hands each finished zip back, one at a time. */
function runPool(
  inventory: Inventory,
  keyPem: string | undefined,
  units: string[],
  hashes: Map<string, string>,
  size: number,
  onZip: (unit: string, zip: Uint8Array) => void,
): Promise<void> {
  if (units.length === 0) return Promise.resolve();
  const queue = [...units];
  // Run from source (tsx) or from dist/: the worker module has this module's extension.
  const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  const workerUrl = new URL(`./worker${ext}`, import.meta.url);
  return new Promise((resolve, reject) => {
    let running = 0;
    let failed = false;
    const workers: Worker[] = [];
    const finish = (err?: Error) => {
      if (failed) return;
      if (err) failed = true;
      if (err || (queue.length === 0 && running === 0)) {
        for (const w of workers) void w.terminate();
        if (err) reject(err);
        else resolve();
      }
    };
    const feed = (w: Worker) => {
      const unit = queue.shift();
      if (!unit) return;
      running++;
      w.postMessage({ unit, inputHash: hashes.get(unit) });
    };
    for (let i = 0; i < size; i++) {
      // From source, a worker does not inherit tsx's loader: it registers it, then imports the module.
      // tsx is resolved from here: an eval'd worker would resolve a bare name from the working directory.
      const w =
        ext === ".ts"
          ? new Worker(
              `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((m) => { m.register(); return import(${JSON.stringify(workerUrl.href)}); });`,
              {
                eval: true,
                workerData: { inventory, keyPem },
              },
            )
          : new Worker(workerUrl, { workerData: { inventory, keyPem } });
      workers.push(w);
      w.on("message", (msg: { unit: string; zip?: Uint8Array; error?: string }) => {
        running--;
        if (msg.error || !msg.zip) return finish(new Error(`unit ${msg.unit}: ${msg.error ?? "no output"}`));
        onZip(msg.unit, msg.zip);
        feed(w);
        finish();
      });
      w.on("error", (e) => finish(e));
      feed(w);
    }
  });
}
