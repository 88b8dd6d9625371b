import { defineControl } from "../../control.js";
import { service } from "../../settings.js";
import { CLASSIFIED, LAW_STATE_SECRETS } from "./lib/common.js";

/**
 * The services without which Windows cannot use Wi-Fi (WLAN AutoConfig), Bluetooth
 * (Bluetooth Support Service and its audio gateway) or a mobile-broadband modem
 * (WWAN AutoConfig). Service names are the same on every language of Windows.
 */
export default defineControl({
  id: "win.classified.wireless-off",
  title: {
    vi: "Máy tài liệu mật: tắt Wi-Fi, Bluetooth và modem di động",
    en: "Classified machine: Wi-Fi, Bluetooth and mobile broadband off",
  },
  rationale: {
    vi: "Card Wi-Fi, Bluetooth hay modem 4G nối máy tài liệu mật ra ngoài mà không cần cáp. Vô hiệu hóa các dịch vụ WlanSvc, bthserv, BTAGService, WwanSvc để Windows không dùng được chúng. Nên tắt thêm các card này trong BIOS/UEFI hoặc tháo ra.",
    en: "A Wi-Fi, Bluetooth or 4G adapter connects a classified machine without any cable. Disabling the WlanSvc, bthserv, BTAGService and WwanSvc services leaves Windows unable to use them. Also switch the adapters off in BIOS/UEFI, or remove them.",
  },
  severity: "critical",
  requirements: ["HY-EDU-T3", "HY-EDU-S04", "HY-EDU-S15", "HY-EDU-A06"],
  references: {
    law: LAW_STATE_SECRETS,
    agencyRules: "Common agency rules for classified computers (unconfirmed): no Wi-Fi, Bluetooth or modem",
  },
  appliesTo: { os: ["windows"], roles: CLASSIFIED },
  settings: () => [
    service("WlanSvc", "disabled"),
    service("bthserv", "disabled"),
    service("BTAGService", "disabled"),
    service("WwanSvc", "disabled"),
  ],
});
