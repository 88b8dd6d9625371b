import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { CIS, isHighLevel, MS_BASELINE, WINDOWS_ROLES } from "./lib/common.js";

/**
 * "Interactive logon: Machine inactivity limit": 900 s (15 min, CIS and Microsoft
 * maximum) at levels 1-2, 600 s from level 3, 300 s on classified machines, where
 * an unattended screen shows exam papers.
 */
export function inactivitySeconds(role: string, highLevel: boolean): number {
  if (role === "classified") return 300;
  return highLevel ? 600 : 900;
}

export default defineControl({
  id: "win.session.screen-lock",
  title: { vi: "Tự khóa màn hình khi không dùng", en: "Screen locks when idle" },
  rationale: {
    vi: "Máy để mở ở phòng hội đồng, phòng thực hành là cửa ngõ cho người khác. Khóa sau 15 phút ở cấp độ 1-2 (CIS, Microsoft), 10 phút từ cấp độ 3, 5 phút trên máy soạn thảo tài liệu mật.",
    en: "A machine left unlocked in a staff room or lab lets anyone in. Locks after 15 minutes at levels 1-2 (CIS, Microsoft), 10 minutes from level 3, 5 minutes on classified machines.",
  },
  severity: "medium",
  requirements: ["HP-EDU-2", "QN-EDU-2", "HY-PROV-09"],
  references: {
    cis: `${CIS}: Interactive logon: Machine inactivity limit = 900 or fewer seconds, but not 0`,
    microsoft: `${MS_BASELINE}: InactivityTimeoutSecs 900`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: (ctx) => [
    regDword(
      "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System",
      "InactivityTimeoutSecs",
      inactivitySeconds(ctx.role, isHighLevel(ctx)),
    ),
  ],
});
