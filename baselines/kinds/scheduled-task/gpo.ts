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
 * only the task's Enabled flag instead. On a domain-joined machine the bundle's README
 * gives one schtasks command per task (schtasksCommand), not Apply-Baseline.ps1: the whole
 * script would also write local security policy, audit policy, local policies and the
 * role marker, local copies the GPO can never take back.
 */
import type { ScheduledTaskSetting } from "./setting.js";

/** The tasks of a bundle the GPO cannot carry, as the README lists them: `\Folder\Name`. */
export function scheduledTasksOutsideGpo(tasks: ScheduledTaskSetting[]): string[] {
  return tasks.map((t) => `${t.path}${t.name}`);
}

/**
 * The one command that sets a task's state on a machine, run as administrator. The names
 * are plain (TASK_PATH, TASK_NAME: no quote, no %), so the quoted form is the whole argument.
 */
export function schtasksCommand(t: ScheduledTaskSetting): string {
  return `schtasks /Change /TN "${t.path}${t.name}" /${t.state === "disabled" ? "DISABLE" : "ENABLE"}`;
}
