/** The scripts' data-table columns of a machine registry value: the runtime (runtime.ps1) reads these. */
import type { RegistrySetting } from "./setting.js";

export function registryRow(s: RegistrySetting) {
  return {
    Path: s.key,
    Name: s.name,
    Type: s.type,
    Data: Array.isArray(s.data) ? [...s.data] : s.data,
  } as const;
}
