/**
 * Notes on the flow matrix: flows that open nothing (no service or endpoint listens
 * there), and SOC endpoints without addresses, whose port the host egress rules then
 * open toward any address.
 */
import type { Inventory } from "../model/inventory.js";

export function flowNotes(inventory: Inventory, unmatched: ReadonlyArray<number>): string[] {
  const { provincialSoc, nationalSoc } = inventory.datacentre.monitoring;
  const socs = Object.entries({ provincialSoc, nationalSoc })
    .filter(([, soc]) => soc.addresses === undefined)
    .map(
      ([key, soc]) =>
        `note: datacentre.monitoring.${key} (${soc.host}) names no addresses: the host egress rules let the monitoring zone reach tcp/${soc.port} at any address outside the data centre; list the SOC's addresses to hold it to them`,
    );
  return [...unmatchedNotes(inventory, unmatched), ...socs];
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
