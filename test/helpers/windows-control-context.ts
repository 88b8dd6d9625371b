/** A control's context for one Windows machine of a given role and level in a test unit. */
import type { ControlContext } from "../../baselines/control.js";
import type { Level, MachineGroup, MachineRole, Unit } from "../../model/inventory.js";

export function windowsContext(
  role: MachineRole,
  level: Level,
  remoteAdminFrom: string[] = [],
): ControlContext {
  const groups: MachineGroup[] = [{ role, os: "windows-11", count: 1, hosts: [] }];
  const unit: Unit = {
    id: "test-unit",
    name: "Trường thử",
    type: "upper-secondary",
    level,
    machines: groups,
    network: { remoteAdminFrom },
  };
  return { os: "windows", role, level, unit, groups, inventory: undefined as never };
}
