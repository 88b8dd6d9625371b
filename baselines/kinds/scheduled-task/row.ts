/** The scripts' data-table columns of a scheduled task: the runtime (runtime.ps1) reads these. */
import type { ScheduledTaskSetting } from "./setting.js";

export function scheduledTaskRow(s: ScheduledTaskSetting) {
  return { TaskPath: s.path, TaskName: s.name, State: s.state } as const;
}
