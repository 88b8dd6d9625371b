import { isLeaver } from "../../../model/inventory.js";
import type { InventoryInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";
import { STATUS_VI } from "./helpers.js";

/** HY-EDU-S12: accounts of staff who retire, resign or transfer are closed at once. */
export default definePolicy<InventoryInput>({
  id: "inv.accounts.leavers-disabled",
  title: {
    vi: "Khóa tài khoản của người nghỉ hưu, thôi việc, chuyển công tác",
    en: "Leavers' accounts disabled",
  },
  requirements: ["HY-EDU-S12", "HP-EDU-2"],
  severity: "critical",
  input: "inventory",
  check: ({ inventory, where }) => {
    const findings: Issue[] = [];
    const leavers = inventory.staff.filter(isLeaver);
    for (const person of leavers) {
      person.accounts.forEach((acc, i) => {
        if (!acc.enabled) return;
        findings.push({
          subject: `person ${person.id}`,
          unit: person.unit,
          message: `${person.name} (${person.status} since ${person.since}) still holds an enabled account "${acc.username}" on ${acc.system}`,
          fix: "Disable the account (attt baseline generate writes Disable-LeaverAccounts.ps1 for Windows local and domain accounts, disable-leaver-accounts.sh for Linux local accounts) and set enabled: false",
          vi: {
            message: `${person.name} (${STATUS_VI[person.status]} từ ${person.since}) vẫn còn tài khoản "${acc.username}" đang hoạt động trên ${acc.system}`,
            fix: "Khóa tài khoản (attt baseline generate tạo Disable-LeaverAccounts.ps1 cho tài khoản cục bộ và tài khoản miền trên Windows, disable-leaver-accounts.sh cho tài khoản cục bộ trên Linux) rồi đặt enabled: false",
          },
          location: where(person, ["accounts", i, "enabled"]),
        });
      });
    }
    const ok = leavers.map((p) => p.accounts.every((a) => !a.enabled));
    return { findings, measures: [share("HY-EDU-S12", ok)] };
  },
});
