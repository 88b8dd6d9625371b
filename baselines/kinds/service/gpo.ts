/**
 * Where a service's start type goes in a GPO: GptTmpl.inf [Service General Setting],
 * `"Name",mode,""` (the name quoted, secedit's start mode: 2 automatic, 3 manual,
 * 4 disabled, and an empty SDDL, which leaves the service's permissions as they are), as
 * GPMC writes it ([MS-GPSB] 2.2.8).
 */
import type { ServiceSetting } from "./setting.js";

export const SERVICE_GENERAL_SETTING = "Service General Setting";

const SERVICE_MODE: Record<ServiceSetting["startup"], number> = { automatic: 2, manual: 3, disabled: 4 };

export function serviceGeneralSettingLine(s: ServiceSetting): [string, string] {
  return [s.name, `${SERVICE_MODE[s.startup]},""`];
}
