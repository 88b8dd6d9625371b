import type { InventoryInput } from "../../inputs.js";
import { definePolicy, type Issue } from "../../policy.js";

/** HY-EDU-S08: staff never share accounts: one username on one system belongs to one person. */
export default definePolicy<InventoryInput>({
  id: "inv.accounts.no-shared-accounts",
  title: { vi: "Không dùng chung tài khoản", en: "No shared accounts" },
  requirements: ["HY-EDU-S08", "HP-EDU-2"],
  severity: "high",
  input: "inventory",
  check: ({ inventory, where }) => {
    const findings: Issue[] = [];
    // Local machine accounts are per machine, so the same name on two people's machines is not sharing.
    const holders = new Map<string, Array<{ person: (typeof inventory.staff)[number]; index: number }>>();
    for (const person of inventory.staff) {
      person.accounts.forEach((acc, index) => {
        if (acc.system === "windows-local" || acc.system === "linux-local") return;
        const key = `${acc.system}\u0000${acc.username.toLowerCase()}`;
        holders.set(key, [...(holders.get(key) ?? []), { person, index }]);
      });
    }
    for (const [key, list] of holders) {
      if (list.length < 2) continue;
      const [system, username] = key.split("\u0000");
      const names = list.map((h) => h.person.name).join(", ");
      findings.push({
        subject: `account ${username} on ${system}`,
        unit: list[0]?.person.unit,
        message: `${list.length} people hold the account "${username}" on ${system}: ${names}`,
        fix: "Give each person an account of their own on the system and disable the shared one",
        vi: {
          message: `${list.length} người dùng chung tài khoản "${username}" trên ${system}: ${names}`,
          fix: "Cấp cho mỗi người một tài khoản riêng trên hệ thống và khóa tài khoản dùng chung",
        },
        location: where(list[1]?.person ?? list[0]?.person ?? {}, ["accounts", list[1]?.index ?? 0]),
      });
    }
    return { findings };
  },
});
