import { defineControl } from "../../control.js";
import { file } from "../../settings.js";
import { CIS, OWNED_HEADER } from "./common.js";

/**
 * USB storage, Wi-Fi and Bluetooth cannot load on a classified machine. `blacklist`
 * alone only stops automatic loading by alias; `install <module> /bin/false` makes
 * every load fail, also as another module's dependency. cfg80211 is the base of every
 * Wi-Fi driver, bluetooth of every Bluetooth one; firewire-core is blocked for its DMA.
 */
const MODULES = ["usb-storage", "uas", "cfg80211", "mac80211", "bluetooth", "btusb", "firewire-core"];

export default defineControl({
  id: "linux.classified.device-modules",
  title: {
    vi: "Máy soạn thảo tài liệu mật: chặn USB lưu trữ, Wi-Fi, Bluetooth",
    en: "Classified machine: USB storage, Wi-Fi and Bluetooth blocked",
  },
  rationale: {
    vi: "Không sao chép tài liệu mật ra thiết bị nhớ ngoài, không có đường kết nối không dây.",
    en: "No copying of classified documents to removable storage, and no wireless way in or out.",
  },
  severity: "critical",
  requirements: ["HY-EDU-T3", "HY-EDU-S04", "HY-EDU-S15", "HY-EDU-A06"],
  references: {
    cis: `${CIS}: Ensure usb-storage kernel module is not available; Ensure wireless interfaces and bluetooth are disabled`,
    practice:
      "Common agency rules for classified machines: no Wi-Fi, Bluetooth or modem; registered USB drives only (unconfirmed)",
  },
  appliesTo: { os: ["linux"], roles: ["classified"] },
  settings: () => {
    const lines = MODULES.flatMap((m) => [`install ${m} /bin/false`, `blacklist ${m}`]);
    return [file("/etc/modprobe.d/60-attt-classified.conf", `${OWNED_HEADER}${lines.join("\n")}\n`)];
  },
});
