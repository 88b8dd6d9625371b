/** The scripts' data-table columns of a service: the runtime (runtime.ps1) reads these. */
import type { ServiceSetting } from "./setting.js";

export function serviceRow(s: ServiceSetting) {
  return { Name: s.name, Startup: s.startup } as const;
}
