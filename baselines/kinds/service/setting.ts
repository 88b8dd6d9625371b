/**
 * A Windows service's start type, e.g. the Xbox services disabled, the print spooler
 * disabled where nothing prints. Only the start type is set (and a service being
 * disabled is stopped); the service's account and permissions stay as they are. A
 * service that does not exist cannot run: it meets "disabled".
 *
 * This folder is the whole kind: the setting (here), its GPO placement (gpo.ts), its
 * row in the scripts' data table (row.ts) and its PowerShell Get/Set/Test/Restore
 * (runtime.ps1).
 */

export interface ServiceSetting {
  kind: "service";
  /**
   * The service's key name (not its localized display name), e.g. XblGameSave. Services
   * only: the runtime refuses a driver's name (its key's Type 1 or 2), whose boot and
   * system start types this kind does not set.
   */
  name: string;
  startup: "disabled" | "manual" | "automatic";
}

/** A service key name; the runtime checks the same pattern (runtime.ps1 $Script:ServiceNamePattern). */
export const SERVICE_NAME = /^[A-Za-z0-9_.-]+$/;

export function service(name: string, startup: ServiceSetting["startup"]): ServiceSetting {
  if (!SERVICE_NAME.test(name))
    throw new Error(`service ${JSON.stringify(name)}: letters, digits, _ . - only (the service's key name)`);
  return { kind: "service", name, startup };
}
