/**
 * README.md of a Windows bundle: Vietnamese first, then English. Every value from the
 * inventory goes through markdownText; everything else is fixed text or IDs.
 */
import { markdownText } from "../../../templates/escape/markdown.js";
import type { BundleSpec } from "../../bundle-spec.js";
import { renamedAdministrator } from "../../controls/win/admin-renamed.js";
import { approvedUsbIds } from "../../controls/win/classified-removable-storage.js";
import type { EmitContext } from "../emitter.js";
import { gpoBackupIds, gpoDisplayName } from "./gpo.js";

/**
 * Inventory text for the README: characters that are invisible or reorder what a
 * reader sees (bidi overrides, zero-width and format characters, separators,
 * private-use) become U+FFFD first, then the shared Markdown escaping applies.
 */
function md(value: string): string {
  return markdownText(value.replace(/[\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}]/gu, "\uFFFD"));
}

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
    const usb = approvedUsbIds(spec.groups.flatMap((g) => g.hosts));
    out.push(
      vi
        ? "- Máy này bị chặn mọi kết nối mạng, Wi-Fi, Bluetooth và thiết bị lưu trữ di động. Sau khi áp dụng, gỡ các USB đã từng cắm trong Device Manager (View > Show hidden devices > Disk drives > Uninstall device)."
        : "- This machine loses every network, Wi-Fi, Bluetooth and removable storage. After applying, uninstall USB drives used before in Device Manager (View > Show hidden devices > Disk drives > Uninstall device).",
      vi
        ? "- BitLocker phải bật bằng tay: `manage-bde -on C: -RecoveryPassword`, in khóa khôi phục và cất theo quy chế bảo vệ bí mật nhà nước; không lưu khóa lên mạng."
        : "- Turn BitLocker on by hand: `manage-bde -on C: -RecoveryPassword`, print the recovery key and keep it per the state-secret rules; never store it on a network.",
    );
    out.push(
      vi ? `- USB đã đăng ký được phép (${usb.length}):` : `- Registered USB drives allowed (${usb.length}):`,
    );
    for (const id of usb) out.push(`  - ${md(id)}`);
  }
  return out;
}

export function bundleReadme(spec: BundleSpec, ctx: EmitContext): string {
  const { backupId } = gpoBackupIds(gpoDisplayName(spec));
  const gpoName = gpoDisplayName(spec);
  const unit = `${md(spec.unit.name)} (\`${spec.unit.id}\`)`;
  const lines = [
    `# attt-kit: ${spec.id}`,
    "",
    `- Đơn vị / Unit: ${unit}`,
    `- Vai trò / Role: \`${spec.role}\`; cấp độ / level ${spec.unit.level}`,
    `- Gói / Bundle sha256: \`${ctx.bundleHash}\``,
    `- Tạo bởi / Generated by: ${md(ctx.generator)}, ${md(ctx.generatedAt)}`,
    "",
    "## Tiếng Việt",
    "",
    "### Gói này làm gì",
    "",
    `Gói áp dụng ${spec.controls.length} biện pháp bảo đảm an toàn cho ${ROLE_VI[spec.role] ?? spec.role} chạy Windows 10/11 của đơn vị, theo cấp độ ${spec.unit.level}. Mỗi biện pháp gắn với yêu cầu của kế hoạch (bảng cuối trang).`,
    "",
    "- `gpo/`: bản sao lưu GPO (registry.pol, GptTmpl.inf, audit.csv) để nhập vào Group Policy nếu đơn vị có miền Active Directory.",
    "- `Apply-Baseline.ps1`: áp dụng trên từng máy không có miền; sao lưu mọi giá trị trước khi đổi.",
    "- `Test-Baseline.ps1`: chỉ đọc; kiểm tra và ghi bằng chứng JSON gửi về Sở.",
    "- `Undo-Baseline.ps1`: trả máy về trạng thái trước khi áp dụng.",
    "",
    ...specifics(spec, "vi"),
    "",
    "### Áp dụng trên máy không có miền (phổ biến ở trường)",
    "",
    "1. Chép cả thư mục gói vào máy (ví dụ `C:\\attt`). Nếu tải về từ mạng: `Get-ChildItem C:\\attt -Recurse | Unblock-File`.",
    "2. Mở Windows PowerShell bằng **Run as administrator**.",
    `3. Lần đầu trên một máy, xác nhận vai trò: \`powershell.exe -ExecutionPolicy Bypass -File C:\\attt\\Apply-Baseline.ps1 -Role ${spec.role}\`. Script từ chối nếu máy đã được đánh dấu vai trò khác, hoặc không phải Windows 10/11 máy trạm (thêm \`-Force\` chỉ khi chắc chắn).`,
    "4. Script lưu giá trị cũ vào `%ProgramData%\\attt-kit\\backup\\` (chạy lại lần hai vẫn an toàn), áp dụng, in những gì đã đổi rồi kiểm tra lại.",
    "5. Khởi động lại máy.",
    "",
    "### Nhập GPO (đơn vị có miền)",
    "",
    `Trong GPMC: tạo GPO mới, chuột phải > **Import Settings...**, chọn thư mục \`gpo\` của gói, chọn bản sao lưu \`${gpoName}\`. Hoặc bằng PowerShell:`,
    "",
    "```powershell",
    `Import-GPO -BackupId '${backupId}' -Path 'C:\\attt\\gpo' -TargetName '${gpoName}' -CreateIfNeeded`,
    "```",
    "",
    "Rồi liên kết GPO với OU chứa đúng loại máy của vai trò này.",
    "",
    "### Kiểm tra và hoàn tác",
    "",
    "- Kiểm tra (không thay đổi gì): `powershell.exe -ExecutionPolicy Bypass -File C:\\attt\\Test-Baseline.ps1 -OutFile C:\\attt\\evidence.json`. Mã thoát 0: mọi mục đạt; 1: có mục không đạt. Gửi tệp JSON về Sở để tổng hợp.",
    "- Hoàn tác: `powershell.exe -ExecutionPolicy Bypass -File C:\\attt\\Undo-Baseline.ps1`, rồi khởi động lại.",
    "",
    "### Các biện pháp trong gói",
    "",
    ...controlTable(spec, "vi"),
    "",
    "## English",
    "",
    "### What this bundle does",
    "",
    `It applies ${spec.controls.length} controls to the unit's ${ROLE_EN[spec.role] ?? spec.role} running Windows 10/11, at security level ${spec.unit.level}. Each control serves plan requirements (table below).`,
    "",
    "- `gpo/`: a GPO backup (registry.pol, GptTmpl.inf, audit.csv) to import into Group Policy where the unit has Active Directory.",
    "- `Apply-Baseline.ps1`: applies on each machine without a domain; saves every value before changing it.",
    "- `Test-Baseline.ps1`: read-only; audits and writes JSON evidence for the Department.",
    "- `Undo-Baseline.ps1`: returns the machine to its state before Apply.",
    "",
    ...specifics(spec, "en"),
    "",
    "### Apply on a machine without a domain (most schools)",
    "",
    "1. Copy the whole bundle folder to the machine (e.g. `C:\\attt`). If downloaded: `Get-ChildItem C:\\attt -Recurse | Unblock-File`.",
    "2. Open Windows PowerShell with **Run as administrator**.",
    `3. The first time on a machine, confirm its role: \`powershell.exe -ExecutionPolicy Bypass -File C:\\attt\\Apply-Baseline.ps1 -Role ${spec.role}\`. The script refuses a machine marked with another role, or one that is not a Windows 10/11 workstation (add \`-Force\` only when sure).`,
    "4. It saves the old values under `%ProgramData%\\attt-kit\\backup\\` (running it twice is safe), applies, prints what changed and checks again.",
    "5. Restart the machine.",
    "",
    "### Import the GPO (units with a domain)",
    "",
    `In GPMC: create a GPO, right-click > **Import Settings...**, pick the bundle's \`gpo\` folder and the backup \`${gpoName}\`. Or with PowerShell:`,
    "",
    "```powershell",
    `Import-GPO -BackupId '${backupId}' -Path 'C:\\attt\\gpo' -TargetName '${gpoName}' -CreateIfNeeded`,
    "```",
    "",
    "Then link the GPO to the OU that holds this role's machines.",
    "",
    "### Audit and undo",
    "",
    "- Audit (changes nothing): `powershell.exe -ExecutionPolicy Bypass -File C:\\attt\\Test-Baseline.ps1 -OutFile C:\\attt\\evidence.json`. Exit code 0: every control passes; 1: some fail. Send the JSON file to the Department.",
    "- Undo: `powershell.exe -ExecutionPolicy Bypass -File C:\\attt\\Undo-Baseline.ps1`, then restart.",
    "",
    "### Controls in this bundle",
    "",
    ...controlTable(spec, "en"),
    "",
  ];
  return lines.join("\n");
}
