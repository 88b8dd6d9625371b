/** The OS emitters, by family. */
import type { OsFamily } from "../control.js";
import type { Emitter } from "./emitter.js";
import { linuxEmitter } from "./linux/index.js";
import { windowsEmitter } from "./windows/index.js";

export const emitters: Record<OsFamily, Emitter> = { windows: windowsEmitter, linux: linuxEmitter };
