/** The bundle's README: Vietnamese first, then English. */
import type { BundleSpec } from "../../bundle-spec.js";
import type { Severity } from "../../control.js";
import type { EmitContext } from "../emitter.js";

/** Inventory text shown in Markdown: one line, control characters gone, Markdown syntax escaped. */
export function markdownText(value: string): string {
  return (
    value
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u001f\u007f]+/g, " ")
      .replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`)
      .trim()
  );
}

const ROLE_VI: Record<string, string> = {
  office: "máy văn phòng",
  teacher: "máy giáo viên",
  lab: "máy phòng thực hành",
  classified: "máy soạn thảo tài liệu mật (không kết nối mạng)",
  server: "máy chủ Docker tại trung tâm dữ liệu",
};

const SEVERITY_VI: Record<Severity, string> = {
  low: "thấp",
  medium: "trung bình",
  high: "cao",
  critical: "nghiêm trọng",
};

/** Whether this bundle's settings switch the SSH service off (no admin network, or a classified machine). */
const switchesSshOff = (spec: BundleSpec) =>
  spec.controls.some(({ settings }) =>
    settings.some((s) => s.kind === "systemd" && s.unit === "ssh.service" && s.state !== "enabled"),
  );

/** Whether the bundle ships a file at this path (its control applies to the role). */
const ships = (spec: BundleSpec, path: string) =>
  spec.controls.some(({ settings }) => settings.some((s) => s.kind === "file" && s.path === path));

export function readme(spec: BundleSpec, ctx: EmitContext): string {
  const unit = markdownText(spec.unit.name);
  const oses = [...new Set(spec.groups.map((g) => g.os))].sort().join(", ");
  const rows = spec.controls.map(
    ({ control }) =>
      `| \`${control.id}\` | ${control.title.vi} / ${control.title.en} | ${SEVERITY_VI[control.severity]} / ${control.severity} | ${control.requirements.join(", ")} |`,
  );
  const sshOff = switchesSshOff(spec);
  const sshVi = sshOff
    ? "**Gói này tắt dịch vụ SSH trên máy** (ssh.service). Vì vậy `apply.sh` từ chối chạy qua SSH: hãy chạy tại máy, hoặc thêm `--allow-ssh-session` nếu chấp nhận mất quyền vào bằng SSH."
    : "Gói này giữ SSH nhưng chỉ cho phép đăng nhập từ các địa chỉ trong `remoteAdminFrom` của kiểm kê: trước khi áp dụng qua SSH, kiểm tra địa chỉ của bạn nằm trong đó, nếu không phiên SSH mới sẽ bị chặn.";
  const sshEn = sshOff
    ? "**This bundle switches the SSH service off** (ssh.service). So `apply.sh` refuses to run over SSH: run it at the machine, or add `--allow-ssh-session` to accept losing SSH access."
    : "This bundle keeps SSH but allows logins only from the addresses in the inventory's `remoteAdminFrom`: before applying over SSH, make sure your address is in it, or new SSH sessions will be refused.";
  // Said before anything else: what makes apply.sh refuse, and what the bundle must not be unpacked in.
  const suRootOnly = ships(spec, "/etc/pam.d/su");
  const beforeVi = [
    "## Trước khi áp dụng",
    "",
    ...(suRootOnly
      ? [
          "- **Cần một tài khoản quản trị trong nhóm sudo.** Gói này chỉ cho root dùng `su`: máy chủ cài với mật khẩu root mà không có người dùng sudo (SSH đã cấm root và mật khẩu) sẽ chỉ vào được root tại bàn phím. Vì vậy `apply.sh` từ chối (mã thoát 2, chưa thay đổi gì) khi không tài khoản nào có shell đăng nhập thuộc nhóm sudo. Thêm trước: `usermod -aG sudo <tài khoản quản trị>`, rồi đăng nhập lại tài khoản đó.",
        ]
      : []),
    "- **Không giải nén gói trong /tmp**: /tmp được gắn noexec, và từ lần khởi động sau là một tmpfs mới, trống. Giải nén vào `/root` hoặc thư mục nhà.",
  ].join("\n");
  const beforeEn = [
    "## Before applying",
    "",
    ...(suRootOnly
      ? [
          "- **An administrator account must be in group sudo.** This bundle lets only root use `su`: a server installed with a root password and no sudo user (SSH already refuses root and passwords) would be reachable as root only at its console. So `apply.sh` refuses (exit code 2, nothing changed) while no account with a login shell is in group sudo. First: `usermod -aG sudo <admin account>`, then log that account in again.",
        ]
      : []),
    "- **Do not unpack the bundle in /tmp**: /tmp is mounted noexec, and from the next boot on it is a new, empty tmpfs. Unpack it in `/root` or a home directory.",
  ].join("\n");
  const table = [
    "| Mã / ID | Nội dung / Control | Mức / Severity | Yêu cầu / Requirements |",
    "|---|---|---|---|",
    ...rows,
  ].join("\n");
  return `# Bộ cấu hình an toàn Linux — ${spec.id}

Đơn vị: ${unit} (\`${spec.unit.id}\`, cấp độ ${spec.unit.level}). Vai trò: ${ROLE_VI[spec.role] ?? spec.role}. Hệ điều hành: ${oses}.
Sinh bởi ${ctx.generator}, ngày ${ctx.generatedAt}. Mã băm bộ cấu hình (sha256): \`${ctx.bundleHash}\`.

${beforeVi}

## Cách dùng (với quyền root)

Chạy các lệnh dưới đây trong thư mục của gói này (thư mục chứa \`apply.sh\`). Luôn gọi qua \`bash\`: tệp giải nén từ zip có thể mất quyền thực thi. Thông báo hiện bằng tiếng Việt, tiếng Anh ở dòng dưới; audit.sh hiện từng thiết lập chưa đạt (cần gì, thấy gì). \`bash apply.sh --help\` in hướng dẫn các tuỳ chọn.

**Một bước:** \`sudo bash attt.sh\` — áp dụng (\`apply.sh\`), kiểm tra (\`audit.sh\`), gửi minh chứng về Sở khi tệp khóa \`/etc/attt/upload.credential\` có dòng địa chỉ \`# attt-upload-url: https://...\` (Sở tạo bằng \`attt credential create --url\`), in dòng tóm tắt của đơn vị (ví dụ \`38/40 máy đạt\`), rồi hỏi có khởi động lại máy không. Tệp khóa và thư mục của nó phải do root sở hữu, chỉ root sửa được, tệp chỉ root đọc được (\`chmod 700 /etc/attt; chmod 600 /etc/attt/upload.credential\`); nếu không, attt.sh cảnh báo, vẫn kiểm tra và ghi tệp nhưng không gửi. Không có khóa: minh chứng được ghi vào \`/var/lib/attt/\` để gửi qua trang tải lên của Sở (\`https://<địa chỉ Sở cấp>/tai-len\`). Từng bước riêng:

1. \`sudo bash apply.sh\` — áp dụng cấu hình. Mỗi tệp bị thay đổi được sao lưu trước vào \`/var/backups/attt-kit\` (bản sao đầu tiên không bao giờ bị ghi đè); chạy lại nhiều lần không thay đổi thêm gì. Kịch bản từ chối chạy trên hệ điều hành hoặc vai trò không đúng.
2. \`sudo bash audit.sh --out "evidence-$(uname -n).json"\` — kiểm tra (chỉ đọc) và ghi minh chứng JSON (schema \`attt.evidence/2\`) để nộp về Sở, vào tệp mang tên máy (\`uname -n\`) nên tệp của các máy không đè lên nhau: giữ nguyên tên tệp khi thu về. Không có \`--out\`, minh chứng in ra màn hình (stdout). Mã thoát 0 khi mọi yêu cầu đạt, 1 khi có yêu cầu chưa đạt, 2 khi từ chối chạy (sai hệ điều hành hoặc sai tham số; không ghi minh chứng). Gửi thẳng về dịch vụ thu nhận minh chứng của tỉnh: thêm \`--upload https://<địa chỉ Sở cấp>\` (cần curl); khóa tải minh chứng của đơn vị nằm ở \`/etc/attt/upload.credential\` (Sở gửi riêng, không nằm trong gói; chỉ root đọc được) hoặc chỉ ra bằng \`--credential FILE\`; mã thoát 3 khi không gửi được.
3. \`sudo bash undo.sh\` — khôi phục nguyên trạng từng tệp đã thay đổi và trạng thái các dịch vụ. Các gói phần mềm đã cài thêm được giữ lại.

Tuỳ chọn \`--root THƯ_MỤC\` (hoặc biến \`ATTT_ROOT\`) áp dụng cho một hệ thống gắn tại thư mục đó (ảnh đĩa, chroot); khi đó chỉ tạo lại cấu hình PAM, không động đến dịch vụ và nhân hệ điều hành. Tuỳ chọn \`--role VAI_TRÒ\` để kịch bản kiểm tra vai trò của máy.
${sshVi}
Phòng chống mã độc được đo thật: dịch vụ đang chạy, có lịch quét hằng ngày, mẫu nhận diện không quá 7 ngày (máy mật: 14 ngày, chép từ phương tiện ngoại tuyến). Với \`--root\`, các phép đo dịch vụ đang chạy báo "not measurable" (không đạt): hãy kiểm tra lại trên máy đang chạy.
Chỉ đo, không tự sửa: tài khoản (UID 0 thứ hai, mật khẩu rỗng, UID/GID trùng), thư mục nhà và tệp ẩn của người dùng; audit.sh nêu tên từng tài khoản, từng tệp để người quản trị xử lý. Quyền của tệp hệ thống (/etc/shadow, /etc/crontab, ...) thì apply.sh thu hẹp lại, không đổi nội dung. Chỉ root được dùng crontab và at (\`/etc/cron.allow\`, \`/etc/at.allow\`). AIDE kiểm tra tệp hằng ngày; cơ sở dữ liệu của AIDE phải tạo một lần sau khi cài đặt xong: \`sudo aideinit -y -f\` (vài phút); đến khi có, audit.sh báo mục AIDE không đạt và in lệnh này. Chỉ root được dùng su (quản trị dùng sudo). apply.sh gắn lại /dev/shm với nodev, nosuid, noexec ngay, còn /tmp (tmpfs nodev, nosuid, noexec) chỉ từ lần khởi động sau, để không che các socket của tmux, ssh-agent đang mở trong /tmp: **khởi động lại máy sau khi áp dụng**; đến lúc đó audit.sh báo mục /tmp "có hiệu lực sau khi khởi động lại" (chưa đạt). Máy đã có phân vùng /tmp riêng trong /etc/fstab thì giữ phân vùng đó: apply.sh chỉ thêm ba tùy chọn vào dòng của nó và gắn lại ngay; undo.sh trả /etc/fstab về như cũ. Quyền các tệp nhật ký trong /var/log được thu hẹp còn 0640 (trừ wtmp, btmp, lastlog). audit.sh cũng rà một lượt mọi tệp: tệp ai cũng ghi được, tệp không có chủ.

**/tmp noexec và cài phần mềm.** Chương trình chạy từ /tmp bị từ chối ("Permission denied"). apt giải nén kịch bản cấu hình của gói vào /tmp rồi chạy chúng ("Can't exec /tmp/xxx.config"): gói này cài \`/etc/apt/apt.conf.d/60attt-apt-tempdir\` để apt dùng \`/var/lib/attt/apt-tmp\` (chỉ root, tạo lại mỗi lần apt chạy). Trình cài đặt khác vẫn dùng /tmp: chạy với \`TMPDIR=$HOME/tmp\` (tạo thư mục đó trước), hoặc cho một lần cài: \`sudo mount -o remount,exec /tmp\`, cài, rồi \`sudo mount -o remount,noexec /tmp\` (khởi động lại máy cũng trả lại noexec).

Các tệp gói này cài đặt nằm trong thư mục \`files/\`, cùng đường dẫn như trên máy.

## Danh sách kiểm soát / Controls

${table}

---

# Linux hardening bundle — ${spec.id}

Unit: ${unit} (\`${spec.unit.id}\`, security level ${spec.unit.level}). Role: ${spec.role}. Operating systems: ${oses}.
Generated by ${ctx.generator} on ${ctx.generatedAt}. Bundle hash (sha256): \`${ctx.bundleHash}\`.

${beforeEn}

## Use (as root)

Run the commands below from this bundle's folder (the one holding \`apply.sh\`). Always through \`bash\`: files unpacked from a zip may have lost their execute bits. Messages are in Vietnamese with English on the line below; audit.sh shows every failing setting (expected, observed).

**In one step:** \`sudo bash attt.sh\` applies (\`apply.sh\`), audits (\`audit.sh\`), uploads the record when the credential file \`/etc/attt/upload.credential\` has the address line \`# attt-upload-url: https://...\` (made by \`attt credential create --url\`), prints the unit's line (e.g. \`38/40 máy đạt\`: machines passing of those expected), then asks whether to reboot. The credential file and its directory must be owned by root, writable by root only, and the file readable by root only (\`chmod 700 /etc/attt; chmod 600 /etc/attt/upload.credential\`); otherwise attt.sh warns, still audits and writes the record, and sends nothing. Without a credential the record is written under \`/var/lib/attt/\`, to send through the Department's upload page (\`https://<address>/tai-len\`). Step by step:

1. \`sudo bash apply.sh\` applies the baseline. Every file it changes is first saved under \`/var/backups/attt-kit\` (the first copy is never overwritten); running it again changes nothing. It refuses the wrong OS or role.
2. \`sudo bash audit.sh --out "evidence-$(uname -n).json"\` checks, read-only, and writes the evidence record (schema \`attt.evidence/2\`) to a file named after the machine (\`uname -n\`), so files from different machines do not overwrite each other: keep the names when collecting them. Without \`--out\` the evidence goes to standard output. Exit code 0 when every control passes, 1 when some fail, 2 when it refuses to run (wrong OS or bad arguments; no evidence is written). To send the record straight to the province's collection service add \`--upload https://<address from the Department>\` (needs curl); the unit's upload credential is \`/etc/attt/upload.credential\` (sent separately by the Department, never inside the bundle; readable by root only) or the file \`--credential FILE\` names; exit code 3 when the upload is not accepted.
3. \`sudo bash undo.sh\` restores every changed file byte for byte and the earlier state of each service. Packages apply.sh installed are kept.

\`--root DIR\` (or \`ATTT_ROOT=DIR\`) works on a system mounted at DIR (an image, a chroot); only the PAM stack is regenerated there, services and the kernel are left alone. \`--role ROLE\` makes the script check the machine's role.
${sshEn}
Anti-malware is measured: its services running, a daily scan scheduled, signatures at most 7 days old (classified: 14, from offline media). With \`--root\` the running-service checks report "not measurable" (fail): check again on the running machine.
Measured, never changed: accounts (a second UID 0, empty passwords, shared UIDs or GIDs), users' home directories and dot files; audit.sh names each account and file for an administrator to deal with. The modes of system files (/etc/shadow, /etc/crontab, ...) apply.sh narrows, keeping their content. Only root may use crontab and at (\`/etc/cron.allow\`, \`/etc/at.allow\`). AIDE checks files daily; its database is built once after installation: \`sudo aideinit -y -f\` (minutes); until then audit.sh fails the AIDE control and prints that command. Only root may use su (administrators use sudo). apply.sh remounts /dev/shm nodev, nosuid, noexec at once, and /tmp (a tmpfs, nodev, nosuid, noexec) only from the next boot, so as not to hide the tmux and ssh-agent sockets open in /tmp: **restart the machine after applying**; until then audit.sh reports the /tmp item as "takes effect after restart" (not passing). A machine whose /etc/fstab already mounts a /tmp partition keeps it: apply.sh only adds the three options to its line and remounts it at once; undo.sh puts /etc/fstab back. The log files in /var/log are narrowed to mode 0640 (but wtmp, btmp and lastlog). audit.sh also walks every file once: world-writable files, files without an owner.
**noexec /tmp and installing software.** Programs run from /tmp are refused ("Permission denied"). apt unpacks packages' configuration scripts into /tmp and runs them ("Can't exec /tmp/xxx.config"): this bundle installs \`/etc/apt/apt.conf.d/60attt-apt-tempdir\` so apt uses \`/var/lib/attt/apt-tmp\` (root only, made again at every apt run). Other installers still use /tmp: run them with \`TMPDIR=$HOME/tmp\` (make that folder first), or for a one-off install: \`sudo mount -o remount,exec /tmp\`, install, then \`sudo mount -o remount,noexec /tmp\` (a restart also brings noexec back).

The files this bundle installs are under \`files/\`, at the same paths as on the machine.
`;
}
