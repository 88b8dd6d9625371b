/** The scripts' data-table row of a service: the runtime (runtime.ps1) reads these columns. */
import type { ServiceSetting } from "./setting.js";

export function serviceRow(control: string, s: ServiceSetting) {
  return { Control: control, Kind: "service", Name: s.name, Startup: s.startup } as const;
}
