/**
 * Where a scheduled task's state goes in a GPO: nowhere, on purpose.
 *
 * Microsoft's own baseline GPOs carry no setting for the XblGameSave task (the
 * baseline's documentation lists it as a scheduled task to disable; HardeningKitty
 * checks it with Get-ScheduledTask). The only Group Policy way would be a Group Policy
 * Preferences ScheduledTasks.xml "Update" item, and GPP replaces the whole task
 * definition (triggers, actions, account) with the one in the XML: the GPO would then
 * own a copy of Microsoft's task that goes stale with the next Windows release. The
 * standalone scripts (the way school machines without a domain are configured) set
 * only the task's Enabled flag instead; a unit with a domain runs Apply-Baseline.ps1
 * for these too, and the bundle's README says so (scheduledTasksOutsideGpo).
 */
import type { ScheduledTaskSetting } from "./setting.js";

/** The tasks of a bundle the GPO cannot carry, as the README lists them: `\Folder\Name`. */
export function scheduledTasksOutsideGpo(tasks: ScheduledTaskSetting[]): string[] {
  return tasks.map((t) => `${t.path}${t.name}`);
}
