/** Where a user-side policy goes in a GPO: the User part's registry.pol, one entry per value. */
import type { PolEntry } from "../../emit/windows/registry-pol.js";
import type { UserRegistrySetting } from "./setting.js";

export function userPolEntry(s: UserRegistrySetting): PolEntry {
  return { key: s.key, value: s.name, type: s.type, data: s.data };
}
