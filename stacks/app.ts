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

export interface AppOptions extends StackOptionsInput {
  /** Where `app.synth()` writes (cdktf's outdir). */
  outdir?: string;
}

export interface BuiltDatacentre {
  app: App;
  plan: DatacentrePlan;
  files: ConfigFile[];
  stacks: { network: NetworkStack; data: DataStack; backup: BackupStack; monitoring: MonitoringStack };
}

export function buildDatacentre(inventory: Inventory, options: AppOptions = {}): BuiltDatacentre {
  const plan = planDatacentre(inventory, resolveOptions(inventory.datacentre.id, options));
  const files = renderConfigFiles(plan);
  const app = new App({ outdir: options.outdir ?? "cdktf.out", stackTraces: false });
  const ctx: StackContext = { plan, files };
  const network = new NetworkStack(app, ctx);
  const data = new DataStack(app, ctx);
  const backup = new BackupStack(app, ctx);
  const monitoring = new MonitoringStack(app, ctx);
  data.addDependency(network);
  backup.addDependency(network);
  backup.addDependency(data); // mounts the services' volumes
  monitoring.addDependency(network);
  monitoring.addDependency(backup); // reads the jobs' metrics volume
  return { app, plan, files, stacks: { network, data, backup, monitoring } };
}

export function buildApp(inventory: Inventory, options: AppOptions = {}): App {
  return buildDatacentre(inventory, options).app;
}
