/**
 * A worker of the province-scale build: builds the zips of the units it is sent.
 * The inventory arrives once (workerData); each message names one unit.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Inventory } from "../../model/inventory.js";
import { emitters } from "../emit/index.js";
import { privateKeyFrom } from "./signing.js";
import { unitZip } from "./unit-bundle.js";
import { UNIT_EXTRA_EXECUTABLES, unitExtraFiles } from "./unit-extras.js";

interface Data {
  inventory: Inventory;
  keyPem?: string;
}

const { inventory, keyPem } = workerData as Data;
const key = keyPem ? privateKeyFrom(keyPem, "signing key") : undefined;

parentPort?.on("message", (msg: { unit: string; inputHash: string }) => {
  try {
    const zip = unitZip({
      inventory,
      unit: msg.unit,
      emitters,
      inputHash: msg.inputHash,
      key,
      extraFiles: unitExtraFiles(inventory, msg.unit),
      extraExecutables: UNIT_EXTRA_EXECUTABLES,
    });
    parentPort?.postMessage({ unit: msg.unit, zip }, [zip.buffer as ArrayBuffer]);
  } catch (e) {
    parentPort?.postMessage({ unit: msg.unit, error: (e as Error).message });
  }
});
