/**
 * docs/cis-debian12-level1.md is current (generated from the controls' cis fields and
 * baselines/cis/dispositions.ts), its counts are the counts of its own rows, and every
 * item it calls implemented is in a control that gives settings for some role.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundleSpecs } from "../baselines/bundle-spec.js";
import { deriveItems } from "../baselines/cis/derive.js";
import { UBUNTU_DISPOSITIONS } from "../baselines/cis/dispositions.js";
import {
  BENCHMARKS,
  type Benchmark,
  benchmarkRows,
  cisItems,
  cisRows,
  cisTable,
  cisTablePath,
} from "../baselines/cis/table.js";
import { defineControl } from "../baselines/control.js";
import { linuxControls } from "../baselines/controls/linux/index.js";
import { debianUnit, testInventory } from "./helpers/linux-bundles.js";

describe.each(Object.keys(BENCHMARKS) as Benchmark[])("the CIS %s level-1 table", (b) => {
  const doc = readFileSync(cisTablePath(b), "utf8");

  it("is the generator's output (run npm run docs:cis after changing a control's cis field)", () => {
    expect(doc).toBe(cisTable(b));
  });

  it("lists every level-1 item of the derived list once, and its summary counts its own rows", () => {
    const rows = doc.split("\n").filter((l) => /^\| \d+(\.\d+)+ \|/.test(l));
    expect(rows.map((r) => r.split(" | ")[0]?.slice(2))).toEqual(cisItems(b).items.map((i) => i.id));
    const summary = [...doc.matchAll(/^\| ([^|]+) \| (\d+) \|$/gm)].map((m) => [m[1], Number(m[2])] as const);
    expect(summary.length).toBe(5);
    for (const [label, n] of summary)
      expect(rows.filter((r) => r.includes(` | ${label} | `)).length, label).toBe(n);
    expect(summary.reduce((a, [, n]) => a + n, 0)).toBe(cisItems(b).items.length);
  });
});

describe("the Ubuntu tables", () => {
  it.each(["ubuntu2204", "ubuntu2404"] as const)(
    "%s: an item takes the row of the Debian 12 item of its title, or says there is none",
    (b) => {
      const debian = new Map(cisRows().map((r) => [r.item.id, r]));
      const rows = benchmarkRows(b);
      const matched = rows.filter((r) => r.debian !== undefined);
      // Almost every item has a Debian 12 counterpart; a wrong key would match few.
      expect(matched.length).toBeGreaterThan(rows.length * 0.9);
      for (const r of matched) {
        const d = debian.get(r.debian as string);
        expect(d?.item.title.toLowerCase(), r.item.id).toBe(r.item.title.toLowerCase());
        expect([r.status, r.controls], r.item.id).toEqual([d?.status, d?.controls]);
      }
      // The items of Ubuntu's own: a control naming them (cisUbuntu) or a disposition, none left.
      const own = rows.filter((x) => x.debian === undefined);
      expect(own.length).toBeGreaterThan(0);
      for (const r of own) {
        expect(r.status, r.item.id).not.toBe("not-covered");
        const by = linuxControls.filter((c) => c.cisUbuntu?.includes(r.item.id)).map((c) => c.id);
        expect(r.controls, r.item.id).toEqual(by);
        if (by.length === 0) expect(UBUNTU_DISPOSITIONS[r.item.id], r.item.id).toBeDefined();
      }
    },
  );

  it("every Ubuntu ID a control or a disposition names is an Ubuntu item without a Debian 12 twin", () => {
    const own = new Set(
      (["ubuntu2204", "ubuntu2404"] as const).flatMap((b) =>
        benchmarkRows(b)
          .filter((r) => r.debian === undefined)
          .map((r) => r.item.id),
      ),
    );
    const named = [...linuxControls.flatMap((c) => c.cisUbuntu ?? []), ...Object.keys(UBUNTU_DISPOSITIONS)];
    expect(named.length).toBeGreaterThan(0);
    for (const id of named) expect(own.has(id), id).toBe(true);
  });

  it("derive.ts keeps level-1 items only, with their IDs, titles and profiles", () => {
    const yaml = [
      "policy: CIS Benchmark for Test",
      "version: 1.0.0",
      "controls:",
      "  - id: 1.1.1",
      "    title: Ensure a thing (Automated)",
      "    levels: [l1_server, l1_workstation]",
      "    status: automated",
      "  - id: 1.1.2",
      "    title: Ensure another thing (Manual)",
      "    levels: [l2_workstation]",
      "    status: manual",
      "  - id: 1.2.1",
      "    title: Ensure a third (Manual)",
      "    levels: [l1_server]",
      "    status: manual",
    ].join("\n");
    expect(deriveItems(yaml)).toEqual({
      policy: "CIS Benchmark for Test",
      version: "1.0.0",
      items: [
        { id: "1.1.1", title: "Ensure a thing", automated: true, server: true, workstation: true },
        { id: "1.2.1", title: "Ensure a third", automated: false, server: true, workstation: false },
      ],
    });
  });
});

describe("the CIS Debian 12 level-1 rows", () => {
  it("an implemented item's control gives settings for a role it applies to", () => {
    const roles = ["office", "teacher", "lab", "classified", "server"] as const;
    const withSettings = new Set<string>();
    for (const role of roles) {
      const inv = testInventory([debianUnit(role)]);
      for (const spec of bundleSpecs(inv, { os: "linux", role }))
        for (const { control, settings } of spec.controls)
          if (settings.length > 0) withSettings.add(control.id);
    }
    for (const row of cisRows().filter((r) => r.status === "implemented"))
      for (const c of row.controls) expect(withSettings.has(c), `${row.item.id} by ${c}`).toBe(true);
  });

  it("refuses a control naming an item that is not a level-1 item", () => {
    const bogus = defineControl({ ...(linuxControls[0] as (typeof linuxControls)[number]), cis: ["9.9.9"] });
    expect(() => cisRows([bogus])).toThrow(/names CIS item 9\.9\.9/);
  });

  it("partition items need reinstallation; audit-time exceptions name their roles", () => {
    const rows = new Map(cisRows().map((r) => [r.item.id, r]));
    expect(rows.get("1.1.2.4.2")?.status).toBe("reinstall");
    expect(rows.get("2.1.18")?.note).toMatch(/^lab: /);
    expect(rows.get("5.1.20")?.controls).toEqual(["linux.ssh.server-hardening"]);
  });
});
