/** The notes synth prints about the flow matrix: flows that open nothing, SOCs without addresses. */
import { describe, expect, it } from "vitest";
import { planDatacentre } from "../../stacks/datacentre-plan.js";
import { alertNotes, flowNotes } from "../../stacks/flow-notes.js";
import { resolveOptions } from "../../stacks/options.js";
import { demoInventory, type FixtureOptions, fixtureInventory } from "../helpers/dc-inventory.js";

function notesFor(mutate?: FixtureOptions["mutate"]): string[] {
  const inventory = fixtureInventory(mutate ? { mutate } : {});
  const plan = planDatacentre(inventory, resolveOptions(inventory.datacentre.id));
  return flowNotes(inventory, plan.unmatchedFlows, plan.unusedFlows);
}

const pinSocs: FixtureOptions["mutate"] = (dc) => {
  const monitoring = dc.monitoring as Record<string, Record<string, unknown>>;
  (monitoring.provincialSoc as Record<string, unknown>).addresses = ["203.0.113.16/29"];
  (monitoring.nationalSoc as Record<string, unknown>).addresses = ["198.51.100.7"];
};

describe("flow notes", () => {
  it("name each SOC without addresses, with its port", () => {
    const notes = notesFor();
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(
      /^note: datacentre\.monitoring\.provincialSoc \(soc-provincial\) names no addresses: .*tcp\/5140 at any address/,
    );
    expect(notes[1]).toMatch(/^note: datacentre\.monitoring\.nationalSoc \(soc-national\) .*tcp\/5141/);
  });

  it("say nothing of SOCs whose addresses are listed", () => {
    expect(notesFor(pinSocs)).toEqual([]);
  });

  it("name a flow to an endpoint nothing deployed in its source zone uses, and the firewall leaves it closed", () => {
    const mutate: FixtureOptions["mutate"] = (dc) => {
      pinSocs(dc);
      dc.flows.push({ from: "data", to: "bak", port: 8000, reason: "Backups pushed from the data zone" });
    };
    const index = fixtureInventory().datacentre.flows.length;
    expect(notesFor(mutate)).toEqual([
      `note: datacentre.flows[${index}] (data -> bak tcp/8000) reaches attt-backup-server, which is used only from zone "mon"; nothing deployed in zone "data" uses it, so the firewall leaves it closed: remove the flow`,
    ]);
    const inventory = fixtureInventory({ mutate });
    const plan = planDatacentre(inventory, resolveOptions(inventory.datacentre.id));
    expect(plan.publications.filter((p) => p.flow === index)).toEqual([]);
    // The monitoring zone's flow to the same endpoint stays open: Prometheus scrapes it.
    expect(plan.publications.some((p) => p.from === "mon" && p.endpoint.id === "attt-backup-server")).toBe(
      true,
    );
  });

  it("name a flow that reaches no service or endpoint, by its index in the matrix", () => {
    const notes = notesFor((dc) => {
      pinSocs(dc);
      dc.flows.push({ from: "app", to: "data", port: 6379, reason: "A cache nobody runs" });
    });
    const index = fixtureInventory().datacentre.flows.length;
    expect(notes).toEqual([
      `note: datacentre.flows[${index}] (app -> data tcp/6379) reaches no service or data-centre endpoint: the firewall opens nothing for it`,
    ]);
  });

  it("say when the alerts reach nobody, and not when the SOC's webhook and mailbox are given", () => {
    expect(alertNotes(fixtureInventory())).toEqual([
      "note: datacentre.monitoring.alerts is not set: Alertmanager holds the alerts and notifies nobody; give the SOC's webhook and mailbox (stacks/README.md)",
    ]);
    expect(alertNotes(demoInventory())).toEqual([]);
  });
});
