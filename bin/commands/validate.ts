import type { Command } from "commander";
import { DEMO_INVENTORY } from "../../model/demo.js";
import { loadInventory } from "../../model/load-inventory.js";
import { netbiosCollisions } from "../../model/machine-names.js";
import { backupBesideData } from "../../model/swarm-warnings.js";
import { assertDatacentreBuildable } from "../../stacks/locate-problems.js";
import { action, printJson } from "../cli-kit.js";

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("Check an inventory (a directory of YAML files, or one file): schema, references, dates.")
    .argument("[inventory]", "inventory directory or file", DEMO_INVENTORY)
    .option("--json", "print a machine-readable summary")
    .action(
      action((path: string, opts: { json?: boolean }) => {
        const loaded = loadInventory(path);
        const { inventory: inv, files } = loaded;
        // What synth would refuse (a subnet too small, overlapping zones, a data zone with a
        // route out ...) is an inventory problem too: report it here, located.
        assertDatacentreBuildable(loaded);
        // Not an error (the names are valid, and evidence carries the full name), but on the
        // network these machines are one NetBIOS name and older audits cannot be told apart.
        const collisions = netbiosCollisions(inv);
        const machines = inv.units.reduce((n, u) => n + u.machines.reduce((m, g) => m + g.count, 0), 0);
        const summary = {
          ok: true,
          province: inv.province.id,
          files: files.length,
          units: inv.units.length,
          machines,
          systems: inv.systems.length,
          staff: inv.staff.length,
          budgets: inv.budgets.length,
          vendors: inv.vendors.length,
          datacentre: { zones: inv.datacentre.zones.length, services: inv.datacentre.services.length },
          netbiosCollisions: collisions,
        };
        for (const c of collisions)
          process.stderr.write(
            `cảnh báo / warning: ${c.unit}: ${c.hosts.length} máy Windows cùng tên NetBIOS ${c.netbios} ` +
              `(15 ký tự đầu) / Windows machines share the NetBIOS name ${c.netbios}: ${c.hosts.join(", ")}\n`,
          );
        for (const b of backupBesideData(inv.datacentre))
          process.stderr.write(
            `cảnh báo / warning: máy ${b.host} giữ cả kho sao lưu (attt-backup-server) và dữ liệu của ${b.services.join(", ")}: ` +
              `mất máy này là mất cả dữ liệu lẫn bản sao lưu; đặt chúng trên hai máy khác nhau (holds) / ` +
              `host ${b.host} holds both the backup repository and the data of ${b.services.join(", ")}: ` +
              `losing it loses the data and its backups together; hold them on different hosts\n`,
          );
        if (opts.json) printJson(summary);
        else
          process.stdout.write(
            `ok: ${inv.province.name}: ${summary.units} units, ${machines} machines, ${summary.systems} systems, ` +
              `${summary.staff} people, ${summary.vendors} vendors (${summary.files} files)\n`,
          );
        return 0;
      }),
    );
}
