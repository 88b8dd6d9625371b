/** The evidence pack: what the machines' own audits report. */
import controlPassShare from "./controls-pass-share.js";

export const evidencePack = [controlPassShare];
