/**
 * Every policy file is registered in its pack (a policy left out of an index would
 * silently never run), and policy IDs are unique.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import type { Policy } from "../policies/policy.js";
import { packs, policies } from "../policies/rules/index.js";

const RULES = join(import.meta.dirname, "..", "policies", "rules");

it("every policy file is in its pack, and every pack is registered", async () => {
  const dirs = readdirSync(RULES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  expect(Object.keys(packs).sort()).toEqual(dirs);
  for (const dir of dirs) {
    const registered = new Set((packs[dir] ?? []).map((p) => p.id));
    for (const file of readdirSync(join(RULES, dir)).filter((f) => f.endsWith(".ts") && f !== "index.ts")) {
      const mod = (await import(join(RULES, dir, file))) as { default?: Policy<never> };
      // Shared readers and helpers have no default export; every policy file has one.
      if (!mod.default) continue;
      expect(
        registered.has(mod.default.id),
        `${dir}/${file} (${mod.default.id}) is not in ${dir}/index.ts`,
      ).toBe(true);
      // A pack is named after the input its policies read.
      expect(mod.default.input, `${dir}/${file}`).toBe(dir);
    }
  }
});

it("policy IDs are unique", () => {
  const ids = policies.map((p) => p.id);
  expect(new Set(ids).size).toBe(ids.length);
});
