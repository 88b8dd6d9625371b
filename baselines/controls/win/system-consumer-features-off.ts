import { defineControl } from "../../control.js";
import { regDword, scheduledTask, service, userRegDword } from "../../settings.js";
import { CIS, MSB, WINDOWS_ROLES } from "./lib/common.js";

/**
 * Consumer extras a school machine does not need: suggested apps installed by
 * Windows, game recording, the Xbox services, indexing of encrypted files, RSS
 * enclosure downloads. A Microsoft account stays optional for apps that allow it.
 */
export default defineControl({
  id: "win.system.consumer-features-off",
  title: {
    vi: "Tắt tính năng tiêu dùng: ứng dụng gợi ý, Xbox, quay màn hình game",
    en: "Consumer features off: suggested apps, Xbox, game recording",
  },
  rationale: {
    vi: "Máy trường không cần Windows tự cài ứng dụng gợi ý, dịch vụ Xbox hay quay màn hình game; chúng tốn băng thông, mở thêm dịch vụ và làm học sinh sao nhãng. Không lập chỉ mục tệp đã mã hóa, không tải tệp đính kèm RSS, tài khoản Microsoft là tùy chọn.",
    en: "School machines need no suggested apps installed by Windows, no Xbox services and no game recording; they use bandwidth, add services and distract pupils. Encrypted files are not indexed, RSS enclosures are not downloaded, a Microsoft account is optional.",
  },
  severity: "low",
  requirements: ["QN-EDU-2", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: Cloud Content: Turn off Microsoft consumer experiences; Windows Game Recording and Broadcasting = Disabled; System Services: Xbox Accessory Management Service, Xbox Live Auth Manager, Xbox Live Game Save, Xbox Live Networking Service = Disabled; Scheduled Task: XblGameSave Standby Task (\\Microsoft\\XblGameSave\\XblGameSaveTask) = Disabled; Search: Allow indexing of encrypted files = Disabled; RSS Feeds: Prevent downloading of enclosures; App runtime: Allow Microsoft accounts to be optional; user settings: Cloud Content: Do not suggest third-party content in Windows spotlight = Enabled`,
    cis: `${CIS}: 18.10.12.3, 18.10.41.1, 18.10.58.3, 18.10.59.x, 5.x (Xbox services, Level 2)`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    regDword("SOFTWARE\\Policies\\Microsoft\\Windows\\CloudContent", "DisableWindowsConsumerFeatures", 1),
    regDword("SOFTWARE\\Policies\\Microsoft\\Windows\\GameDVR", "AllowGameDVR", 0),
    regDword(
      "SOFTWARE\\Policies\\Microsoft\\Windows\\Windows Search",
      "AllowIndexingEncryptedStoresOrItems",
      0,
    ),
    regDword("SOFTWARE\\Policies\\Microsoft\\Internet Explorer\\Feeds", "DisableEnclosureDownload", 1),
    regDword("SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System", "MSAOptional", 1),
    service("XboxGipSvc", "disabled"),
    service("XblAuthManager", "disabled"),
    service("XblGameSave", "disabled"),
    service("XboxNetApiSvc", "disabled"),
    // The task that would start the Xbox game save service again: disabled, its definition kept.
    scheduledTask("\\Microsoft\\XblGameSave\\", "XblGameSaveTask", "disabled"),
    // User side (every user's policy): no third-party app suggestions on the lock screen or Start.
    userRegDword("Software\\Policies\\Microsoft\\Windows\\CloudContent", "DisableThirdPartySuggestions", 1),
  ],
});
