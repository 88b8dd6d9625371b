import { defineControl } from "../../control.js";
import { regDword, userRegDword } from "../../settings.js";
import { CIS, MSB, WINDOWS_ROLES } from "./lib/common.js";

const POWER = "SOFTWARE\\Policies\\Microsoft\\Power\\PowerSettings";
/** "Require a password when a computer wakes" (Power setting GUID). */
const WAKE_PASSWORD = "0e796bdb-100d-47d6-a2d5-f7d2daa51f51";

/**
 * What a locked or waking machine gives away: no camera or slide show on the lock
 * screen, no voice-activated apps while locked, no Ink workspace above the lock, a
 * password when the machine wakes, no list of administrator accounts at elevation,
 * anti-spoofing for face sign-in.
 */
export default defineControl({
  id: "win.session.lock-screen",
  title: {
    vi: "Màn hình khóa không để lộ gì; hỏi mật khẩu khi máy thức dậy",
    en: "Nothing usable on the lock screen; password on wake",
  },
  rationale: {
    vi: "Máy ở phòng hội đồng và phòng máy thường bị để khóa màn hình hoặc ngủ. Màn hình khóa không cho dùng camera, trình chiếu ảnh, ứng dụng điều khiển bằng giọng nói hay Windows Ink; máy thức dậy phải nhập mật khẩu; hộp nâng quyền không liệt kê tài khoản quản trị; nhận diện khuôn mặt chống giả mạo.",
    en: "Machines in staff rooms and labs are often left locked or asleep. The lock screen offers no camera, slide show, voice-activated apps or Windows Ink; a waking machine asks for the password; the elevation prompt does not list administrator accounts; face sign-in uses anti-spoofing.",
  },
  severity: "medium",
  requirements: ["HP-EDU-2", "QN-EDU-2", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: Personalization: Prevent enabling lock screen camera, Prevent enabling lock screen slide show; App Privacy: Let Windows apps activate with voice while the system is locked = Force Deny; Windows Ink Workspace = On, but disallow access above lock; Sleep Settings: Require a password when a computer wakes (on battery, plugged in); Credential User Interface: Enumerate administrator accounts on elevation = Disabled; Biometrics: Configure enhanced anti-spoofing = Enabled; user settings: Start Menu and Taskbar: Notifications: Turn off toast notifications on the lock screen = Enabled`,
    cis: `${CIS}: 18.1.1.1, 18.1.1.2, 18.9.33.6.x, 18.10.15.2, 18.10.80.2`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    regDword("SOFTWARE\\Policies\\Microsoft\\Windows\\Personalization", "NoLockScreenCamera", 1),
    regDword("SOFTWARE\\Policies\\Microsoft\\Windows\\Personalization", "NoLockScreenSlideshow", 1),
    regDword("SOFTWARE\\Policies\\Microsoft\\Windows\\AppPrivacy", "LetAppsActivateWithVoiceAboveLock", 2),
    regDword("SOFTWARE\\Policies\\Microsoft\\WindowsInkWorkspace", "AllowWindowsInkWorkspace", 1),
    regDword(`${POWER}\\${WAKE_PASSWORD}`, "DCSettingIndex", 1),
    regDword(`${POWER}\\${WAKE_PASSWORD}`, "ACSettingIndex", 1),
    regDword("SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\CredUI", "EnumerateAdministrators", 0),
    regDword("SOFTWARE\\Policies\\Microsoft\\Biometrics\\FacialFeatures", "EnhancedAntiSpoofing", 1),
    // User side (every user's policy): messages and mail previews stay off the locked screen.
    userRegDword(
      "Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\PushNotifications",
      "NoToastApplicationNotificationOnLockScreen",
      1,
    ),
  ],
});
