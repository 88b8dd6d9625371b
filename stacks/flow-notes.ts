/**
 * Notes on the flow matrix: flows that open nothing (no service or endpoint listens
 * there, or nothing deployed in the source zone uses what listens), and SOC endpoints without addresses, whose port the host egress rules then
 * open toward any address.
 */
import type { Inventory } from "../model/inventory.js";
import type { UnusedFlow } from "./datacentre-plan.js";

export function flowNotes(
  inventory: Inventory,
  unmatched: ReadonlyArray<number>,
  unused: ReadonlyArray<UnusedFlow> = [],
): string[] {
  const { provincialSoc, nationalSoc } = inventory.datacentre.monitoring;
  const socs = Object.entries({ provincialSoc, nationalSoc })
    .filter(([, soc]) => soc.addresses === undefined)
    .map(
      ([key, soc]) =>
        `note: datacentre.monitoring.${key} (${soc.host}) names no addresses: the host egress rules let the monitoring zone reach tcp/${soc.port} at any address outside the data centre; list the SOC's addresses to hold it to them`,
    );
  return [...unmatchedNotes(inventory, unmatched), ...unusedNotes(inventory, unused), ...socs];
}

function unmatchedNotes(inventory: Inventory, unmatched: ReadonlyArray<number>): string[] {
  return unmatched.flatMap((i) => {
    const f = inventory.datacentre.flows[i];
    return f
      ? [
          `note: datacentre.flows[${i}] (${f.from} -> ${f.to} ${f.proto}/${f.port}) reaches no service or data-centre endpoint: the firewall opens nothing for it`,
        ]
      : [];
  });
}

function unusedNotes(inventory: Inventory, unused: ReadonlyArray<UnusedFlow>): string[] {
  return unused.flatMap((u) => {
    const f = inventory.datacentre.flows[u.flow];
    if (!f) return [];
    const users =
      u.usedFrom.length > 0
        ? `only from zone ${u.usedFrom.map((z) => `"${z}"`).join(", ")}`
        : "by nothing the stacks deploy in another zone";
    return [
      `note: datacentre.flows[${u.flow}] (${f.from} -> ${f.to} ${f.proto}/${f.port}) reaches ${u.endpoint}, which is used ${users}; nothing deployed in zone "${f.from}" uses it, so the firewall leaves it closed: remove the flow`,
    ];
  });
}

/** A data centre whose alerts reach nobody: synth says so (the inventory may leave it out). */
export function alertNotes(inventory: Inventory): string[] {
  return inventory.datacentre.monitoring.alerts
    ? []
    : [
        "note: datacentre.monitoring.alerts is not set: Alertmanager holds the alerts and notifies nobody; give the SOC's webhook and mailbox (stacks/README.md)",
      ];
}
