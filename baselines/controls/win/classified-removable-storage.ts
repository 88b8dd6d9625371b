import { defineControl } from "../../control.js";
import { regDword, regString, type Setting } from "../../settings.js";
import { auditSubcategory, CLASSIFIED, forceSubcategoryAudit, LAW_STATE_SECRETS } from "./lib/common.js";

const DEVICE_INSTALL = "SOFTWARE\\Policies\\Microsoft\\Windows\\DeviceInstall\\Restrictions";
const REMOVABLE_STORAGE = "SOFTWARE\\Policies\\Microsoft\\Windows\\RemovableStorageDevices";
/** Storage classes denied outright: CD/DVD, and phones/cameras over WPD (two class GUIDs). */
const ALWAYS_DENIED_CLASSES = [
  "{53f56308-b6bf-11d0-94f2-00a0c91efb8b}",
  "{6AC27878-A6FA-4155-BA85-F98F491D4F33}",
  "{F33FDC04-D1AC-4E8E-9A30-19BBD4B108AE}",
];

/**
 * A Windows device-instance ID: printable ASCII above space, no comma, at most 200
 * characters (MAX_DEVICE_ID_LEN), e.g. USBSTOR\Disk&Ven_Kingston&...\60A44C41&0.
 */
const DEVICE_INSTANCE_ID = /^[\x21-\x2b\x2d-\x7e]{1,200}$/;

/**
 * Every approved USB device-instance ID of the bundle's machines, once, sorted. An
 * entry that cannot be a device-instance ID stops generation with the host named:
 * it could never match a drive, and the registry cannot hold some of what the
 * inventory schema lets through (NUL).
 */
export function approvedUsbIds(hosts: Array<{ name?: string; approvedUsb: string[] }>): string[] {
  for (const h of hosts) {
    for (const id of h.approvedUsb) {
      if (!DEVICE_INSTANCE_ID.test(id)) {
        throw new Error(
          `host ${h.name ?? "?"}: approvedUsb ${JSON.stringify(id.slice(0, 120))} is not a Windows device-instance ID (printable ASCII, no space or comma, at most 200 characters)`,
        );
      }
    }
  }
  return [...new Set(hosts.flatMap((h) => h.approvedUsb))].sort();
}

/**
 * Without approved drives: every removable storage class denied (Deny_All). With
 * approved drives: Deny_All would deny them too (it works per storage class, not per
 * device), so new removable devices are refused at installation
 * (DenyRemovableDevices) except the listed device-instance IDs (AllowInstanceIDs),
 * with the layered evaluation (AllowDenyLayered, Windows 10 2004+) that lets an
 * instance-ID allow win over the removable-device deny. The list key is cleared first
 * (`**delvals.`), so a drive taken off the inventory loses its permission. The
 * bundle's drives are the union over its machines: a drive registered for one
 * classified machine of the unit is accepted on the unit's other classified machines.
 */
export default defineControl({
  id: "win.classified.removable-storage",
  title: {
    vi: "Máy tài liệu mật: cấm thiết bị lưu trữ di động, trừ USB đã đăng ký",
    en: "Classified machine: removable storage denied except registered drives",
  },
  rationale: {
    vi: "USB là đường rò rỉ tài liệu mật và lây mã độc vào máy cách ly. Cấm mọi thiết bị lưu trữ di động, ổ CD/DVD và điện thoại (WPD); chỉ cho phép USB có mã thiết bị (device instance ID) đã đăng ký trong kiểm kê. Thiết bị đã từng cài trước khi áp dụng vẫn dùng được cho tới khi gỡ khỏi Device Manager: README hướng dẫn gỡ. Mọi thiết bị USB mới (kể cả bàn phím, chuột) đều bị chặn cài đặt, chống cả thiết bị giả bàn phím; thay bàn phím, chuột cần cán bộ CNTT. Ghi nhật ký truy cập thiết bị di động.",
    en: "USB drives leak classified documents and carry malware into isolated machines. All removable storage, CD/DVD drives and phones (WPD) are denied; only USB drives whose device-instance IDs are registered in the inventory are allowed. Devices installed before this applies keep working until removed in Device Manager: the README says how. Every new removable device (keyboards and mice too) is refused installation, which also stops keyboard-emulating USB devices; replacing a keyboard or mouse needs IT staff. Removable-storage access is audited.",
  },
  severity: "critical",
  requirements: ["HY-EDU-S04", "HY-EDU-S15", "HY-EDU-A06", "HY-EDU-T3"],
  references: {
    law: LAW_STATE_SECRETS,
    agencyRules: "Common agency rules for classified computers (unconfirmed): registered USB drives only",
    microsoft:
      "Device Installation Restrictions (DenyRemovableDevices, AllowInstanceIDs, AllowDenyLayered); Removable Storage Access (Deny_All, Deny_Read, Deny_Write)",
  },
  appliesTo: { os: ["windows"], roles: CLASSIFIED },
  settings: (ctx) => {
    const approved = approvedUsbIds(ctx.groups.flatMap((g) => g.hosts));
    const settings: Setting[] = [regDword(DEVICE_INSTALL, "DenyRemovableDevices", 1)];
    if (approved.length === 0) {
      settings.push(regDword(REMOVABLE_STORAGE, "Deny_All", 1));
    } else {
      const list = `${DEVICE_INSTALL}\\AllowInstanceIDs`;
      settings.push(
        regDword(DEVICE_INSTALL, "AllowDenyLayered", 1),
        regDword(DEVICE_INSTALL, "AllowInstanceIDs", 1),
        regString(list, "**delvals.", " "),
        ...approved.map((id, i) => regString(list, String(i + 1), id)),
      );
    }
    for (const cls of ALWAYS_DENIED_CLASSES) {
      settings.push(
        regDword(`${REMOVABLE_STORAGE}\\${cls}`, "Deny_Read", 1),
        regDword(`${REMOVABLE_STORAGE}\\${cls}`, "Deny_Write", 1),
      );
    }
    settings.push(forceSubcategoryAudit(), auditSubcategory("Removable Storage", 3));
    return settings;
  },
});
