/** Every Linux control, one per file in this folder. A test checks none is left out. */
import type { Control } from "../../control.js";

export const linuxControls: Control[] = [];
