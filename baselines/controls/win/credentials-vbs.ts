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
    vi: 'VBS tách mật khẩu và băm (Credential Guard) và kiểm tra trình điều khiển (toàn vẹn bộ nhớ) trong vùng nhớ mà cả mã độc có quyền quản trị cũng không đọc được. Chỉ chạy trên máy có hỗ trợ ảo hóa và Secure Boot; máy cũ của trường không đủ phần cứng được báo là "không hỗ trợ", khác với máy đủ phần cứng nhưng chưa bật. Không khóa bằng UEFI để Undo tắt được.',
    en: 'VBS keeps passwords and hashes (Credential Guard) and driver checks (memory integrity) in memory that even malware with admin rights cannot read. It runs only on machines with virtualization support and Secure Boot; an old school machine without them is reported as "not capable", apart from a capable machine where it is off. No UEFI lock, so Undo can turn it off.',
  },
  severity: "high",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: Device Guard: Turn On Virtualization Based Security = Enabled; Select Platform Security Level = Secure Boot; Virtualization Based Protection of Code Integrity (baseline: with UEFI lock; here: without); Require UEFI Memory Attributes Table; Credential Guard Configuration (baseline: with UEFI lock; here: without); Secure Launch Configuration = Enabled; Kernel-mode Hardware-enforced Stack Protection = Enabled in enforcement mode`,
    cis: "CIS Microsoft Windows 11 Enterprise Benchmark v3.0.0: 18.9.5.x (Device Guard; NG, Level 1 for BitLocker-capable hardware)",
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: (): Setting[] => [
    regDword(DEVICE_GUARD, "EnableVirtualizationBasedSecurity", 1),
    regDword(DEVICE_GUARD, "RequirePlatformSecurityFeatures", 1),
    regDword(DEVICE_GUARD, "HypervisorEnforcedCodeIntegrity", 2),
    regDword(DEVICE_GUARD, "HVCIMATRequired", 1),
    regDword(DEVICE_GUARD, "LsaCfgFlags", 2),
    regDword(DEVICE_GUARD, "ConfigureSystemGuardLaunch", 1),
    regDword(DEVICE_GUARD, "ConfigureKernelShadowStacksLaunch", 1),
    { kind: "check", check: "vbs-running" },
  ],
});
