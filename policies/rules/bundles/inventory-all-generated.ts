import { bundleSpecs } from "../../../baselines/bundle-spec.js";
import type { BundlesInput } from "../../inputs.js";
import { definePolicy, type Issue } from "../../policy.js";
import antimalwareRequired from "./antimalware-required.js";
import classifiedIsolated from "./classified-network-blocked.js";
import passwordsMeetPlan from "./passwords-meet-plan.js";
import { bundlesIn } from "./read-bundles.js";

/** The requirements the other bundle policies check on a bundle that is present. */
const REQUIREMENTS = [
  ...new Set([
    ...antimalwareRequired.requirements,
    ...classifiedIsolated.requirements,
    ...passwordsMeetPlan.requirements,
  ]),
];

/**
 * Every bundle the inventory calls for is there: one per unit, OS family and role it
 * lists machines for (the same list `attt baseline generate` writes). The other bundle
 * policies only read the bundles present, so without this one a partial or stale
 * bundles directory (`baseline generate --unit X`) would pass every other unit.
 * A missing bundle breaks the requirements its controls serve.
 */
export default definePolicy<BundlesInput>({
  id: "bundle.inventory.all-generated",
  title: {
    vi: "Có đủ gói cấu hình cho mọi nhóm máy trong danh mục",
    en: "A bundle for every machine group the inventory lists",
  },
  requirements: REQUIREMENTS,
  severity: "high",
  input: "bundles",
  check: ({ files, inventory, where }) => {
    const present = new Set(bundlesIn(files).map((b) => b.id));
    const findings: Issue[] = [];
    for (const spec of bundleSpecs(inventory)) {
      if (present.has(spec.id)) continue;
      const served = new Set(spec.controls.flatMap((c) => c.control.requirements));
      const requirements = REQUIREMENTS.filter((r) => served.has(r));
      const machines = spec.groups.reduce((n, g) => n + g.count, 0);
      const group = spec.unit.machines.indexOf(spec.groups[0] as (typeof spec.unit.machines)[number]);
      findings.push({
        subject: `bundle ${spec.id}`,
        unit: spec.unit.id,
        severity: spec.role === "classified" ? "critical" : "high",
        ...(requirements.length ? { requirements } : {}),
        message:
          `the inventory lists ${machines} ${spec.os} ${spec.role} machine(s) at ${spec.unit.name} (${spec.unit.id}), ` +
          `but the bundles directory has no ${spec.id}/ bundle for them`,
        fix:
          "Generate the bundles for the whole inventory (attt baseline generate --out DIR, without --unit, --role or --os) " +
          "and check that directory",
        vi: {
          message:
            `danh mục có ${machines} máy ${spec.os} vai trò ${spec.role} tại ${spec.unit.name} (${spec.unit.id}), ` +
            `nhưng thư mục gói cấu hình không có gói ${spec.id}/ cho các máy này`,
          fix:
            "Tạo gói cấu hình cho toàn bộ danh mục (attt baseline generate --out DIR, không dùng --unit, --role hay --os) " +
            "rồi kiểm tra thư mục đó",
        },
        location: where(spec.unit, group >= 0 ? ["machines", group] : []),
      });
    }
    return { findings };
  },
});
