/** The scripts' data-table columns of a user-side policy: the runtime (runtime.ps1) reads these. */
import type { UserRegistrySetting } from "./setting.js";

export function userRegistryRow(s: UserRegistrySetting) {
  return { Path: s.key, Name: s.name, Type: s.type, Data: s.data } as const;
}
