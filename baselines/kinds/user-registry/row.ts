/** The scripts' data-table row of a user-side policy: the runtime (runtime.ps1) reads these columns. */
import type { UserRegistrySetting } from "./setting.js";

export function userRegistryRow(control: string, s: UserRegistrySetting) {
  return {
    Control: control,
    Kind: "user-registry",
    Path: s.key,
    Name: s.name,
    Type: s.type,
    Data: s.data,
  } as const;
}
