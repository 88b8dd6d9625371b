/**
 * README.md of a Windows bundle: Vietnamese first, then English. Every value from the
 * inventory goes through markdownText; everything else is fixed text or IDs.
 */
import { markdownText } from "../../../templates/escape/markdown.js";
import type { BundleSpec } from "../../bundle-spec.js";
import { renamedAdministrator } from "../../controls/win/account-admin-renamed.js";
import { approvedUsbDrives } from "../../controls/win/classified-removable-storage.js";
import { scheduledTasksOutsideGpo, schtasksCommand } from "../../kinds/scheduled-task/gpo.js";
import { isWindowsSetting, type ScheduledTaskSetting } from "../../settings.js";
import type { EmitContext } from "../emitter.js";
import { gpoBackupIds, gpoDisplayName } from "./gpo.js";
import { osAllowed } from "./script-data.js";

/**
 * Inventory text for the README: characters that are invisible or reorder what a
 * reader sees (bidi overrides, zero-width and format characters, separators,
 * private-use) become U+FFFD first, then the shared Markdown escaping applies.
 */
export function md(value: string): string {
  return markdownText(value.replace(/[\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}]/gu, "\uFFFD"));
}

/**
 * Locks the scripts' folder by SID (group names are localized): Administrators and SYSTEM
 * full, Users read and run, nothing inherited from C:\ (which lets every user change
 * what is below it). Assert-TrustedLocation refuses a folder that is not locked.
 */
export const LOCK_ATTT =
  'icacls C:\\attt /inheritance:r /grant:r "*S-1-5-32-544:(OI)(CI)F" "*S-1-5-18:(OI)(CI)F" "*S-1-5-32-545:(OI)(CI)RX"';
/** Files copied in are owned by whoever copied them: the Administrators group owns them all instead. */
export const OWN_ATTT = "icacls C:\\attt /setowner *S-1-5-32-544 /T /C";
/** The folder of the upload credential, readable by SYSTEM and Administrators only (Assert-UploadReady refuses otherwise). */
export const LOCK_CREDENTIAL_FOLDER =
  'icacls C:\\ProgramData\\attt /inheritance:r /grant:r "*S-1-5-32-544:(OI)(CI)F" "*S-1-5-18:(OI)(CI)F"';
/** A folder a student created first stays theirs (and so its ACL) until an administrator takes it. */
export const OWN_CREDENTIAL_FOLDER = "icacls C:\\ProgramData\\attt /setowner *S-1-5-32-544 /T /C";

const ROLE_VI: Record<string, string> = {
  office: "máy tính công vụ",
  teacher: "máy giáo viên",
  lab: "máy phòng thực hành (học sinh dùng chung)",
  classified: "máy soạn thảo, lưu trữ tài liệu mật (không nối mạng)",
  server: "máy chủ",
};
const ROLE_EN: Record<string, string> = {
  office: "official (công vụ) computers",
  teacher: "teachers' computers",
  lab: "shared student lab computers",
  classified: "computers that draft or store state secrets (no network)",
  server: "servers",
};

const SEVERITY_VI: Record<string, string> = {
  low: "thấp",
  medium: "trung bình",
  high: "cao",
  critical: "nghiêm trọng",
};

const OS_NAME: Record<string, string> = { "windows-10": "Windows 10", "windows-11": "Windows 11" };

/** The Windows versions the scripts accept ($Bundle.OsAllowed), in words: "Windows 11", "Windows 10 or Windows 11". */
function osNames(spec: BundleSpec, lang: "vi" | "en"): string {
  return osAllowed(spec)
    .map((os) => OS_NAME[os] ?? os)
    .join(lang === "vi" ? " hoặc " : " or ");
}

/** The same list as the script's data table holds it: `windows-10`, `windows-11`. */
export function osIdList(spec: BundleSpec): string {
  return osAllowed(spec)
    .map((os) => `\`${os}\``)
    .join(", ");
}

/**
 * Which remote sessions Assert-KeepsOwnSession (Apply-Baseline.ps1) refuses: those the
 * bundle's controls declare they cut off (control.cutsRemoteSessions), and the settings
 * that say why (RDP off, WinRM off, all traffic blocked).
 */
function sessionGuard(spec: BundleSpec) {
  const settings = spec.controls.flatMap((c) => c.settings.filter(isWindowsSetting));
  const reg = (name: string, data: number) =>
    settings.some(
      (s) => s.kind === "registry" && s.name.toLowerCase() === name.toLowerCase() && Number(s.data) === data,
    );
  const blocksAll = reg("DefaultOutboundAction", 1);
  const rdpOff = reg("fDenyTSConnections", 1);
  const winRmOff = settings.some(
    (s) => s.kind === "service" && s.name.toLowerCase() === "winrm" && s.startup === "disabled",
  );
  const cuts = new Set(spec.controls.flatMap((c) => c.cutsRemoteSessions ?? []));
  return {
    rdpOff,
    winRmOff,
    blocksAll,
    rdp: cuts.has("rdp"),
    remoting: cuts.has("remoting"),
    ssh: cuts.has("ssh"),
  };
}

function sessionRefusal(spec: BundleSpec, lang: "vi" | "en"): string {
  const vi = lang === "vi";
  const g = sessionGuard(spec);
  if (!g.rdp && !g.remoting) {
    return vi
      ? "- Phiên từ xa: gói này không tắt Remote Desktop hay WinRM và không chặn mọi kết nối, nên Apply không từ chối chạy qua Remote Desktop, PowerShell remoting hay SSH."
      : "- Remote sessions: this bundle turns neither Remote Desktop nor WinRM off and does not block all traffic, so Apply does not refuse Remote Desktop, PowerShell remoting or SSH.";
  }
  const reasons = [
    ...(g.rdp && g.rdpOff ? [vi ? "tắt Remote Desktop" : "turns Remote Desktop off"] : []),
    ...(g.rdp && !g.rdpOff && !g.blocksAll
      ? [
          vi
            ? "chỉ cho Remote Desktop từ các dải mạng quản trị (remoteAdminFrom), nên phiên từ địa chỉ khác trên mạng Windows coi là Public (nơi luật tường lửa cục bộ bị bỏ qua) bị cắt"
            : "admits Remote Desktop only from the admin networks (remoteAdminFrom), so a session from another address on a network Windows classes as Public (where local firewall rules are ignored) is cut off",
        ]
      : []),
    ...(g.remoting && g.winRmOff ? [vi ? "tắt WinRM" : "turns WinRM off"] : []),
    ...(g.blocksAll ? [vi ? "chặn mọi kết nối mạng" : "blocks all network traffic"] : []),
  ];
  const reasonText =
    reasons.length > 1
      ? `${reasons.slice(0, -1).join(", ")}${vi ? " và " : " and "}${reasons.at(-1)}`
      : (reasons[0] ?? "");
  const channels = [
    ...(g.rdp ? ["Remote Desktop"] : []),
    ...(g.remoting ? ["PowerShell remoting (`Enter-PSSession`, `Invoke-Command`)"] : []),
    ...(g.ssh ? ["OpenSSH"] : []),
  ].join(vi ? " hoặc " : " or ");
  return vi
    ? `- Phiên từ xa: Apply từ chối chạy qua ${channels}, vì gói này ${reasonText} nên sẽ cắt phiên đang chạy script giữa chừng. Hãy chạy ngay tại máy (console). \`-Force\` bỏ qua kiểm tra này và phiên của bạn sẽ bị cắt.`
    : `- Remote sessions: Apply refuses to run over ${channels}, because this bundle ${reasonText}, which would cut off the session running the script halfway. Run it at the machine's console. \`-Force\` skips this check, and your session is cut off.`;
}

/** When Apply and Undo refuse (exit code 2, nothing changed), as the runtime decides it. */
function refusals(spec: BundleSpec, lang: "vi" | "en"): string[] {
  const vi = lang === "vi";
  const os = osNames(spec, lang);
  return vi
    ? [
        "`Apply-Baseline.ps1` và `Undo-Baseline.ps1` kiểm tra máy trước khi đổi bất cứ gì:",
        "",
        '- Không có quyền quản trị: cả Apply, Test và Undo từ chối. Mở Windows PowerShell bằng "Run as administrator".',
        "- Luôn từ chối, kể cả có `-Force`: script nằm trong thư mục mà người dùng khác (không phải SYSTEM, Administrators, TrustedInstaller hay chính người chạy) sửa được: cả Apply, Test và Undo. Khóa thư mục như bước 1 ở trên.",
        "- Thư mục trạng thái `%ProgramData%\\attt-kit` mà người dùng khác có thể đã sửa được đổi tên sang bên cạnh (`attt-kit.untrusted-<thời điểm>`) và không dùng gì trong đó: Apply lưu bản sao lưu mới, Undo từ chối (không hoàn tác theo bản sao lưu không đáng tin). Máy đã áp dụng bằng phiên bản cũ của gói cũng gặp trường hợp này.",
        "- Áp dụng gói đổi tên Administrator trên máy tự đăng nhập bằng tài khoản đó (AutoAdminLogon): Apply từ chối trừ khi có `-Force`, vì máy sẽ không tự đăng nhập được nữa.",
        "- Luôn từ chối, kể cả có `-Force`: Windows Server (máy chủ, bộ điều khiển miền), Windows cũ hơn Windows 10, hoặc chạy bằng Windows PowerShell 32-bit (x86) trên Windows 64-bit.",
        `- Hệ điều hành: gói chỉ dành cho ${os} (${osIdList(spec)}). Trên máy chạy phiên bản Windows khác, cả Apply và Undo từ chối; thêm \`-Force\` chỉ khi chắc chắn.`,
        `- Vai trò (Apply): máy đã được đánh dấu vai trò khác \`${spec.role}\`, hoặc chưa được đánh dấu mà thiếu \`-Role ${spec.role}\` (hoặc \`-Ask\` và trả lời C). \`-Force\` bỏ qua kiểm tra này.`,
        "- Đóng băng (Apply, Undo): máy đang bị Deep Freeze, Unified Write Filter hay phần mềm khôi phục khi khởi động lại khác đóng băng thì mọi thay đổi sẽ mất khi khởi động lại: Apply và Undo từ chối, kể cả có `-Force`, cho đến khi máy ở chế độ không đóng băng (Thawed). Với phần mềm không hỏi được trạng thái (Reboot Restore Rx, Shadow Defender, ...), tắt đóng băng rồi chạy với `-Force`.",
        '- Windows Home bỏ qua chính sách nhóm: Apply chỉ cảnh báo; Test báo các giá trị chính sách là "không hỗ trợ trên phiên bản này" (không đạt). Nâng cấp lên Pro hoặc Education.',
        sessionRefusal(spec, "vi"),
        "- Một `-Force` bỏ qua cùng lúc mọi kiểm tra có thể bỏ qua ở trên.",
      ]
    : [
        "`Apply-Baseline.ps1` and `Undo-Baseline.ps1` check the machine before changing anything:",
        "",
        '- Without administrator rights: Apply, Test and Undo all refuse. Open Windows PowerShell with "Run as administrator".',
        "- Always, even with `-Force`: scripts in a folder that users other than SYSTEM, Administrators, TrustedInstaller or the one running them can change: Apply, Test and Undo. Lock the folder as in step 1 above.",
        "- A state folder `%ProgramData%\\attt-kit` that other users may have changed is renamed aside (`attt-kit.untrusted-<time>`) and nothing in it is used: Apply saves a fresh backup, Undo refuses (it never restores from a backup it cannot trust). Machines applied with an older version of the bundle meet this too.",
        "- Applying a bundle that renames Administrator on a machine that signs in automatically as that account (AutoAdminLogon): Apply refuses without `-Force`, since automatic logon would stop.",
        "- Always, even with `-Force`: Windows Server (servers, domain controllers), Windows older than Windows 10, or a run from 32-bit (x86) Windows PowerShell on 64-bit Windows.",
        `- Operating system: the bundle is for ${os} only (${osIdList(spec)}). On a machine running another Windows version, both Apply and Undo refuse; add \`-Force\` only when sure.`,
        `- Role (Apply): the machine is marked with a role other than \`${spec.role}\`, or is not marked yet and \`-Role ${spec.role}\` is missing (or \`-Ask\` answered C). \`-Force\` skips this check.`,
        "- Frozen (Apply, Undo): on a machine frozen by Deep Freeze, the Unified Write Filter or other reboot-restore software every change is lost at the next restart: Apply and Undo refuse, even with `-Force`, until the machine is thawed. With software that cannot be asked (Reboot Restore Rx, Shadow Defender, ...), thaw it, then run with `-Force`.",
        '- Windows Home ignores Group Policy: Apply only warns; Test reports the policy values as "not supported on this edition" (fail). Upgrade to Pro or Education.',
        sessionRefusal(spec, "en"),
        "- One `-Force` skips every check above that can be skipped, all at once.",
      ];
}

function has(spec: BundleSpec, controlId: string): boolean {
  return spec.controls.some((c) => c.control.id === controlId);
}

function controlTable(spec: BundleSpec, lang: "vi" | "en"): string[] {
  const head =
    lang === "vi"
      ? ["| Mã | Biện pháp | Mức | Yêu cầu kế hoạch |", "|---|---|---|---|"]
      : ["| ID | Control | Severity | Plan requirements |", "|---|---|---|---|"];
  const rows = spec.controls.map(({ control }) => {
    const severity = lang === "vi" ? (SEVERITY_VI[control.severity] ?? control.severity) : control.severity;
    return `| \`${control.id}\` | ${md(control.title[lang])} | ${severity} | ${control.requirements.join(", ")} |`;
  });
  return [...head, ...rows];
}

function specifics(spec: BundleSpec, lang: "vi" | "en"): string[] {
  const vi = lang === "vi";
  const out: string[] = [];
  if (has(spec, "win.account.admin-renamed")) {
    const name = renamedAdministrator(spec.unit.id, spec.role);
    out.push(
      vi
        ? `- Tài khoản Administrator có sẵn được đổi tên thành \`${name}\` (không bị tắt). Ghi tên này vào sổ quản trị của đơn vị.`
        : `- The built-in Administrator is renamed to \`${name}\` (not disabled). Record this name in the unit's admin register.`,
    );
  }
  const publicMergeOff = spec.controls.some((c) => c.ignoresLocalFirewallRules?.includes("public"));
  if (publicMergeOff) {
    out.push(
      vi
        ? "- Tường lửa bỏ qua các luật cục bộ trên hồ sơ mạng công cộng (Public). Mạng LAN của trường mà Windows xếp là Public (thường gặp khi không có miền) sẽ mất các luật chia sẻ tệp, máy in và phần mềm quản lý lớp học; Apply cảnh báo khi thấy. Xem số card mạng bằng `Get-NetConnectionProfile`, rồi chuyển mạng của trường sang Private: `Set-NetConnectionProfile -InterfaceIndex <n> -NetworkCategory Private`."
        : "- The firewall ignores local rules on the Public network profile. A school LAN that Windows classed as Public (common without a domain) loses its file-sharing, printer and classroom-software rules; Apply warns when it sees one. Find the adapter's number with `Get-NetConnectionProfile`, then make the school network Private: `Set-NetConnectionProfile -InterfaceIndex <n> -NetworkCategory Private`.",
    );
  }
  if (spec.role !== "classified") {
    out.push(
      vi
        ? "- Ảnh hưởng đã biết đến chia sẻ trong trường: tắt NetBIOS và LLMNR thì máy trong nhóm làm việc (workgroup) không còn tìm nhau theo tên: dùng địa chỉ IP (`\\\\192.168.1.10\\chung`) hoặc tên trong DNS của trường; bắt buộc ký SMB có thể làm máy photocopy, máy quét, NAS cũ không lưu được vào thư mục chia sẻ (cập nhật firmware, bật ký SMB trên thiết bị); máy in chia sẻ từ máy khác cần máy chia sẻ chạy Windows đã cập nhật (RPC qua TCP); quản trị từ xa bằng tài khoản cục bộ (ổ C$, công cụ quản lý lớp học, phần mềm triển khai) bị lọc quyền (UAC token filtering) nên không chạy: cài các agent quản lý trước khi chạy Apply; nếu đơn vị không khai báo dải mạng quản trị (remoteAdminFrom), tài khoản quản trị cục bộ còn bị cấm đăng nhập qua mạng (quyền người dùng, SID S-1-5-114): quản trị tại máy hoặc qua agent."
        : "- Known effects on sharing in a school: with NetBIOS and LLMNR off, workgroup machines no longer find each other by name: use the IP address (`\\\\192.168.1.10\\shared`) or a name in the school's DNS; required SMB signing can stop older copiers, scanners and NAS boxes from saving to shared folders (update their firmware, turn SMB signing on in the device); printers shared from another PC need that PC to run an updated Windows (RPC over TCP); remote administration with a local account (the C$ share, classroom management tools, deployment software) is blocked by UAC token filtering: install management agents before running Apply; where the unit lists no admin networks (remoteAdminFrom), local administrator accounts are also denied network logon (user rights, SID S-1-5-114): administer at the machine or through an agent.",
    );
  }
  if (has(spec, "win.defender.smartscreen")) {
    const domain = spec.groups.some((g) => g.domainJoined === true);
    out.push(
      vi
        ? `- Microsoft Edge không cho bấm "tiếp tục" qua trang cảnh báo lỗi HTTPS (SSLErrorOverrideAllowed = 0). Một số trang sẽ không mở được: khi đồng hồ máy sai (sửa giờ, bật đồng bộ giờ), sau bộ lọc web kiểm tra HTTPS của trường (cài chứng chỉ gốc của bộ lọc vào máy), trang quản trị router, NAS, máy in dùng chứng chỉ tự ký (dùng trình duyệt khác trên máy quản trị, hoặc cài chứng chỉ của thiết bị).${domain ? "" : " Các thiết lập SmartScreen riêng của Edge (SmartScreenEnabled, chặn ứng dụng không mong muốn, không cho bỏ qua cảnh báo) chỉ có hiệu lực trên máy tham gia miền hoặc được quản lý thiết bị, nên gói cho máy không có miền không đặt chúng; SmartScreen của Windows vẫn bật."}`
        : `- Microsoft Edge gives no way past its HTTPS error page (SSLErrorOverrideAllowed = 0). Some pages will not open: when the machine's clock is wrong (fix the time, turn time sync on), behind the school's HTTPS-inspecting web filter (install the filter's root certificate on the machine), router, NAS and printer admin pages with self-signed certificates (use another browser on an admin machine, or install the device's certificate).${domain ? "" : " Edge's own SmartScreen policies (SmartScreenEnabled, blocking unwanted apps, no bypass of its prompts) take effect only on domain-joined or device-managed machines, so bundles for machines without a domain leave them out; Windows SmartScreen stays on."}`,
    );
  }
  if (has(spec, "win.device.dma-protection") || spec.role === "classified") {
    out.push(
      vi
        ? "- Danh sách lớp thiết bị bị chặn (DenyDeviceClasses) nay đặt tên mỗi mục theo GUID của lớp, như bản cơ sở bảo mật của Microsoft. Máy đã áp dụng bản cũ của gói còn giữ mục tên `1`, `2`: Windows vẫn đọc mọi mục nên không hại, nhưng Undo của bản mới không gỡ chúng; xóa bằng tay trong `HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\DeviceInstall\\Restrictions\\DenyDeviceClasses` nếu cần."
        : "- The denied device class list (DenyDeviceClasses) now names each entry by the class GUID, as Microsoft's security baseline does. A machine that applied an older bundle keeps entries named `1`, `2`: Windows reads every entry, so they do no harm, but the new Undo does not remove them; delete them by hand under `HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\DeviceInstall\\Restrictions\\DenyDeviceClasses` if needed.",
    );
  }
  if (has(spec, "win.credentials.vbs")) {
    const held = spec.groups.some((g) => g.memoryIntegrity === false);
    out.push(
      vi
        ? `- Bảo mật dựa trên ảo hóa (VBS) bật${held ? "; toàn vẹn bộ nhớ (HVCI) đang được tạm giữ theo kiểm kê (memoryIntegrity: false)" : ", cùng toàn vẹn bộ nhớ (HVCI)"}; bảo vệ ngăn xếp phần cứng ở chế độ ghi nhận. Thử trước trên vài máy: Windows Security > Device security > Core isolation liệt kê trình điều khiển không tương thích (cập nhật hoặc gỡ chúng trước); khi cần, ghi \`memoryIntegrity: false\` cho nhóm máy trong kiểm kê để giữ VBS mà tạm tắt HVCI. Nếu máy không khởi động được sau khi áp dụng: vào Windows Recovery Environment (WinRE, giữ Shift khi chọn Restart, hoặc khởi động hỏng hai lần), Troubleshoot > Command Prompt, rồi chạy \`reg load HKLM\\T C:\\Windows\\System32\\config\\SOFTWARE\`, \`reg delete "HKLM\\T\\Policies\\Microsoft\\Windows\\DeviceGuard" /v HypervisorEnforcedCodeIntegrity /f\`, \`reg unload HKLM\\T\`, rồi \`reg load HKLM\\S C:\\Windows\\System32\\config\\SYSTEM\`, \`reg delete "HKLM\\S\\ControlSet001\\Control\\DeviceGuard\\Scenarios\\HypervisorEnforcedCodeIntegrity" /f\`, \`reg unload HKLM\\S\` và khởi động lại (ổ hệ điều hành trong WinRE có thể không phải C:).`
        : `- Virtualization-based security (VBS) is on${held ? "; memory integrity (HVCI) is held back by the inventory (memoryIntegrity: false)" : ", with memory integrity (HVCI)"}; hardware-enforced stack protection in audit mode. Pilot it on a few machines first: Windows Security > Device security > Core isolation lists incompatible drivers (update or remove them first); where needed, set \`memoryIntegrity: false\` on the machine group in the inventory to keep VBS with HVCI held back. If a machine no longer starts after Apply: enter the Windows Recovery Environment (WinRE: hold Shift while choosing Restart, or two failed starts), Troubleshoot > Command Prompt, run \`reg load HKLM\\T C:\\Windows\\System32\\config\\SOFTWARE\`, \`reg delete "HKLM\\T\\Policies\\Microsoft\\Windows\\DeviceGuard" /v HypervisorEnforcedCodeIntegrity /f\`, \`reg unload HKLM\\T\`, then \`reg load HKLM\\S C:\\Windows\\System32\\config\\SYSTEM\`, \`reg delete "HKLM\\S\\ControlSet001\\Control\\DeviceGuard\\Scenarios\\HypervisorEnforcedCodeIntegrity" /f\`, \`reg unload HKLM\\S\` and restart (in WinRE the Windows drive may not be C:).`,
    );
  }
  const rdp = spec.unit.network.remoteAdminFrom;
  if (has(spec, "win.remote.rdp")) {
    const nets = rdp.map((c) => md(c)).join(", ");
    if (spec.role !== "classified" && rdp.length > 0) {
      out.push(
        vi
          ? `- Remote Desktop bật, có NLA, chỉ nhận kết nối từ: ${nets}.`
          : `- Remote Desktop is on, with NLA, and accepts connections only from: ${nets}.`,
      );
    } else {
      out.push(vi ? "- Remote Desktop tắt." : "- Remote Desktop is off.");
    }
  }
  if (has(spec, "win.update.automatic") && spec.unit.network.wsus) {
    out.push(
      vi
        ? `- Cập nhật Windows lấy từ máy chủ WSUS: ${md(spec.unit.network.wsus)}.`
        : `- Windows Update uses the WSUS server: ${md(spec.unit.network.wsus)}.`,
    );
  }
  if (spec.role === "classified") {
    const drives = approvedUsbDrives(spec.groups.flatMap((g) => g.hosts));
    out.push(
      vi
        ? "- Máy này bị chặn mọi kết nối mạng, Wi-Fi, Bluetooth và thiết bị lưu trữ di động."
        : "- This machine loses every network, Wi-Fi, Bluetooth and removable storage.",
      vi
        ? "- Bluetooth: Windows gỡ mọi thiết bị thuộc lớp Bluetooth (bộ thu Bluetooth và thiết bị đã ghép đôi qua nó) và không cài lại, có thể chỉ sau khi khởi động lại; bàn phím, chuột USB và USB đã đăng ký không bị ảnh hưởng. `Test-Baseline.ps1` báo không đạt khi còn thiết bị Bluetooth hoạt động: gỡ nó trong Device Manager hoặc tắt trong BIOS/UEFI. Tường lửa được kiểm tra cả trạng thái thực: dịch vụ MpsSvc phải đang chạy."
        : "- Bluetooth: Windows removes every device of the Bluetooth class (the Bluetooth radio, and the devices paired through it) and refuses to install it again, possibly only after a restart; USB keyboards, mice and the registered USB drives are not affected. `Test-Baseline.ps1` fails while a Bluetooth device still works: uninstall it in Device Manager or switch it off in BIOS/UEFI. The firewall is checked live too: the MpsSvc service must be running.",
      vi
        ? '- Sau khi áp dụng, gỡ mọi USB đã từng cắm vào máy, cả hai phần của mỗi ổ (bỏ sót một phần thì ổ chưa đăng ký vẫn dùng được): trong Device Manager chọn View > Show hidden devices, rồi Uninstall device ở ổ trong Disk drives và ở thiết bị USB chứa nó, USB Mass Storage Device trong Universal Serial Bus controllers. Trên Windows 10 2004 trở lên có thể dùng lệnh, trong cửa sổ Run as administrator, với mã lấy ở Properties > Details > Device instance path: `pnputil /remove-device "<mã>"`, trước hết cho mã ổ đĩa (`USBSTOR\\…`), rồi cho mã thiết bị USB (`USB\\VID_…`).'
        : "- After applying, remove every USB drive ever plugged into this machine, both parts of each drive (leave one and an unregistered drive keeps working): in Device Manager choose View > Show hidden devices, then Uninstall device on the drive under Disk drives and on the USB device it sits on, USB Mass Storage Device under Universal Serial Bus controllers. On Windows 10 2004 or later a command does it, in a Run as administrator window, with the ID from Properties > Details > Device instance path: `pnputil /remove-device \"<ID>\"`, first with the disk's ID (`USBSTOR\\…`), then with the USB device's (`USB\\VID_…`).",
      vi
        ? "- Đăng ký một USB: cắm vào một máy Windows khác (máy này chặn cài thiết bị mới), mở Device Manager và chép hai mã ở Properties > Details > Device instance path: của USB Mass Storage Device trong Universal Serial Bus controllers (`USB\\VID_…&PID_…\\<số sê-ri>`) và của ổ trong Disk drives (`USBSTOR\\Disk&Ven_…\\<số sê-ri>&0`). Ghi cả hai vào kiểm kê, ở máy sẽ dùng ổ: `approvedUsb: [{ device: 'USB\\VID_…', disk: 'USBSTOR\\…' }]`, rồi tạo và áp dụng lại gói. Thiếu mã thiết bị USB thì Windows chặn cả ổ. Dùng USB có số sê-ri: mã dạng `…\\7&2a1b3c4d&0&1` (USB không có số sê-ri) đổi theo máy và cổng cắm."
        : "- To register a USB drive: plug it into another Windows machine (this one refuses new devices), open Device Manager and copy two IDs from Properties > Details > Device instance path: that of USB Mass Storage Device under Universal Serial Bus controllers (`USB\\VID_…&PID_…\\<serial>`) and that of the drive under Disk drives (`USBSTOR\\Disk&Ven_…\\<serial>&0`). Put both in the inventory, on the machine that will use the drive: `approvedUsb: [{ device: 'USB\\VID_…', disk: 'USBSTOR\\…' }]`, then generate and apply the bundle again. Without the USB device's ID Windows refuses the whole drive. Use drives with a serial number: an ID ending like `…\\7&2a1b3c4d&0&1` (no serial) changes with the machine and the port.",
      vi
        ? "- BitLocker phải bật bằng tay: `manage-bde -on C: -RecoveryPassword`, in khóa khôi phục và cất theo quy chế bảo vệ bí mật nhà nước; không lưu khóa lên mạng."
        : "- Turn BitLocker on by hand: `manage-bde -on C: -RecoveryPassword`, print the recovery key and keep it per the state-secret rules; never store it on a network.",
    );
    out.push(
      vi
        ? `- USB đã đăng ký được phép (${drives.length}), mỗi ổ theo mã thiết bị USB và mã ổ đĩa:`
        : `- Registered USB drives allowed (${drives.length}), each by its USB device ID and its disk ID:`,
    );
    for (const d of drives)
      out.push(
        vi
          ? `  - thiết bị USB ${md(d.device)}; ổ đĩa ${md(d.disk)}`
          : `  - USB device ${md(d.device)}; disk ${md(d.disk)}`,
      );
  }
  return out;
}

/**
 * What a GPO cannot carry (scheduled tasks, baselines/kinds/scheduled-task/gpo.ts): one
 * schtasks command per task, never the whole Apply-Baseline.ps1 on a domain-joined machine
 * (it would also leave local policy the GPO cannot take back).
 */
function outsideGpo(spec: BundleSpec, lang: "vi" | "en"): string[] {
  // Each task once, in the plan's order (settings-plan.ts refuses two controls that disagree).
  const byName = new Map(
    spec.controls
      .flatMap((c) => c.settings)
      .filter((s): s is ScheduledTaskSetting => s.kind === "scheduled-task")
      .map((t) => [`${t.path}${t.name}`.toUpperCase(), t]),
  );
  const sorted = [...byName].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, t]) => t);
  const tasks = scheduledTasksOutsideGpo(sorted);
  if (tasks.length === 0) return [];
  const list = tasks.map((t) => `\`${t}\``).join(", ");
  const vi = lang === "vi";
  return [
    "",
    vi
      ? `GPO không chứa trạng thái tác vụ lập lịch của gói (${list}). Trên máy tham gia miền, chạy lệnh dưới đây trong cửa sổ lệnh quản trị (Run as administrator); đừng chạy cả \`Apply-Baseline.ps1\`, vì nó còn ghi chính sách bảo mật, chính sách kiểm toán, chính sách cục bộ và dấu vai trò lên máy, những bản sao cục bộ mà GPO không gỡ lại được. Nếu lệnh báo "cannot find the file" (không tìm thấy tệp), máy không có tác vụ đó: vậy là đạt.`
      : `The GPO does not carry the bundle's scheduled tasks' state (${list}). On domain-joined machines run the command below from an administrator command prompt (Run as administrator); do not run the whole \`Apply-Baseline.ps1\`, which also writes security policy, audit policy, local policies and the role marker, local copies the GPO cannot take back. If it says "cannot find the file", the machine has no such task: that is fine.`,
    "",
    "```",
    ...sorted.map(schtasksCommand),
    "```",
  ];
}

export function bundleReadme(spec: BundleSpec, ctx: EmitContext): string {
  const { backupId } = gpoBackupIds(gpoDisplayName(spec));
  const gpoName = gpoDisplayName(spec);
  const unit = `${md(spec.unit.name)} (\`${spec.unit.id}\`)`;
  // The bundle's folder: <family>-<role> under the unit's folder, and at the top of the unit's zip.
  const folder = spec.id.slice(spec.unit.id.length + 1);
  const lines = [
    `# attt-kit: ${spec.id}`,
    "",
    `- Đơn vị / Unit: ${unit}`,
    `- Vai trò / Role: \`${spec.role}\`; cấp độ / level ${spec.unit.level}`,
    `- Hệ điều hành / Operating system: ${osIdList(spec)}`,
    `- Gói / Bundle sha256: \`${ctx.bundleHash}\``,
    `- Tạo bởi / Generated by: ${md(ctx.generator)}, ${md(ctx.generatedAt)}`,
    "",
    "## Tiếng Việt",
    "",
    "### Gói này làm gì",
    "",
    `Gói áp dụng ${spec.controls.length} biện pháp bảo đảm an toàn cho ${ROLE_VI[spec.role] ?? spec.role} chạy ${osNames(spec, "vi")} của đơn vị, theo cấp độ ${spec.unit.level}. Mỗi biện pháp gắn với yêu cầu của kế hoạch (bảng cuối trang).`,
    "",
    "- `gpo/`: bản sao lưu GPO (registry.pol, GptTmpl.inf, audit.csv) để nhập vào Group Policy nếu đơn vị có miền Active Directory.",
    "- `Apply-Baseline.ps1`: áp dụng trên từng máy không có miền; sao lưu mọi giá trị trước khi đổi.",
    "- `Test-Baseline.ps1`: chỉ đọc; kiểm tra và ghi bằng chứng JSON gửi về Sở.",
    "- `Undo-Baseline.ps1`: trả máy về trạng thái trước khi áp dụng.",
    "- `attt.cmd`: cho người không dùng PowerShell: bấm đúp, chọn 1 (kiểm tra và gửi minh chứng), 2 (áp dụng, hỏi xác nhận vai trò), 3 (hoàn tác) hoặc 4 (một bước: áp dụng, kiểm tra, gửi minh chứng, in dòng tóm tắt của đơn vị như `38/40 máy đạt`, rồi hỏi khởi động lại; sau khi khởi động lại chọn 1 để gửi kết quả mới); tự xin quyền quản trị. Minh chứng được gửi khi tệp khóa `C:\\ProgramData\\attt\\upload.credential` có dòng địa chỉ `# attt-upload-url: https://...` (Sở tạo bằng `attt credential create --url`).",
    "",
    ...specifics(spec, "vi"),
    "",
    "### Áp dụng trên máy không có miền (phổ biến ở trường)",
    "",
    `1. Mở Windows PowerShell bằng **Run as administrator**, tạo thư mục và khóa nó để chỉ quản trị viên sửa được (ai sửa được script thì chạy được mã của mình với quyền quản trị; script từ chối chạy từ thư mục người dùng khác sửa được): \`New-Item -ItemType Directory C:\\attt\` rồi \`${LOCK_ATTT}\`. Sau đó chép **các tệp và thư mục bên trong** thư mục gói \`${folder}\` vào đó (không chép chính thư mục \`${folder}\`): phải có \`C:\\attt\\Apply-Baseline.ps1\` và \`C:\\attt\\gpo\\\`, không phải \`C:\\attt\\${folder}\\Apply-Baseline.ps1\`. Nếu tải về từ mạng: \`Get-ChildItem C:\\attt -Recurse | Unblock-File\`. Cuối cùng giao quyền sở hữu cho nhóm Administrators: \`${OWN_ATTT}\`.`,
    "2. Mở Windows PowerShell bằng **Run as administrator**.",
    `3. Lần đầu trên một máy, xác nhận vai trò: \`powershell.exe -ExecutionPolicy Bypass -File C:\\attt\\Apply-Baseline.ps1 -Role ${spec.role}\`. Script chỉ chạy trên máy trạm ${osNames(spec, "vi")}; các trường hợp bị từ chối ở mục dưới.`,
    "4. Script lưu giá trị cũ vào `%ProgramData%\\attt-kit\\backup\\` (chạy lại lần hai vẫn an toàn), áp dụng, in những gì đã đổi rồi kiểm tra lại. Mã thoát 0: đã áp dụng và mọi mục đạt; 1: có giá trị không đặt được hoặc có mục chưa đạt khi kiểm tra lại (ví dụ BitLocker phải bật bằng tay); 2: từ chối, không thay đổi gì.",
    "5. Khởi động lại máy.",
    "",
    "### Khi nào script từ chối chạy (mã thoát 2, không thay đổi gì)",
    "",
    ...refusals(spec, "vi"),
    "",
    "### Nhập GPO (đơn vị có miền)",
    "",
    `Trong GPMC: tạo GPO mới, chuột phải > **Import Settings...**, chọn thư mục \`gpo\` của gói, chọn bản sao lưu \`${gpoName}\`. Hoặc bằng PowerShell (gói chép vào \`C:\\attt\` như bước 1 ở trên):`,
    "",
    "```powershell",
    `Import-GPO -BackupId '${backupId}' -Path 'C:\\attt\\gpo' -TargetName '${gpoName}' -CreateIfNeeded`,
    "```",
    "",
    "Rồi liên kết GPO với OU chứa đúng loại máy của vai trò này.",
    ...outsideGpo(spec, "vi"),
    "",
    "### Kiểm tra và hoàn tác",
    "",
    "- Kiểm tra (không thay đổi gì): `powershell.exe -ExecutionPolicy Bypass -File C:\\attt\\Test-Baseline.ps1`. Bằng chứng ghi vào `C:\\attt\\evidence-<tên máy>.json` (tên DNS đầy đủ của máy, không bị cắt còn 15 ký tự như `%COMPUTERNAME%`), nên tệp của các máy không đè lên nhau: giữ nguyên tên tệp khi thu về và gửi về Sở. Nếu dùng `-OutFile`, đặt cho mỗi máy một tên riêng. Gửi thẳng về dịch vụ thu nhận minh chứng của tỉnh: thêm `-Upload https://<địa chỉ Sở cấp>`; khóa tải minh chứng của đơn vị nằm ở `C:\\ProgramData\\attt\\upload.credential` (Sở gửi riêng, không nằm trong gói) hoặc chỉ ra bằng `-Credential`; trước khi chép tệp khóa, khóa thư mục để chỉ SYSTEM và Administrators đọc được: `New-Item -ItemType Directory -Force C:\\ProgramData\\attt`, `" +
      LOCK_CREDENTIAL_FOLDER +
      "`, `" +
      OWN_CREDENTIAL_FOLDER +
      "` (script từ chối tệp khóa mà tệp hoặc thư mục của nó không do SYSTEM hay Administrators sở hữu, hoặc người khác sửa hay đọc được; attt.cmd khi đó chỉ cảnh báo, vẫn kiểm tra và ghi tệp minh chứng nhưng không gửi). Mã thoát 0: mọi mục đạt; 1: có mục không đạt hoặc lỗi; 2: từ chối vì không có quyền quản trị, thư mục script không an toàn, hoặc `-Upload` không phải https://, không đọc được tệp khóa hay tệp khóa không an toàn như trên; 3: không gửi được minh chứng (tệp vẫn còn, gửi lại sau). Trên máy được đánh dấu vai trò khác nó chỉ cảnh báo, và bằng chứng ghi phiên bản Windows của máy.",
    "- Hoàn tác: `powershell.exe -ExecutionPolicy Bypass -File C:\\attt\\Undo-Baseline.ps1`, rồi khởi động lại. Mã thoát 0: đã khôi phục; 1: không có bản sao lưu (máy chưa áp dụng gói này) hoặc có giá trị không khôi phục được (khi đó bản sao lưu được giữ nguyên: khắc phục lỗi rồi chạy lại Undo); 2: từ chối. Undo từ chối máy chạy phiên bản Windows khác " +
      `${osNames(spec, "vi")}; thêm \`-Force\` chỉ khi chắc chắn (ví dụ máy được nâng cấp Windows sau khi áp dụng): \`powershell.exe -ExecutionPolicy Bypass -File C:\\attt\\Undo-Baseline.ps1 -Force\`.`,
    "",
    "### Các biện pháp trong gói",
    "",
    ...controlTable(spec, "vi"),
    "",
    "## English",
    "",
    "### What this bundle does",
    "",
    `It applies ${spec.controls.length} controls to the unit's ${ROLE_EN[spec.role] ?? spec.role} running ${osNames(spec, "en")}, at security level ${spec.unit.level}. Each control serves plan requirements (table below).`,
    "",
    "- `gpo/`: a GPO backup (registry.pol, GptTmpl.inf, audit.csv) to import into Group Policy where the unit has Active Directory.",
    "- `Apply-Baseline.ps1`: applies on each machine without a domain; saves every value before changing it.",
    "- `Test-Baseline.ps1`: read-only; audits and writes JSON evidence for the Department.",
    "- `Undo-Baseline.ps1`: returns the machine to its state before Apply.",
    "- `attt.cmd`: for staff who do not use PowerShell: double-click, choose 1 (check and send the evidence), 2 (apply, asks to confirm the role), 3 (undo) or 4 (one step: apply, check, send, print the unit's line such as `38/40 máy đạt`, then offer a restart; after it choose 1 to send the new result); it asks for administrator rights itself. The evidence is sent when the credential file `C:\\ProgramData\\attt\\upload.credential` has the address line `# attt-upload-url: https://...` (made by `attt credential create --url`).",
    "",
    ...specifics(spec, "en"),
    "",
    "### Apply on a machine without a domain (most schools)",
    "",
    `1. In Windows PowerShell opened with **Run as administrator**, create the folder and lock it so that only administrators can change it (whoever can change a script runs their code as administrator; the scripts refuse to run from a folder other users can change): \`New-Item -ItemType Directory C:\\attt\` then \`${LOCK_ATTT}\`. Then copy **the files and folders inside** the bundle folder \`${folder}\` into it (not the \`${folder}\` folder itself): you must have \`C:\\attt\\Apply-Baseline.ps1\` and \`C:\\attt\\gpo\\\`, not \`C:\\attt\\${folder}\\Apply-Baseline.ps1\`. If downloaded: \`Get-ChildItem C:\\attt -Recurse | Unblock-File\`. Last, give ownership to the Administrators group: \`${OWN_ATTT}\`.`,
    "2. Open Windows PowerShell with **Run as administrator**.",
    `3. The first time on a machine, confirm its role: \`powershell.exe -ExecutionPolicy Bypass -File C:\\attt\\Apply-Baseline.ps1 -Role ${spec.role}\`. The script runs only on ${osNames(spec, "en")} workstations; when it refuses is listed below.`,
    "4. It saves the old values under `%ProgramData%\\attt-kit\\backup\\` (running it twice is safe), applies, prints what changed and checks again. Exit code 0: applied and every control passes; 1: some value could not be set or some control still fails the check (e.g. BitLocker, turned on by hand); 2: refused, nothing changed.",
    "5. Restart the machine.",
    "",
    "### When the scripts refuse to run (exit code 2, nothing changed)",
    "",
    ...refusals(spec, "en"),
    "",
    "### Import the GPO (units with a domain)",
    "",
    `In GPMC: create a GPO, right-click > **Import Settings...**, pick the bundle's \`gpo\` folder and the backup \`${gpoName}\`. Or with PowerShell (the bundle copied to \`C:\\attt\` as in step 1 above):`,
    "",
    "```powershell",
    `Import-GPO -BackupId '${backupId}' -Path 'C:\\attt\\gpo' -TargetName '${gpoName}' -CreateIfNeeded`,
    "```",
    "",
    "Then link the GPO to the OU that holds this role's machines.",
    ...outsideGpo(spec, "en"),
    "",
    "### Audit and undo",
    "",
    "- Audit (changes nothing): `powershell.exe -ExecutionPolicy Bypass -File C:\\attt\\Test-Baseline.ps1`. The evidence goes to `C:\\attt\\evidence-<computer name>.json` (the full DNS name, not `%COMPUTERNAME%` cut to 15 characters), so files from different machines do not overwrite each other: keep the file names when collecting them and sending them to the Department. With `-OutFile`, give each machine its own file name. To send it straight to the province's collection service, add `-Upload https://<address from the Department>`; the unit's upload credential is `C:\\ProgramData\\attt\\upload.credential` (sent separately by the Department, never inside the bundle) or the file `-Credential` names; before copying it, lock the folder so that only SYSTEM and Administrators can read it: `New-Item -ItemType Directory -Force C:\\ProgramData\\attt`, `" +
      LOCK_CREDENTIAL_FOLDER +
      "`, `" +
      OWN_CREDENTIAL_FOLDER +
      "` (the script refuses a credential whose file or folder is not owned by SYSTEM or Administrators, or that others can change or read; attt.cmd then only warns, still checks the machine and writes the evidence file, and sends nothing). Exit code 0: every control passes; 1: some fail or err; 2: refused for lack of administrator rights, for an unsafe scripts' folder, or `-Upload` is not https://, the credential cannot be read or is not safe as above; 3: the upload was not accepted (the file is kept; send it again later). On a machine marked with another role it only warns, and the evidence records the machine's Windows version.",
    "- Undo: `powershell.exe -ExecutionPolicy Bypass -File C:\\attt\\Undo-Baseline.ps1`, then restart. Exit code 0: restored; 1: no backup (this bundle was never applied here) or some value could not be restored (the backup is then kept: fix the errors and run Undo again); 2: refused. Undo refuses a machine running a Windows version other than " +
      `${osNames(spec, "en")}; add \`-Force\` only when sure (e.g. the machine's Windows was upgraded after Apply): \`powershell.exe -ExecutionPolicy Bypass -File C:\\attt\\Undo-Baseline.ps1 -Force\`.`,
    "",
    "### Controls in this bundle",
    "",
    ...controlTable(spec, "en"),
    "",
  ];
  return lines.join("\n");
}
