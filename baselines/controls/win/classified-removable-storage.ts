import { defineControl } from "../../control.js";
import { regDword, registryClear, regString, type Setting } from "../../settings.js";
import {
  auditSubcategory,
  CLASSIFIED,
  DEVICE_INSTALL_RESTRICTIONS as DEVICE_INSTALL,
  forceSubcategoryAudit,
  LAW_STATE_SECRETS,
} from "./lib/common.js";

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

/** A registered drive: its USB device's instance ID and its disk's (model/inventory.ts, UsbDrive). */
export interface ApprovedDrive {
  device: string;
  disk: string;
}

/**
 * Every approved drive of the bundle's machines, once, sorted by device then disk. An
 * ID that cannot be a device-instance ID stops generation with the host named: it
 * could never match a drive, and the registry cannot hold some of what reaches here
 * without the inventory schema (NUL).
 */
export function approvedUsbDrives(
  hosts: Array<{ name?: string; approvedUsb: ApprovedDrive[] }>,
): ApprovedDrive[] {
  const drives = new Map<string, ApprovedDrive>();
  for (const h of hosts) {
    for (const drive of h.approvedUsb) {
      for (const id of [drive.device, drive.disk]) {
        if (!DEVICE_INSTANCE_ID.test(id)) {
          throw new Error(
            `host ${h.name ?? "?"}: approvedUsb ${JSON.stringify(id.slice(0, 120))} is not a Windows device-instance ID (printable ASCII, no space or comma, at most 200 characters)`,
          );
        }
      }
      drives.set(`${drive.device}\n${drive.disk}`, { device: drive.device, disk: drive.disk });
    }
  }
  return [...drives.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
}

/**
 * The instance IDs AllowInstanceIDs lists: both IDs of every approved drive, once,
 * sorted. Both, because DenyRemovableDevices refuses the node the USB hub reports as
 * removable, the drive's USB device (USB\VID_…&PID_…\<serial>, "USB Mass Storage
 * Device"): with only the disk's ID allowed, that node is refused, usbstor never loads
 * and the disk (USBSTOR\…) never appears. Microsoft's "Manage Device Installation
 * with Group Policy" scenario for an authorized USB drive allows both.
 */
export function approvedUsbIds(hosts: Array<{ name?: string; approvedUsb: ApprovedDrive[] }>): string[] {
  return [...new Set(approvedUsbDrives(hosts).flatMap((d) => [d.device, d.disk]))].sort();
}

/**
 * Without approved drives: every removable storage class denied (Deny_All). With
 * approved drives: Deny_All would deny them too (it works per storage class, not per
 * device), so new removable devices are refused at installation
 * (DenyRemovableDevices) except the listed device-instance IDs (AllowInstanceIDs:
 * each drive's USB device and its disk, see approvedUsbIds),
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
    vi: "USB là đường rò rỉ tài liệu mật và lây mã độc vào máy cách ly. Cấm mọi thiết bị lưu trữ di động, ổ CD/DVD và điện thoại (WPD); chỉ cho phép USB đã đăng ký trong kiểm kê, theo cả hai mã thiết bị (device instance ID) của nó: mã thiết bị USB (USB\\VID_…, USB Mass Storage Device) và mã ổ đĩa (USBSTOR\\…); thiếu mã thiết bị USB thì Windows chặn luôn cả ổ. Thiết bị đã từng cài trước khi áp dụng vẫn dùng được cho tới khi gỡ khỏi Device Manager cả ổ đĩa lẫn thiết bị USB chứa nó: README hướng dẫn gỡ. Mọi thiết bị USB mới (kể cả bàn phím, chuột) đều bị chặn cài đặt, chống cả thiết bị giả bàn phím; thay bàn phím, chuột cần cán bộ CNTT. Ghi nhật ký truy cập thiết bị di động.",
    en: "USB drives leak classified documents and carry malware into isolated machines. All removable storage, CD/DVD drives and phones (WPD) are denied; only USB drives registered in the inventory are allowed, each by both its device-instance IDs: its USB device (USB\\VID_…, USB Mass Storage Device) and its disk (USBSTOR\\…); without the USB device's ID Windows refuses the whole drive. Devices installed before this applies keep working until removed in Device Manager, both the disk and the USB device it sits on: the README says how. Every new removable device (keyboards and mice too) is refused installation, which also stops keyboard-emulating USB devices; replacing a keyboard or mouse needs IT staff. Removable-storage access is audited.",
  },
  severity: "critical",
  requirements: ["HY-EDU-S04", "HY-EDU-S15", "HY-EDU-A06", "HY-EDU-T3"],
  references: {
    law: LAW_STATE_SECRETS,
    agencyRules: "Common agency rules for classified computers (unconfirmed): registered USB drives only",
    microsoft:
      "Microsoft Security Baseline (Windows 11 24H2): Advanced Audit Policy: Removable Storage = Success and Failure. Device Installation Restrictions (DenyRemovableDevices, AllowInstanceIDs, AllowDenyLayered); Manage Device Installation with Group Policy (an authorized USB drive: its USB device and its disk allowed by instance ID); Removable Storage Access (Deny_All, Deny_Read, Deny_Write)",
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
        registryClear(list),
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
