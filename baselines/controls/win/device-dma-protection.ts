import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { denyDeviceClassList, MSB, WINDOWS_ROLES } from "./lib/common.js";

/**
 * External devices that can read memory directly (DMA): FireWire (SBP-2) is denied as
 * a device class, also when already installed; Thunderbolt/USB4 devices are not
 * enumerated before a user signs in (Kernel DMA Protection, where the hardware has it);
 * BitLocker turns new DMA devices off while the machine is locked. The class list is
 * shared with the classified wireless control (lib/common.ts), which adds Bluetooth.
 */
export default defineControl({
  id: "win.device.dma-protection",
  title: {
    vi: "Chặn thiết bị truy cập bộ nhớ trực tiếp (FireWire, Thunderbolt)",
    en: "Direct-memory-access devices blocked (FireWire, Thunderbolt)",
  },
  rationale: {
    vi: "Thiết bị FireWire hay Thunderbolt cắm vào máy có thể đọc bộ nhớ và lấy mật khẩu, khóa BitLocker mà không cần đăng nhập. Chặn lớp thiết bị FireWire (SBP-2), không nhận thiết bị Thunderbolt/USB4 trước khi đăng nhập, và tắt thiết bị DMA mới khi máy đang khóa.",
    en: "A FireWire or Thunderbolt device plugged into a machine can read its memory, with passwords and BitLocker keys, without any logon. The FireWire (SBP-2) device class is denied, Thunderbolt/USB4 devices are not enumerated before sign-in, and new DMA devices are off while the machine is locked.",
  },
  severity: "medium",
  requirements: ["QN-EDU-2", "HY-EDU-S13", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: Device Installation Restrictions: Prevent installation of devices using drivers that match these device setup classes ({d48179be-ec20-11d1-b6b8-00c04fa372a7}), also for matching devices already installed; Kernel DMA Protection: Enumeration policy for external devices incompatible with Kernel DMA Protection = Block all; BitLocker: Disable new DMA devices when this computer is locked`,
    cis: "CIS Microsoft Windows 11 Enterprise Benchmark v3.0.0 (Level 1): Enumeration policy for external devices incompatible with Kernel DMA Protection = Block All",
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: (ctx) => [
    ...denyDeviceClassList(ctx.role),
    regDword("SOFTWARE\\Policies\\Microsoft\\Windows\\Kernel DMA Protection", "DeviceEnumerationPolicy", 0),
    regDword("SOFTWARE\\Policies\\Microsoft\\FVE", "DisableExternalDMAUnderLock", 1),
  ],
});
