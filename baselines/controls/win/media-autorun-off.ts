import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { CIS, MS_BASELINE, WINDOWS_ROLES } from "./lib/common.js";

const EXPLORER_POLICIES = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer";

export default defineControl({
  id: "win.media.autorun-off",
  title: { vi: "Tắt AutoRun và AutoPlay", en: "AutoRun and AutoPlay off" },
  rationale: {
    vi: "USB dùng chung giữa máy trường và máy nhà là đường lây mã độc chính; AutoRun chạy chương trình trên USB ngay khi cắm. Tắt AutoPlay cho mọi loại ổ và AutoRun.",
    en: "USB drives shared between school and home machines are a main way malware spreads; AutoRun starts a program from the drive as soon as it is plugged in. AutoPlay is off for all drives and AutoRun is off.",
  },
  severity: "high",
  requirements: ["HY-EDU-S13", "QN-EDU-2", "HY-PROV-09"],
  references: {
    cis: `${CIS}: Turn off Autoplay = Enabled: All drives; Set the default behavior for AutoRun = Enabled: Do not execute any autorun commands; Disallow Autoplay for non-volume devices = Enabled`,
    microsoft: MS_BASELINE,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    regDword(EXPLORER_POLICIES, "NoDriveTypeAutoRun", 255),
    regDword(EXPLORER_POLICIES, "NoAutorun", 1),
    regDword("SOFTWARE\\Policies\\Microsoft\\Windows\\Explorer", "NoAutoplayfornonVolume", 1),
  ],
});
