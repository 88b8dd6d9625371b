import { defineControl } from "../../control.js";
import { file, systemd, wirelessOff } from "../../settings.js";
import { CIS, OWNED_HEADER } from "./common.js";

/**
 * A data-centre server has no use for Wi-Fi or Bluetooth: their drivers cannot load
 * (cfg80211 is the base of every Wi-Fi driver, bluetooth of every Bluetooth one) and
 * the Bluetooth service is off. School machines keep both (level 2 for workstations in
 * the benchmark: teachers' laptops are on Wi-Fi); classified machines block them in
 * linux.classified.device-modules. A server whose network is Wi-Fi (an interface up, or
 * the default route through it) would lose it at the next boot: apply.sh then leaves the
 * blacklist out (NOT APPLIED) and applies the rest; audit.sh looks at the interfaces and
 * loaded modules, not only at the file.
 */
const MODULES = ["cfg80211", "mac80211", "bluetooth", "btusb"];

export default defineControl({
  id: "linux.wireless.server-off",
  title: { vi: "Máy chủ: tắt Wi-Fi và Bluetooth", en: "Servers: Wi-Fi and Bluetooth off" },
  rationale: {
    vi: "Máy chủ chỉ nối mạng bằng dây; card không dây là một đường vào không được giám sát.",
    en: "Servers are wired only; a wireless card is an unmonitored way in.",
  },
  severity: "medium",
  requirements: ["HY-PROV-09"],
  references: {
    cis: `${CIS}: Ensure wireless interfaces are disabled; Ensure bluetooth services are not in use`,
  },
  cis: ["3.1.2", "3.1.3"],
  appliesTo: { os: ["linux"], roles: ["server"] },
  settings: () => {
    const lines = MODULES.flatMap((m) => [`install ${m} /bin/false`, `blacklist ${m}`]);
    return [
      file("/etc/modprobe.d/60-attt-wireless.conf", `${OWNED_HEADER}${lines.join("\n")}\n`, "0644", {
        notWhile: "wireless-in-use",
      }),
      systemd("bluetooth.service", "disabled"),
      wirelessOff(MODULES),
    ];
  },
});
