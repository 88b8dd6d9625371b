import { defineControl } from "../../control.js";
import { regDword, regString } from "../../settings.js";
import { anyDomainJoined, CIS, MSB, WINDOWS_ROLES } from "./lib/common.js";

/**
 * SmartScreen warns and blocks on unknown downloads and phishing sites, whatever the
 * anti-malware: it is part of Windows, not of Defender antivirus, and runs beside a
 * third-party product. Files copied from insecure places keep their Mark of the Web.
 * Microsoft Edge (Chromium, the browser schools use) reads its own policy key
 * (Software\Policies\Microsoft\Edge, the Microsoft Edge security baseline); the legacy
 * Edge keys of the Windows 10 list stay beside it, as that list names them.
 * Edge reads SmartScreenEnabled, SmartScreenPuaEnabled and the two
 * PreventSmartScreenPromptOverride* values only on machines joined to Active Directory or
 * enrolled in device management (Microsoft's Edge policy reference): a workgroup school
 * machine ignores them, so Test could not honestly pass them there. They are set only in
 * bundles with domain-joined groups; SSLErrorOverrideAllowed has no such restriction.
 */
export default defineControl({
  id: "win.defender.smartscreen",
  title: {
    vi: "SmartScreen chặn tệp và trang lừa đảo",
    en: "SmartScreen blocks unknown downloads and phishing",
  },
  rationale: {
    vi: "Giáo viên tải phần mềm, tài liệu từ nhiều trang; SmartScreen cảnh báo và chặn chương trình lạ, trang lừa đảo và việc nhập lại mật khẩu Windows vào trang web, trong Windows và trong trình duyệt Microsoft Edge, không cho bấm bỏ qua cảnh báo. Áp dụng cả khi dùng phần mềm chống mã độc khác vì SmartScreen là một phần của Windows.",
    en: "Teachers download software and documents from many sites; SmartScreen warns about and blocks unknown programs, phishing sites and the reuse of the Windows password on a web page, in Windows and in Microsoft Edge, without a way to click past the warning. It applies with a third-party anti-malware too, being part of Windows.",
  },
  severity: "medium",
  requirements: ["HY-EDU-S13", "QN-EDU-2", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: File Explorer: Configure Windows Defender SmartScreen = Warn and prevent bypass; Windows Defender SmartScreen: Enhanced Phishing Protection: Service Enabled, Notify Malicious, Notify Password Reuse, Notify Unsafe App; Microsoft Edge (legacy): Configure Windows Defender SmartScreen, Prevent bypassing SmartScreen prompts for sites and files, Configure Password Manager = Disabled, Prevent certificate error overrides (Windows 10 22H2 list); Microsoft Edge security baseline (Chromium Edge, Software\\Policies\\Microsoft\\Edge): Configure Microsoft Defender SmartScreen (SmartScreenEnabled = 1), Configure Microsoft Defender SmartScreen to block potentially unwanted apps (SmartScreenPuaEnabled = 1), Prevent bypassing Microsoft Defender SmartScreen prompts for sites (PreventSmartScreenPromptOverride = 1) and for downloads (PreventSmartScreenPromptOverrideForFiles = 1), Allow users to proceed from the HTTPS warning page = Disabled (SSLErrorOverrideAllowed = 0); File Explorer: Do not apply the Mark of the Web tag to files copied from insecure sources = Disabled`,
    cis: `${CIS}: 18.10.77.x`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: (ctx) => {
    const wtds = "SOFTWARE\\Policies\\Microsoft\\Windows\\WTDS\\Components";
    const edge = "SOFTWARE\\Policies\\Microsoft\\MicrosoftEdge\\PhishingFilter";
    const chromiumEdge = "SOFTWARE\\Policies\\Microsoft\\Edge";
    return [
      regDword("SOFTWARE\\Policies\\Microsoft\\Windows\\System", "EnableSmartScreen", 1),
      regString("SOFTWARE\\Policies\\Microsoft\\Windows\\System", "ShellSmartScreenLevel", "Block"),
      regDword(wtds, "ServiceEnabled", 1),
      regDword(wtds, "NotifyMalicious", 1),
      regDword(wtds, "NotifyPasswordReuse", 1),
      regDword(wtds, "NotifyUnsafeApp", 1),
      regDword(edge, "EnabledV9", 1),
      regDword(edge, "PreventOverride", 1),
      regDword(edge, "PreventOverrideAppRepUnknown", 1),
      regString("SOFTWARE\\Policies\\Microsoft\\MicrosoftEdge\\Main", "FormSuggest Passwords", "no"),
      regDword(
        "SOFTWARE\\Policies\\Microsoft\\MicrosoftEdge\\Internet Settings",
        "PreventCertErrorOverrides",
        1,
      ),
      ...(anyDomainJoined(ctx)
        ? [
            regDword(chromiumEdge, "SmartScreenEnabled", 1),
            regDword(chromiumEdge, "SmartScreenPuaEnabled", 1),
            regDword(chromiumEdge, "PreventSmartScreenPromptOverride", 1),
            regDword(chromiumEdge, "PreventSmartScreenPromptOverrideForFiles", 1),
          ]
        : []),
      regDword(chromiumEdge, "SSLErrorOverrideAllowed", 0),
      regDword("SOFTWARE\\Policies\\Microsoft\\Windows\\Explorer", "DisableMotWOnInsecurePathCopy", 0),
    ];
  },
});
