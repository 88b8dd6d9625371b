/**
 * The README.md at the top of a unit's zip (and of `_leavers/<unit>/` in the generated
 * tree): what the zip holds, what the leavers' scripts do and how to try them first,
 * and how to check the zip before running anything from it as administrator.
 * Vietnamese first, then English. Inventory text (the unit's name) goes through the
 * bundle READMEs' Markdown escaping; everything else is fixed text, IDs and file names
 * the toolkit chose. No dates: the text is a pure function of its inputs.
 */

import { MANIFEST, SIGNATURE } from "../bundle/manifest.js";
import type { BundleSpec } from "../bundle-spec.js";
import { LINUX_LEAVER_SCRIPT } from "./linux/leavers.js";
import { LEAVER_SCRIPT } from "./windows/leavers.js";
import { md } from "./windows/readme.js";

export const UNIT_README = "README.md";

type Lang = "vi" | "en";

/** The top-level entries of a file tree: folders as `name/`, files as `name`, sorted. */
export function topLevelEntries(paths: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    const slash = p.indexOf("/");
    out.add(slash < 0 ? p : p.slice(0, slash + 1));
  }
  return [...out].sort();
}

/**
 * What a leavers' script does and how to run it. Local accounts are closed only on a
 * machine of the unit (`unitId`): a local account name is unique on one machine only.
 */
function leaverItem(file: string, lang: Lang, unitId: string): string[] {
  const vi = lang === "vi";
  if (file === LEAVER_SCRIPT) {
    return vi
      ? [
          `- \`${LEAVER_SCRIPT}\`: trên máy Windows, khóa (disable) tài khoản Windows cục bộ (\`windows-local\`) và tài khoản miền (\`domain\`, cần mô-đun ActiveDirectory của RSAT; không có thì bỏ qua và báo lại) của những người trong kiểm kê đã nghỉ hưu, nghỉ việc hoặc chuyển công tác. Tài khoản ở hệ thống khác được liệt kê để khóa bằng tay. Không xóa tài khoản nào; tài khoản đã khóa được giữ nguyên. Ghi nhật ký JSON và CSV cạnh script (tên có tên máy và thời điểm chạy).`,
          `  Tài khoản cục bộ chỉ bị khóa trên máy của đơn vị này (\`${unitId}\`): tên tài khoản cục bộ chỉ duy nhất trên một máy, người trùng tên ở trường khác không bị ảnh hưởng. Script đọc đơn vị mà \`Apply-Baseline.ps1\` đã ghi trên máy (\`HKLM\\SOFTWARE\\attt-kit\`). Máy ghi đơn vị khác: tài khoản cục bộ được bỏ qua và báo lại. Máy chưa áp dụng gói cấu hình: script báo chưa rõ đơn vị và không khóa tài khoản cục bộ nào; thêm \`-Unit ${unitId}\` để xác nhận máy thuộc đơn vị này.`,
          `  Mở Windows PowerShell bằng **Run as administrator**, \`cd\` vào thư mục chứa script, chạy thử trước (không thay đổi gì): \`powershell.exe -ExecutionPolicy Bypass -File .\\${LEAVER_SCRIPT} -WhatIf\`, đọc kết quả, rồi chạy lại không có \`-WhatIf\`.`,
        ]
      : [
          `- \`${LEAVER_SCRIPT}\`: on a Windows machine, disables the local Windows accounts (\`windows-local\`) and domain accounts (\`domain\`, which needs RSAT's ActiveDirectory module; without it they are skipped with a message) of the people the roster lists as retired, resigned or transferred. Accounts in other systems are listed for manual action. No account is deleted; an account already disabled is left as it is. Writes a JSON and a CSV log next to the script (named with the computer name and the time of the run).`,
          `  Local accounts are disabled only on a machine of this unit (\`${unitId}\`): a local account name is unique on one machine only, and a person of the same name at another school is not affected. The script reads the unit \`Apply-Baseline.ps1\` recorded on the machine (\`HKLM\\SOFTWARE\\attt-kit\`). On a machine recorded as another unit, local accounts are skipped with a message. On a machine where the baseline was never applied, the script says the unit is unknown and disables no local account; add \`-Unit ${unitId}\` to confirm that the machine belongs to this unit.`,
          `  Open Windows PowerShell with **Run as administrator**, \`cd\` to the script's folder and do a dry run first (changes nothing): \`powershell.exe -ExecutionPolicy Bypass -File .\\${LEAVER_SCRIPT} -WhatIf\`, read the result, then run it again without \`-WhatIf\`.`,
        ];
  }
  if (file === LINUX_LEAVER_SCRIPT) {
    return vi
      ? [
          `- \`${LINUX_LEAVER_SCRIPT}\`: trên máy Linux, với tài khoản \`linux-local\` của những người đó: khóa mật khẩu, cho tài khoản hết hạn và đặt shell \`/usr/sbin/nologin\`. Tài khoản ở hệ thống khác được liệt kê để khóa bằng tay. Không xóa tài khoản, thư mục hay tệp nào; chạy lại không thay đổi thêm gì. Ghi nhật ký JSON cạnh script (hoặc vào \`--log TỆP\`).`,
          `  Cũng chỉ trên máy của đơn vị này (\`${unitId}\`): script đọc đơn vị mà \`apply.sh\` đã ghi trong \`/etc/attt-kit/bundle\`. Máy ghi đơn vị khác: tài khoản được bỏ qua và báo lại. Máy chưa áp dụng gói cấu hình: script báo chưa rõ đơn vị và không khóa tài khoản nào; thêm \`--unit ${unitId}\` để xác nhận máy thuộc đơn vị này.`,
          `  Cần quyền root, kể cả khi chạy thử (script đọc \`/etc/shadow\`). Trong thư mục chứa script (\`cd\`), chạy thử trước (không thay đổi gì): \`sudo bash ${LINUX_LEAVER_SCRIPT} --dry-run\`, rồi \`sudo bash ${LINUX_LEAVER_SCRIPT}\`.`,
        ]
      : [
          `- \`${LINUX_LEAVER_SCRIPT}\`: on a Linux machine, for those people's \`linux-local\` accounts: locks the password, expires the account and sets the shell to \`/usr/sbin/nologin\`. Accounts in other systems are listed for manual action. No account, directory or file is deleted; running it again changes nothing more. Writes a JSON log next to the script (or to \`--log FILE\`).`,
          `  Again only on a machine of this unit (\`${unitId}\`): the script reads the unit \`apply.sh\` recorded in \`/etc/attt-kit/bundle\`. On a machine recorded as another unit, the accounts are skipped with a message. On a machine where the baseline was never applied, the script says the unit is unknown and disables no account; add \`--unit ${unitId}\` to confirm that the machine belongs to this unit.`,
          `  It needs root, for a dry run too (it reads \`/etc/shadow\`). From the script's folder (\`cd\`), do a dry run first (changes nothing): \`sudo bash ${LINUX_LEAVER_SCRIPT} --dry-run\`, then \`sudo bash ${LINUX_LEAVER_SCRIPT}\`.`,
        ];
  }
  return [`- \`${file}\``];
}

function bundleItem(folder: string, spec: BundleSpec | undefined, lang: Lang): string {
  const vi = lang === "vi";
  if (!spec) return `- \`${folder}\``;
  const oses = [...new Set(spec.groups.map((g) => g.os))]
    .sort()
    .map((o) => `\`${o}\``)
    .join(", ");
  return vi
    ? `- \`${folder}\`: gói cấu hình an toàn cho các máy vai trò \`${spec.role}\` (${oses}). Đọc \`${folder}${UNIT_README}\` trước khi dùng.`
    : `- \`${folder}\`: the hardening bundle for the \`${spec.role}\` machines (${oses}). Read \`${folder}${UNIT_README}\` before using it.`;
}

function verifySection(unitId: string, lang: Lang): string[] {
  const zip = `${unitId}.zip`;
  return lang === "vi"
    ? [
        "### Kiểm tra gói trước khi chạy",
        "",
        "Trước khi chạy bất cứ script nào của gói bằng quyền quản trị (Administrator hoặc root), kiểm tra tệp zip đúng là gói Sở phát hành và không bị sửa. Làm việc này trước cả khi tin vào tệp README này: gói bị sửa thì README cũng có thể bị sửa.",
        "",
        `- Bằng attt-kit (tại Sở, hoặc máy có cài attt-kit): \`attt verify ${zip} --key attt-signing.pub\`. Lệnh kiểm tra chữ ký của Sở trên \`${MANIFEST}\` và từng tệp trong zip so với \`${MANIFEST}\` (kích thước, SHA-256; không thiếu, không thừa). In \`OK\` (mã thoát 0) khi hợp lệ; in \`REJECTED\` (mã thoát 1) khi chữ ký sai hoặc có tệp thiếu, thừa, bị sửa: khi đó không chạy gì trong gói. Gói chưa ký (không có \`${SIGNATURE}\`) cũng bị từ chối. Chỉ dùng khóa công khai \`attt-signing.pub\` nhận trực tiếp từ Sở, không lấy từ cùng nơi tải gói.`,
        `- Không có attt-kit: tính SHA-256 của tệp zip (\`Get-FileHash ${zip} -Algorithm SHA256\` trên Windows, \`sha256sum ${zip}\` trên Linux) và so với mã SHA-256 Sở công bố cho tệp zip này qua một kênh khác với kênh tải gói. Khác nhau dù một ký tự: không chạy gì, báo Sở.`,
      ]
    : [
        "### Check the zip before running anything",
        "",
        "Before running any script of this zip with administrator rights (Administrator or root), check that the zip is the one the Department issued, unaltered. Do it before trusting this README: an altered zip can carry an altered README.",
        "",
        `- With attt-kit (at the Department, or on a machine where attt-kit is installed): \`attt verify ${zip} --key attt-signing.pub\`. It checks the Department's signature over \`${MANIFEST}\`, and every file of the zip against \`${MANIFEST}\` (size, SHA-256; none missing, none extra). It prints \`OK\` (exit code 0) when valid and \`REJECTED\` (exit code 1) when the signature is wrong or a file is missing, extra or altered: then run nothing from the zip. An unsigned zip (no \`${SIGNATURE}\`) is rejected too. Use only the public key \`attt-signing.pub\` obtained directly from the Department, never from where the zip was downloaded.`,
        `- Without attt-kit: compute the zip's SHA-256 (\`Get-FileHash ${zip} -Algorithm SHA256\` on Windows, \`sha256sum ${zip}\` on Linux) and compare it with the SHA-256 the Department publishes for this zip, through another channel than the one the zip came by. If they differ in any character: run nothing, tell the Department.`,
      ];
}

/**
 * README.md at the top of a unit's zip. `paths` are the zip's files besides the README
 * and the manifest (role bundles under their folders, the leavers' scripts at the top);
 * `specs` the unit's role bundles.
 */
export function unitZipReadme(args: {
  unitId: string;
  unitName: string;
  specs: BundleSpec[];
  paths: Iterable<string>;
}): string {
  const { unitId } = args;
  const entries = topLevelEntries(args.paths).filter(
    (e) => e !== UNIT_README && e !== MANIFEST && e !== SIGNATURE,
  );
  const folders = entries.filter((e) => e.endsWith("/"));
  const files = entries.filter((e) => !e.endsWith("/"));
  const specOf = (folder: string) => args.specs.find((s) => s.id === `${unitId}/${folder.slice(0, -1)}`);
  const leavers = files.some((f) => f === LEAVER_SCRIPT || f === LINUX_LEAVER_SCRIPT);
  const section = (lang: Lang): string[] => {
    const vi = lang === "vi";
    return [
      ...verifySection(unitId, lang),
      "",
      vi ? "### Trong gói có gì" : "### What the zip holds",
      "",
      ...(folders.length === 0
        ? [
            vi
              ? "Gói không có gói cấu hình nào cho đơn vị này."
              : "The zip holds no hardening bundle for this unit.",
          ]
        : []),
      ...folders.map((f) => bundleItem(f, specOf(f), lang)),
      ...files.flatMap((f) => leaverItem(f, lang, unitId)),
      vi ? `- \`${UNIT_README}\`: tệp này.` : `- \`${UNIT_README}\`: this file.`,
      vi
        ? `- \`${MANIFEST}\`: danh sách mọi tệp trong gói với kích thước và mã SHA-256; chữ ký Ed25519 của Sở trên nó nằm trong \`${SIGNATURE}\` (chỉ có khi gói đã được ký).`
        : `- \`${MANIFEST}\`: every file of the zip with its size and SHA-256; the Department's Ed25519 signature over it is \`${SIGNATURE}\` (present only once the zip is signed).`,
      ...(leavers
        ? []
        : [
            "",
            vi
              ? "Kiểm kê không có người nghỉ việc của đơn vị: gói không kèm script khóa tài khoản."
              : "The roster lists no leavers for this unit: the zip carries no account-disabling scripts.",
          ]),
    ];
  };
  return bilingual(`# attt-kit: ${unitId}`, unitId, args.unitName, section);
}

/**
 * README.md of `_leavers/<unit>/` in the generated tree, beside the unit's leavers'
 * scripts (`paths`: the folder's files).
 */
export function leaversFolderReadme(args: {
  unitId: string;
  unitName: string;
  paths: Iterable<string>;
}): string {
  const files = topLevelEntries(args.paths).filter((e) => e !== UNIT_README);
  const zip = `${args.unitId}.zip`;
  const section = (lang: Lang): string[] => {
    const vi = lang === "vi";
    return [
      vi ? "### Trong thư mục có gì" : "### What the folder holds",
      "",
      ...files.flatMap((f) => leaverItem(f, lang, args.unitId)),
      vi ? `- \`${UNIT_README}\`: tệp này.` : `- \`${UNIT_README}\`: this file.`,
      "",
      vi
        ? `Gói zip của đơn vị (\`${zip}\`, lệnh \`attt baseline package\`) mang cùng các script này ở gốc gói, cùng với manifest (và chữ ký, khi Sở đã ký) để trường kiểm tra trước khi chạy (xem README.md trong gói): hãy phát cho trường gói zip đó.`
        : `The unit's zip (\`${zip}\`, from \`attt baseline package\`) carries the same scripts at its top level, with the manifest (and, once the Department signs it, the signature) that schools check before running anything (see the README.md in the zip): give schools that zip.`,
    ];
  };
  return bilingual(
    `# attt-kit: ${args.unitId}: tài khoản người nghỉ việc / leavers' accounts`,
    args.unitId,
    args.unitName,
    section,
  );
}

/** A README with its title, the unit, then the Vietnamese section and the English one. */
function bilingual(
  title: string,
  unitId: string,
  unitName: string,
  section: (lang: Lang) => string[],
): string {
  return [
    title,
    "",
    `- Đơn vị / Unit: ${md(unitName)} (\`${unitId}\`)`,
    "",
    "## Tiếng Việt",
    "",
    ...section("vi"),
    "",
    "## English",
    "",
    ...section("en"),
    "",
  ].join("\n");
}
