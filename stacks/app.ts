/**
 * The cdktf app of the provincial data centre: four stacks (network, data, backup,
 * monitoring), each its own Terraform state, deployed in that order. They refer to each
 * other only by the names the plan fixes (network and volume names), with explicit
 * stack dependencies for ordering, so no stack reads another's state.
 */
import { App } from "cdktf";
import type { Inventory } from "../model/inventory.js";
import { BackupStack } from "./backup-stack.js";
import type { StackContext } from "./base-stack.js";
import { type ConfigFile, renderConfigFiles } from "./config/index.js";
import { DataStack } from "./data-stack.js";
import { type DatacentrePlan, planDatacentre } from "./datacentre-plan.js";
import { MonitoringStack } from "./monitoring-stack.js";
import { NetworkStack } from "./network-stack.js";
import { resolveOptions, type StackOptionsInput } from "./options.js";
import { StorageStack } from "./storage-stack.js";

export interface AppOptions extends StackOptionsInput {
  /** Where `app.synth()` writes (cdktf's outdir). */
  outdir?: string;
}

export interface BuiltDatacentre {
  app: App;
  plan: DatacentrePlan;
  files: ConfigFile[];
  stacks: {
    network: NetworkStack;
    storage: StorageStack;
    data: DataStack;
    backup: BackupStack;
    monitoring: MonitoringStack;
  };
}

export function buildDatacentre(inventory: Inventory, options: AppOptions = {}): BuiltDatacentre {
  const plan = planDatacentre(inventory, resolveOptions(inventory.datacentre.id, options));
  const files = renderConfigFiles(plan);
  const app = new App({ outdir: options.outdir ?? "cdktf.out", stackTraces: false });
  const ctx: StackContext = { plan, files };
  const network = new NetworkStack(app, ctx);
  const storage = new StorageStack(app, ctx);
  const data = new DataStack(app, ctx);
  const backup = new BackupStack(app, ctx);
  const monitoring = new MonitoringStack(app, ctx);
  // Every volume is the storage stack's: the others name volumes, so they come after it.
  for (const stack of [data, backup, monitoring]) {
    stack.addDependency(network);
    stack.addDependency(storage);
  }
  backup.addDependency(data); // backs up what the data stack's dump jobs write
  monitoring.addDependency(backup); // scrapes what the backup jobs report
  return { app, plan, files, stacks: { network, storage, data, backup, monitoring } };
}

export function buildApp(inventory: Inventory, options: AppOptions = {}): App {
  return buildDatacentre(inventory, options).app;
}
