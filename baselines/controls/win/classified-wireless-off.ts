import { defineControl } from "../../control.js";
import { checkDeviceClassOff, service } from "../../settings.js";
import { BLUETOOTH_CLASS, CLASSIFIED, denyDeviceClassList, LAW_STATE_SECRETS } from "./lib/common.js";

/**
 * Wi-Fi, Bluetooth and mobile broadband off.
 *
 * Services: without WLAN AutoConfig (WlanSvc) Windows cannot use Wi-Fi, without WWAN
 * AutoConfig (WwanSvc) a mobile-broadband modem. Service names are the same on every
 * language of Windows.
 *
 * Bluetooth needs more: with the Bluetooth Support Service (bthserv) and its audio
 * gateway (BTAGService) disabled the radio stays powered, and devices paired before
 * (keyboards, headsets, a phone's network) may keep working. So the Bluetooth device
 * setup class is denied installation (DenyDeviceClasses with the class GUID), also
 * for devices already installed (DenyDeviceClassesRetroactive), and Test checks that
 * no Bluetooth-class device works. Only that class: USB keyboards and mice
 * (Keyboard, Mouse, HIDClass) and the registered USB drives (USB, DiskDrive) are other
 * classes, untouched. The list key is cleared first (`**delvals.`, the non-additive
 * list GPMC writes); the removable-storage control's values on the same Restrictions
 * key and its own list key (AllowInstanceIDs) are separate values, each backed up and
 * restored on its own. With AllowDenyLayered (set there when drives are registered) an
 * instance-ID allow outranks this class deny, but the allowed IDs are USB drives only.
 * The per-user BluetoothUserService_* instances are left alone: with no radio they have
 * nothing to talk to.
 */
export default defineControl({
  id: "win.classified.wireless-off",
  title: {
    vi: "Máy tài liệu mật: tắt Wi-Fi, Bluetooth và modem di động",
    en: "Classified machine: Wi-Fi, Bluetooth and mobile broadband off",
  },
  rationale: {
    vi: "Card Wi-Fi, Bluetooth hay modem 4G nối máy tài liệu mật ra ngoài mà không cần cáp. Vô hiệu hóa các dịch vụ WlanSvc, WwanSvc để Windows không dùng được Wi-Fi và modem. Với Bluetooth, tắt dịch vụ bthserv, BTAGService chưa đủ (bàn phím, tai nghe, điện thoại đã ghép đôi vẫn có thể chạy), nên cấm cài thiết bị thuộc lớp Bluetooth (DenyDeviceClasses, mã lớp {e0cbf06c-cd8b-4647-bb8a-263b43f0f974}), áp dụng cả cho thiết bị đã cài (DenyDeviceClassesRetroactive), và kiểm tra không thiết bị Bluetooth nào còn hoạt động. Chỉ lớp Bluetooth: bàn phím, chuột USB và USB đã đăng ký không bị ảnh hưởng. Nên tắt thêm các card này trong BIOS/UEFI hoặc tháo ra.",
    en: "A Wi-Fi, Bluetooth or 4G adapter connects a classified machine without any cable. Disabling the WlanSvc and WwanSvc services leaves Windows unable to use Wi-Fi and modems. For Bluetooth, disabling bthserv and BTAGService is not enough (paired keyboards, headsets or a phone's network may keep working), so the Bluetooth device class is denied installation (DenyDeviceClasses, class {e0cbf06c-cd8b-4647-bb8a-263b43f0f974}), devices already installed included (DenyDeviceClassesRetroactive), and the audit checks that no Bluetooth device still works. Only the Bluetooth class: USB keyboards, mice and the registered USB drives are not affected. Also switch the adapters off in BIOS/UEFI, or remove them.",
  },
  severity: "critical",
  requirements: ["HY-EDU-T3", "HY-EDU-S04", "HY-EDU-S15", "HY-EDU-A06"],
  references: {
    law: LAW_STATE_SECRETS,
    agencyRules: "Common agency rules for classified computers (unconfirmed): no Wi-Fi, Bluetooth or modem",
    microsoft:
      "Microsoft Security Baseline (Windows 11 24H2) denies the FireWire class {d48179be-ec20-11d1-b6b8-00c04fa372a7} the same way, kept in the list. Device Installation Restrictions: Prevent installation of devices using drivers that match these device setup classes (DenyDeviceClasses, list DenyDeviceClasses\\1..n), Also apply to matching devices that are already installed (DenyDeviceClassesRetroactive); System-defined device setup classes: Bluetooth {e0cbf06c-cd8b-4647-bb8a-263b43f0f974}",
  },
  appliesTo: { os: ["windows"], roles: CLASSIFIED },
  settings: (ctx) => [
    service("WlanSvc", "disabled"),
    service("bthserv", "disabled"),
    service("BTAGService", "disabled"),
    service("WwanSvc", "disabled"),
    // The same list as win.device.dma-protection's: FireWire and, here, Bluetooth.
    ...denyDeviceClassList(ctx.role),
    checkDeviceClassOff(BLUETOOTH_CLASS, "Bluetooth"),
  ],
});
