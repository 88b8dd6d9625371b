/**
 * The README.md at the top of a unit's zip (and of `_leavers/<unit>/` in the generated
 * tree): what the zip holds, what the leavers' scripts do and how to try them first,
 * and how to check the zip before running anything from it as administrator. The zip's
 * README starts with the three steps a school takes: check, apply, send the evidence.
 * Vietnamese first, then English. Inventory text (the unit's name) goes through the
 * bundle READMEs' Markdown escaping; everything else is fixed text, IDs and file names
 * the toolkit chose. No dates: the text is a pure function of its inputs.
 */

import { MANIFEST, SIGNATURE } from "../bundle/manifest.js";
import type { BundleSpec } from "../bundle-spec.js";
import { LINUX_LEAVER_SCRIPT } from "./linux/leavers.js";
import { PS_VERIFIER, SH_VERIFIER } from "./verifiers.js";
import { LEAVER_SCRIPT } from "./windows/leavers.js";
import { LOCK_CREDENTIAL_FOLDER, md, OWN_CREDENTIAL_FOLDER } from "./windows/readme.js";

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

/** What the PowerShell and shell verifiers are, for the "what the zip holds" list. */
function verifierItem(file: string, lang: Lang): string[] | undefined {
  const vi = lang === "vi";
  if (file === PS_VERIFIER)
    return [
      vi
        ? `- \`${PS_VERIFIER}\`: kiểm tra gói trên Windows (Windows PowerShell 5.1, không cần cài gì): so \`${MANIFEST}\` với mã kiểm tra gói Sở công bố, rồi mọi tệp với \`${MANIFEST}\`.`
        : `- \`${PS_VERIFIER}\`: checks the zip on Windows (Windows PowerShell 5.1, nothing to install): \`${MANIFEST}\` against the check code the Department publishes, then every file against \`${MANIFEST}\`.`,
    ];
  if (file === SH_VERIFIER)
    return [
      vi
        ? `- \`${SH_VERIFIER}\`: kiểm tra gói trên Linux (bash, sha256sum; chữ ký Ed25519 của Sở bằng OpenSSL 3 với \`--key\`), như \`${PS_VERIFIER}\`.`
        : `- \`${SH_VERIFIER}\`: checks the zip on Linux (bash, sha256sum; the Department's Ed25519 signature with OpenSSL 3 and \`--key\`), as \`${PS_VERIFIER}\` does.`,
    ];
  return undefined;
}

/**
 * Step 3, sending the evidence. Kept apart so that a real upload command can replace
 * today's way (the files sent through the Department's usual channel) in one place.
 */
function evidenceStep(lang: Lang): string {
  return lang === "vi"
    ? "3. **Gửi minh chứng.** Sau khi áp dụng, trên từng máy chạy script kiểm tra của vai trò (chỉ đọc) và gửi thẳng về dịch vụ thu nhận minh chứng của Sở: Windows `Test-Baseline.ps1 -Upload https://<địa chỉ Sở cấp>`, Linux `sudo bash audit.sh --upload https://<địa chỉ Sở cấp>`. Khóa tải minh chứng của đơn vị do Sở gửi riêng (không nằm trong gói), đặt một lần trên mỗi máy: `C:\\ProgramData\\attt\\upload.credential` (Windows: trước khi chép tệp, trong PowerShell chạy bằng Run as administrator: `New-Item -ItemType Directory -Force C:\\ProgramData\\attt`, `" +
        LOCK_CREDENTIAL_FOLDER +
        "` và `" +
        OWN_CREDENTIAL_FOLDER +
        '`, để chỉ SYSTEM và Administrators đọc được; Test-Baseline.ps1 từ chối tệp người khác đọc được), `/etc/attt/upload.credential` (Linux, chỉ root đọc được). Chưa có dịch vụ: chạy không có `-Upload`/`--upload` (Windows ghi `C:\\attt\\evidence-<tên máy>.json`; Linux thêm `--out "evidence-$(uname -n).json"`) và gửi các tệp `evidence-*.json` theo cách Sở hướng dẫn, giữ nguyên tên tệp.'
    : "3. **Send the evidence.** After applying, run the role's audit script (read-only) on each machine and send the record straight to the Department's collection service: on Windows `Test-Baseline.ps1 -Upload https://<address from the Department>`, on Linux `sudo bash audit.sh --upload https://<address from the Department>`. The unit's upload credential comes separately from the Department (never inside the zip) and is placed once on each machine: `C:\\ProgramData\\attt\\upload.credential` (Windows: before copying the file, in PowerShell run as administrator: `New-Item -ItemType Directory -Force C:\\ProgramData\\attt`, `" +
        LOCK_CREDENTIAL_FOLDER +
        "` and `" +
        OWN_CREDENTIAL_FOLDER +
        '`, so that only SYSTEM and Administrators can read it; Test-Baseline.ps1 refuses a file others can read), `/etc/attt/upload.credential` (Linux, readable by root only). Without a service: run them without `-Upload`/`--upload` (Windows writes `C:\\attt\\evidence-<computer name>.json`; on Linux add `--out "evidence-$(uname -n).json"`) and send the `evidence-*.json` files the way the Department says, keeping their names.';
}

/** The three steps every README of a unit's zip starts with: check, apply, send the evidence. */
function threeSteps(unitId: string, folders: string[], lang: Lang): string[] {
  const zip = `${unitId}.zip`;
  const roles = folders.length === 0 ? "" : folders.map((f) => `\`${f}\``).join(", ");
  return lang === "vi"
    ? [
        "### Ba bước",
        "",
        `1. **Kiểm tra gói**, trước khi chạy bất cứ gì trong gói. Giải nén \`${zip}\` vào một thư mục rồi, trong thư mục đó, bằng tài khoản thường (không cần quyền quản trị): trên Windows mở Windows PowerShell tại thư mục (giữ Shift, nhấp chuột phải vào chỗ trống trong thư mục, chọn *Open PowerShell window here*), chạy \`powershell.exe -ExecutionPolicy Bypass -File .\\${PS_VERIFIER}\` (hoặc nhấp chuột phải vào \`${PS_VERIFIER}\`, chọn *Run with PowerShell*) và dán *mã kiểm tra gói* của \`${unitId}\` trong danh sách Sở công bố khi được hỏi; trên Linux \`bash ${SH_VERIFIER} --sha256 "<mã kiểm tra gói>"\` (thêm \`--key attt-signing.pub\` để kiểm tra cả chữ ký của Sở; tệp khóa để trong thư mục này hay nơi khác đều được). Chỉ tiếp tục khi script in \`HỢP LỆ\` (mã thoát 0). \`KHÔNG HỢP LỆ\` (mã thoát 1): không chạy gì trong gói, báo Sở.`,
        `2. **Áp dụng** cấu hình: với mỗi thư mục vai trò (${roles || "gói này không có"}), đọc \`${UNIT_README}\` trong thư mục đó và làm theo: trên Windows chạy \`Apply-Baseline.ps1\` bằng quyền quản trị; trên Linux \`sudo bash apply.sh\` (gõ \`bash\`: công cụ giải nén có thể làm mất quyền thực thi, khi đó \`./apply.sh\` không chạy được).`,
        evidenceStep(lang),
      ]
    : [
        "### Three steps",
        "",
        `1. **Check the zip** before running anything from it. Unpack \`${zip}\` into a folder, then in that folder, as an ordinary user (no administrator rights needed): on Windows open Windows PowerShell there (hold Shift, right-click an empty spot of the folder, *Open PowerShell window here*) and run \`powershell.exe -ExecutionPolicy Bypass -File .\\${PS_VERIFIER}\` (or right-click \`${PS_VERIFIER}\`, *Run with PowerShell*) and paste the *check code* of \`${unitId}\` from the Department's published list when asked; on Linux \`bash ${SH_VERIFIER} --sha256 "<check code>"\` (add \`--key attt-signing.pub\` to check the Department's signature too; the key file may sit in this folder or anywhere else). Go on only when it prints \`VALID\` (exit code 0). \`REJECTED\` (exit code 1): run nothing from the zip, tell the Department.`,
        `2. **Apply** the baseline: for each role folder (${roles || "this zip has none"}), read the \`${UNIT_README}\` in it and follow it: on Windows run \`Apply-Baseline.ps1\` as administrator; on Linux \`sudo bash apply.sh\` (type \`bash\`: unzip tools may drop the execute permission, and then \`./apply.sh\` does not run).`,
        evidenceStep(lang),
      ];
}

function verifySection(unitId: string, lang: Lang): string[] {
  const zip = `${unitId}.zip`;
  return lang === "vi"
    ? [
        "### Kiểm tra gói trước khi chạy",
        "",
        "Trước khi chạy bất cứ script nào của gói bằng quyền quản trị (Administrator hoặc root), kiểm tra gói đúng là gói Sở phát hành và không bị sửa. Làm việc này trước cả khi tin vào tệp README này: gói bị sửa thì README cũng có thể bị sửa.",
        "",
        `- Danh sách Sở công bố (qua công văn hoặc trang thông tin của Sở, không qua kênh gửi gói) ghi cho mỗi đơn vị: tên tệp zip, SHA-256 của tệp zip, *mã kiểm tra gói* (SHA-256 của \`${MANIFEST}\`) và dấu vân tay khóa ký của Sở.`,
        `- Tệp zip, trước khi giải nén: \`Get-FileHash ${zip} -Algorithm SHA256\` trên Windows, \`sha256sum ${zip}\` trên Linux; so với SHA-256 của tệp zip trong danh sách. Khác nhau dù một ký tự: không chạy gì, báo Sở. Cách này không cần script nào của gói.`,
        `- Thư mục đã giải nén: \`${PS_VERIFIER}\` hoặc \`${SH_VERIFIER}\` (bước 1) so \`${MANIFEST}\` với mã kiểm tra gói và từng tệp với \`${MANIFEST}\` (kích thước, SHA-256; không thiếu, không thừa), và nêu tên tệp không khớp. Mã thoát 0: hợp lệ; 1: không hợp lệ; 2: không kiểm tra được (thiếu mã, mã sai dạng, không có \`${MANIFEST}\`). Windows PowerShell 5.1 không kiểm tra được chữ ký Ed25519: mã kiểm tra gói thay cho chữ ký. \`${SH_VERIFIER} --key attt-signing.pub\` kiểm tra cả chữ ký (cần OpenSSL 3) và in dấu vân tay của khóa để so với danh sách.`,
        `- Bằng attt-kit (tại Sở, hoặc máy có cài attt-kit): \`attt verify ${zip} --key attt-signing.pub\`. Lệnh kiểm tra chữ ký của Sở trên \`${MANIFEST}\` và từng tệp trong zip so với \`${MANIFEST}\`. In \`OK\` (mã thoát 0) khi hợp lệ; in \`REJECTED\` (mã thoát 1) khi chữ ký sai hoặc có tệp thiếu, thừa, bị sửa. Gói chưa ký (không có \`${SIGNATURE}\`) cũng bị từ chối. Chỉ dùng khóa công khai \`attt-signing.pub\` nhận trực tiếp từ Sở, không lấy từ cùng nơi tải gói.`,
      ]
    : [
        "### Check the zip before running anything",
        "",
        "Before running any script of this zip with administrator rights (Administrator or root), check that the zip is the one the Department issued, unaltered. Do it before trusting this README: an altered zip can carry an altered README.",
        "",
        `- The list the Department publishes (in its official letter or on its website, never through the channel the zips come by) gives for each unit: the zip's file name, the zip's SHA-256, the *check code* (the SHA-256 of \`${MANIFEST}\`) and the fingerprint of the Department's signing key.`,
        `- The zip, before unpacking: \`Get-FileHash ${zip} -Algorithm SHA256\` on Windows, \`sha256sum ${zip}\` on Linux; compare with the zip's SHA-256 in the list. If they differ in any character: run nothing, tell the Department. This needs no script from the zip.`,
        `- The unpacked folder: \`${PS_VERIFIER}\` or \`${SH_VERIFIER}\` (step 1) compare \`${MANIFEST}\` with the check code and every file with \`${MANIFEST}\` (size, SHA-256; none missing, none extra), and name any file that does not match. Exit code 0: valid; 1: rejected; 2: nothing could be checked (no code, a malformed code, no \`${MANIFEST}\`). Windows PowerShell 5.1 cannot check Ed25519 signatures: the check code stands in for the signature. \`${SH_VERIFIER} --key attt-signing.pub\` checks the signature too (it needs OpenSSL 3) and prints the key's fingerprint to compare with the list.`,
        `- With attt-kit (at the Department, or on a machine where attt-kit is installed): \`attt verify ${zip} --key attt-signing.pub\`. It checks the Department's signature over \`${MANIFEST}\`, and every file of the zip against \`${MANIFEST}\`. It prints \`OK\` (exit code 0) when valid and \`REJECTED\` (exit code 1) when the signature is wrong or a file is missing, extra or altered. An unsigned zip (no \`${SIGNATURE}\`) is rejected too. Use only the public key \`attt-signing.pub\` obtained directly from the Department, never from where the zip was downloaded.`,
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
      ...threeSteps(unitId, folders, lang),
      "",
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
      ...files.flatMap((f) => verifierItem(f, lang) ?? leaverItem(f, lang, unitId)),
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
