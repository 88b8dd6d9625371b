/** The scripts' data-table row of a scheduled task: the runtime (runtime.ps1) reads these columns. */
import type { ScheduledTaskSetting } from "./setting.js";

export function scheduledTaskRow(control: string, s: ScheduledTaskSetting) {
  return {
    Control: control,
    Kind: "scheduled-task",
    TaskPath: s.path,
    TaskName: s.name,
    State: s.state,
  } as const;
}
