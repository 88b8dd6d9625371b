/** The control catalogue: every control, Windows and Linux. */
import type { Control } from "../control.js";
import { linuxControls } from "./linux/index.js";
import { windowsControls } from "./win/index.js";

export const controls: Control[] = [...windowsControls, ...linuxControls].sort((a, b) =>
  a.id.localeCompare(b.id),
);

export const controlById = new Map(controls.map((c) => [c.id, c]));
