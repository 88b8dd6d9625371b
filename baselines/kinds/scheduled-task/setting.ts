/**
 * A scheduled task's state: a task Windows ships that the baseline wants disabled,
 * e.g. the Microsoft Security Baseline's "XblGameSave Standby Task"
 * (\Microsoft\XblGameSave\XblGameSaveTask), which would otherwise start the Xbox game
 * save service the baseline has disabled.
 *
 * Only the Enabled flag of an existing task is set: the task's definition (triggers,
 * actions, account) is Microsoft's and stays as it is. A task that does not exist on
 * a machine cannot run, so it meets "disabled".
 *
 * This folder is the whole kind: the setting (here), its GPO placement (gpo.ts), its
 * row in the scripts' data table (row.ts) and its PowerShell Get/Set/Test/Restore
 * (runtime.ps1).
 */

export interface ScheduledTaskSetting {
  kind: "scheduled-task";
  /** The task's folder as Task Scheduler names it, with both backslashes: \Microsoft\XblGameSave\. */
  path: string;
  /** The task's name in that folder, e.g. XblGameSaveTask. */
  name: string;
  state: "disabled" | "enabled";
}

/**
 * Plain folder and task names only: the runtime checks the same patterns
 * (runtime.ps1 $Script:TaskPathPattern, $Script:TaskNamePattern) before using a row.
 */
export const TASK_PATH = /^\\([A-Za-z0-9 ._-]+\\)*$/;
export const TASK_NAME = /^[A-Za-z0-9 ._-]+$/;

export function scheduledTask(
  path: string,
  name: string,
  state: ScheduledTaskSetting["state"] = "disabled",
): ScheduledTaskSetting {
  if (!TASK_PATH.test(path))
    throw new Error(`scheduled task folder ${JSON.stringify(path)}: expected \\Folder\\Subfolder\\`);
  if (!TASK_NAME.test(name))
    throw new Error(`scheduled task name ${JSON.stringify(name)}: letters, digits, space . _ - only`);
  return { kind: "scheduled-task", path, name, state };
}
