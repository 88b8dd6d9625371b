/** The evidence pack: what the machines' own audits report. */
import controlPassShare from "./control-pass-share.js";

export const evidencePack = [controlPassShare];
