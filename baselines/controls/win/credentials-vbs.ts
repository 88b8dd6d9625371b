import { defineControl } from "../../control.js";
import { regDword, type Setting } from "../../settings.js";
import { MSB, WINDOWS_ROLES } from "./lib/common.js";

const DEVICE_GUARD = "SOFTWARE\\Policies\\Microsoft\\Windows\\DeviceGuard";

/**
 * Virtualization-based security with memory integrity (HVCI) and Credential Guard,
 * where the hardware allows: Windows starts them only on a machine with virtualization
 * extensions and Secure Boot, and leaves them off elsewhere without harm. Both are
 * set without the UEFI lock (2, not the baseline's 1) so that Undo can switch them
 * off again from the registry. Test reads Win32_DeviceGuard and reports a machine
 * that cannot run VBS as "not capable", apart from one that can but does not.
 */
export default defineControl({
  id: "win.credentials.vbs",
  title: {
    vi: "Bảo mật dựa trên ảo hóa (VBS), toàn vẹn bộ nhớ và Credential Guard",
    en: "Virtualization-based security, memory integrity and Credential Guard",
  },
  rationale: {
    vi: 'VBS tách mật khẩu và băm (Credential Guard) và kiểm tra trình điều khiển (toàn vẹn bộ nhớ) trong vùng nhớ mà cả mã độc có quyền quản trị cũng không đọc được. Chỉ chạy trên máy có hỗ trợ ảo hóa và Secure Boot; máy cũ của trường không đủ phần cứng được báo là "không hỗ trợ", khác với máy đủ phần cứng nhưng chưa bật. Không khóa bằng UEFI để Undo tắt được. Bảo vệ ngăn xếp phần cứng ở chế độ ghi nhận (audit). Kiểm kê có thể tạm giữ toàn vẹn bộ nhớ (memoryIntegrity: false) khi thử nghiệm hoặc khi còn trình điều khiển không tương thích.',
    en: 'VBS keeps passwords and hashes (Credential Guard) and driver checks (memory integrity) in memory that even malware with admin rights cannot read. It runs only on machines with virtualization support and Secure Boot; an old school machine without them is reported as "not capable", apart from a capable machine where it is off. No UEFI lock, so Undo can turn it off. Hardware-enforced stack protection in audit mode. The inventory may hold memory integrity back (memoryIntegrity: false) for a pilot or while drivers are incompatible.',
  },
  severity: "high",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: Device Guard: Turn On Virtualization Based Security = Enabled; Select Platform Security Level = Secure Boot; Virtualization Based Protection of Code Integrity (baseline: with UEFI lock; here: without); Require UEFI Memory Attributes Table; Credential Guard Configuration (baseline: with UEFI lock; here: without); Secure Launch Configuration = Enabled; Kernel-mode Hardware-enforced Stack Protection (baseline: enforcement mode; here: audit mode, 2)`,
    cis: "CIS Microsoft Windows 11 Enterprise Benchmark v3.0.0: 18.9.5.x (Device Guard; NG, Level 1 for BitLocker-capable hardware)",
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: (ctx): Setting[] => {
    // One group holding memory integrity back holds it back for the bundle: the same
    // scripts run on every machine of the role, and a driver it blocks can stop a machine booting.
    const memoryIntegrity = !ctx.groups.some((g) => g.memoryIntegrity === false);
    return [
      regDword(DEVICE_GUARD, "EnableVirtualizationBasedSecurity", 1),
      regDword(DEVICE_GUARD, "RequirePlatformSecurityFeatures", 1),
      // 2: on without the UEFI lock; 0: off (the inventory's pilot switch).
      regDword(DEVICE_GUARD, "HypervisorEnforcedCodeIntegrity", memoryIntegrity ? 2 : 0),
      ...(memoryIntegrity ? [regDword(DEVICE_GUARD, "HVCIMATRequired", 1)] : []),
      regDword(DEVICE_GUARD, "LsaCfgFlags", 2),
      regDword(DEVICE_GUARD, "ConfigureSystemGuardLaunch", 1),
      // 2: audit mode. Enforcement (1) stops programs and drivers that are not compatible
      // with hardware-enforced stack protection (older anti-cheat, some school software) at
      // start; audit logs them first, so a unit can find them before enforcing.
      regDword(DEVICE_GUARD, "ConfigureKernelShadowStacksLaunch", 2),
      { kind: "check", check: "vbs-running", memoryIntegrity },
    ];
  },
});
