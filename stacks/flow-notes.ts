/** Notes on flows of the matrix that open nothing (no service or endpoint listens there). */
import type { Inventory } from "../model/inventory.js";

export function flowNotes(inventory: Inventory, unmatched: ReadonlyArray<number>): string[] {
  return unmatched.flatMap((i) => {
    const f = inventory.datacentre.flows[i];
    return f
      ? [
          `note: datacentre.flows[${i}] (${f.from} -> ${f.to} ${f.proto}/${f.port}) reaches no service or data-centre endpoint: the firewall opens nothing for it`,
        ]
      : [];
  });
}
