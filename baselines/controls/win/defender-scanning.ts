import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { CIS, DEFENDER_POLICY, defenderIsTheAntiMalware, MSB, WINDOWS_ROLES } from "./lib/common.js";

/**
 * What Defender scans and how it may be weakened: removable drives and packed
 * executables scanned, files monitored in both directions, exclusions hidden from
 * users and administrators (malware reads them to know where to hide) and scanned in
 * quick scans, remediation automatic, warnings turned into blocks.
 */
export default defineControl({
  id: "win.defender.scanning",
  title: {
    vi: "Defender: quét ổ USB và tệp nén, ẩn danh sách loại trừ",
    en: "Defender: removable drives and packed files scanned, exclusions hidden",
  },
  rationale: {
    vi: "USB là đường lây chính ở trường: Defender quét ổ rời và tệp thực thi nén khi quét. Danh sách loại trừ bị ẩn với người dùng (mã độc đọc nó để biết chỗ trốn), được quét trong lần quét nhanh. Tự động xử lý mối đe dọa, đổi cảnh báo thành chặn.",
    en: "USB drives are the main way malware spreads at schools: Defender scans removable drives and packed executables. Exclusions are hidden from users (malware reads them to know where to hide) and scanned in quick scans. Threats are remediated automatically; warnings become blocks.",
  },
  severity: "high",
  requirements: ["HY-EDU-S02", "HY-EDU-S13", "HY-EDU-A03", "QN-EDU-2"],
  references: {
    microsoft: `${MSB}: Microsoft Defender Antivirus: Scan: Scan removable drives; Scan packed executables; Scan excluded files and directories during quick scans; Real-time Protection: Configure monitoring for incoming and outgoing file and program activity = bi-directional; Monitor file and program activity; Turn on process scanning whenever real-time protection is enabled; Configure real-time protection and Security Intelligence Updates during OOBE; Control whether exclusions are visible to local users / to Local Admins = Enabled; Configure local administrator merge behavior for lists = Disabled (merge); Turn off routine remediation = Disabled; Network Inspection System: Convert warn verdict to block; Reporting: report Dynamic Signature dropped events`,
    cis: `${CIS}: 18.10.43.13.1 Scan removable drives; 18.10.43.13.x`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: (ctx) => {
    if (!defenderIsTheAntiMalware(ctx)) return [];
    const scan = `${DEFENDER_POLICY}\\Scan`;
    const rtp = `${DEFENDER_POLICY}\\Real-Time Protection`;
    return [
      regDword(scan, "DisableRemovableDriveScanning", 0),
      regDword(scan, "DisablePackedExeScanning", 0),
      regDword(scan, "QuickScanIncludeExclusions", 1),
      regDword(rtp, "RealtimeScanDirection", 0),
      regDword(rtp, "DisableOnAccessProtection", 0),
      regDword(rtp, "DisableScanOnRealtimeEnable", 0),
      regDword(rtp, "OobeEnableRtpAndSigUpdate", 1),
      regDword(DEFENDER_POLICY, "HideExclusionsFromLocalUsers", 1),
      regDword(DEFENDER_POLICY, "HideExclusionsFromLocalAdmins", 1),
      regDword(DEFENDER_POLICY, "DisableLocalAdminMerge", 0),
      regDword(DEFENDER_POLICY, "DisableRoutinelyTakingAction", 0),
      regDword(`${DEFENDER_POLICY}\\NIS`, "EnableConvertWarnToBlock", 1),
      regDword(`${DEFENDER_POLICY}\\Reporting`, "EnableDynamicSignatureDroppedEventReporting", 1),
    ];
  },
});
