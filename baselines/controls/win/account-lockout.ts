import { defineControl } from "../../control.js";
import { secedit } from "../../settings.js";
import { CIS, isHighLevel, MSB, TCVN, WINDOWS_ROLES } from "./lib/common.js";

/**
 * Threshold 10 on ordinary machines at levels 1-2 (TCVN 14423 "10 failed logins on
 * devices", the Microsoft baseline's 10), 5 on classified machines and from level 3
 * (TCVN "5 on applications holding important data"; CIS 5). Lab machines keep 10:
 * students share them, and a lower threshold turns guessing into a lockout of the
 * whole class. Duration and reset 15 minutes (CIS, Microsoft); reset must not exceed
 * the duration, which Windows refuses.
 */
export default defineControl({
  id: "win.account.lockout",
  title: { vi: "Khóa tài khoản khi đăng nhập sai nhiều lần", en: "Account lockout after failed logons" },
  rationale: {
    vi: "Ngưỡng 10 lần sai cho máy thường ở cấp độ 1-2 (TCVN 14423: 10 lần trên thiết bị; Microsoft: 10). Ngưỡng 5 cho máy soạn thảo tài liệu mật và từ cấp độ 3 (TCVN: 5 lần với dữ liệu quan trọng; CIS: 5). Máy phòng thực hành giữ 10 vì học sinh dùng chung, ngưỡng thấp sẽ khóa cả lớp. Thời gian khóa và đặt lại bộ đếm 15 phút.",
    en: "Threshold 10 on ordinary machines at levels 1-2 (TCVN 14423: 10 on devices; Microsoft baseline: 10). Threshold 5 on classified machines and from level 3 (TCVN: 5 where important data is held; CIS: 5). Lab machines keep 10: students share them and a low threshold locks out a whole class. Lockout duration and counter reset 15 minutes.",
  },
  severity: "high",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    tcvn14423: `${TCVN}: lockout after 10 failed logins on devices, 5 on applications holding important data`,
    cis: `${CIS}: Account lockout threshold 5 or fewer but not 0; Account lockout duration and Reset account lockout counter 15 or more minutes`,
    microsoft: `${MSB}: Account lockout threshold 10 (here: 10, or 5 from level 3 and on classified machines); Account lockout duration and Reset account lockout counter 10 or more minutes (here 15); Allow Administrator account lockout = Enabled`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: (ctx) => {
    const strict = ctx.role === "classified" || (isHighLevel(ctx) && ctx.role !== "lab");
    return [
      secedit("LockoutBadCount", strict ? 5 : 10, "max"),
      // -1 locks until an administrator unlocks: stronger than any duration. While the
      // threshold is 0 (Windows 10's default) secedit's export leaves both values out, so
      // Apply's backup finds none; Undo writes Windows' default, 30 minutes, rather than
      // leave the hardened value for the day a threshold is set again.
      secedit("LockoutDuration", 15, "min", { strongest: -1, defaultIfAbsent: 30 }),
      secedit("ResetLockoutCount", 15, "min", { defaultIfAbsent: 30 }),
      // The built-in Administrator is locked out too (Windows 11 22H2+ and patched Windows 10).
      secedit("AllowAdministratorLockout", 1),
    ];
  },
});
