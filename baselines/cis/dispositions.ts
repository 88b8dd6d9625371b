/**
 * What the toolkit does with each CIS Debian 12 level-1 item that no control implements
 * (controls name the ones they implement in their `cis` field). One line per item or
 * range, as data; docs/cis-debian12-level1.md is generated from this and the controls
 * (baselines/cis/table.ts), and a test checks the two agree.
 *
 * - reinstall: the item is decided when the disk is partitioned; audit.sh cannot fix it
 *   and does not fail a machine on it: it needs reinstallation.
 * - exception: deliberately not done, for the roles named, for the reason given.
 * - alternative: another branch of the benchmark is implemented instead (nftables rather
 *   than ufw or iptables; rsyslog rather than journal-upload).
 * Items in none of these and in no control are "not covered yet": the table says so.
 */
import type { MachineRole } from "../../model/inventory.js";

export type Disposition =
  | { kind: "reinstall"; why: { vi: string; en: string } }
  | { kind: "exception"; roles: MachineRole[]; why: { vi: string; en: string } }
  | { kind: "alternative"; instead: string; why: { vi: string; en: string } };

const ALL: MachineRole[] = ["office", "teacher", "lab", "classified", "server"];

const PARTITION = {
  kind: "reinstall",
  why: {
    vi: 'Cần phân vùng riêng, chỉ tạo được khi cài lại máy; audit.sh báo "cần cài lại" (không đạt cũng không trượt).',
    en: 'Needs a partition of its own, made only when the machine is reinstalled; audit.sh reports "needs reinstallation" (neither pass nor fail).',
  },
} as const satisfies Disposition;

const MANUAL_REVIEW = (what: { vi: string; en: string }): Disposition => ({
  kind: "exception",
  roles: ALL,
  why: {
    vi: `Mục rà soát thủ công của CIS, không tự động hoá được: ${what.vi}`,
    en: `A manual review item of the benchmark, not automatable: ${what.en}`,
  },
});

const NFTABLES = {
  kind: "alternative",
  instead: "4.3",
  why: {
    vi: "Tường lửa dùng nftables (mục 4.3); CIS chỉ yêu cầu một công cụ tường lửa.",
    en: "The firewall is nftables (section 4.3); the benchmark asks for one firewall utility only.",
  },
} as const satisfies Disposition;

const RSYSLOG = {
  kind: "alternative",
  instead: "6.1.3",
  why: {
    vi: "Nhật ký rời máy qua rsyslog với TLS (mục 6.1.3), nhánh còn lại của CIS.",
    en: "Logs leave the machine through rsyslog over TLS (section 6.1.3), the benchmark's other branch.",
  },
} as const satisfies Disposition;

const TIMESYNCD = {
  kind: "alternative",
  instead: "2.3.2",
  why: {
    vi: "Dùng systemd-timesyncd (2.3.2) thay chrony.",
    en: "systemd-timesyncd (2.3.2) is used, not chrony.",
  },
} as const satisfies Disposition;

export const DISPOSITIONS: Record<string, Disposition> = {
  "1.1.1.10": MANUAL_REVIEW({
    vi: "các mô-đun hệ thống tệp dễ khai thác đã bị chặn (1.1.1.1-5).",
    en: "the exploitable filesystem modules are blocked (1.1.1.1-5).",
  }),
  ...Object.fromEntries(
    ["1.1.2.3.2", "1.1.2.3.3", "1.1.2.4.2", "1.1.2.4.3", "1.1.2.5.2", "1.1.2.5.3", "1.1.2.5.4"]
      .concat(["1.1.2.6.2", "1.1.2.6.3", "1.1.2.6.4", "1.1.2.7.2", "1.1.2.7.3", "1.1.2.7.4"])
      .map((id) => [id, PARTITION]),
  ),
  "1.2.1.1": MANUAL_REVIEW({
    vi: "khoá ký của kho Debian/Ubuntu mặc định; trường học không thêm kho.",
    en: "the distribution's archive keys; schools add no repositories.",
  }),
  "1.2.1.2": MANUAL_REVIEW({
    vi: "kho phần mềm mặc định của bản phân phối.",
    en: "the distribution's default repositories.",
  }),
  "1.4.1": {
    kind: "exception",
    roles: ["office", "teacher", "lab"],
    why: {
      vi: "Mật khẩu GRUB trên máy dùng chung khiến giáo viên không tự khôi phục được máy; phòng máy được khoá.",
      en: "A GRUB password on shared machines keeps teachers from recovering them; the rooms are locked.",
    },
  },
  "2.1.2": {
    kind: "exception",
    roles: ["office", "teacher", "lab"],
    why: {
      vi: "avahi tìm máy in của trường (mức 2 cho máy trạm trong CIS).",
      en: "avahi finds the school's printers (level 2 for workstations in the benchmark).",
    },
  },
  "2.1.11": {
    kind: "exception",
    roles: ["office", "teacher", "lab"],
    why: {
      vi: "Máy văn phòng, giáo viên, phòng máy cần in (mức 2 cho máy trạm trong CIS).",
      en: "Office, teacher and lab machines print (level 2 for workstations in the benchmark).",
    },
  },
  "2.1.18": {
    kind: "exception",
    roles: ["lab"],
    why: {
      vi: "Học sinh học lập trình web trên máy phòng thực hành.",
      en: "Students learn web development on lab machines.",
    },
  },
  "2.1.22": MANUAL_REVIEW({
    vi: "tường lửa chặn mặc định mọi kết nối vào (4.3.8).",
    en: "the firewall drops every inbound connection by default (4.3.8).",
  }),
  ...Object.fromEntries(["2.3.3.1", "2.3.3.2", "2.3.3.3"].map((id) => [id, TIMESYNCD])),
  "2.3.2.1": {
    kind: "exception",
    roles: ALL,
    why: {
      vi: "Chỉ khi bảng kiểm kê chưa khai báo máy chủ thời gian của tỉnh (province.timeServers): máy dùng nhóm NTP mặc định của bản phân phối (đồng bộ vẫn bật, 2.3.2.2). Khi có khai báo, linux.time.sync ghi chúng vào cấu hình systemd-timesyncd.",
      en: "Only while the inventory names no provincial time server (province.timeServers): machines use the distribution's default NTP pool (synchronisation stays on, 2.3.2.2). Once named, linux.time.sync writes them into systemd-timesyncd's configuration.",
    },
  },
  "3.1.1": MANUAL_REVIEW({
    vi: "trạng thái IPv6 của mạng trường.",
    en: "the IPv6 status of the school network.",
  }),
  "3.3.11": {
    kind: "exception",
    roles: ["office", "teacher", "lab"],
    why: {
      vi: "Mạng trường cấp địa chỉ IPv6 tự động qua quảng bá của bộ định tuyến; tắt sẽ mất IPv6.",
      en: "School networks give IPv6 addresses through router advertisements; refusing them loses IPv6.",
    },
  },
  ...Object.fromEntries(
    ["4.2.1", "4.2.2", "4.2.3", "4.2.4", "4.2.5", "4.2.6", "4.2.7"].map((id) => [id, NFTABLES]),
  ),
  "4.3.3": {
    kind: "exception",
    roles: ["server"],
    why: {
      vi: "Docker giữ luật iptables-nft của mình; chỉ bảng của attt-kit được thay.",
      en: "Docker keeps its own iptables-nft rules; only attt-kit's table is replaced.",
    },
  },
  ...Object.fromEntries(
    ["4.4.1.1", "4.4.1.2", "4.4.1.3", "4.4.2.1", "4.4.2.2", "4.4.2.3", "4.4.2.4"]
      .concat(["4.4.3.1", "4.4.3.2", "4.4.3.3", "4.4.3.4"])
      .map((id) => [id, NFTABLES]),
  ),
  "5.3.3.4.1": {
    kind: "exception",
    roles: ALL,
    why: {
      vi: "nullok nằm trong hồ sơ pam_unix của gói libpam-runtime, bị ghi đè khi nâng cấp; thay vào đó audit đo không tài khoản nào có mật khẩu rỗng (7.2.2).",
      en: "nullok is in libpam-runtime's pam_unix profile, rewritten by its upgrades; instead the audit measures that no account has an empty password (7.2.2).",
    },
  },
  // ForwardToSyslog=no belongs to the journald-only branch; rsyslog's branch wants it on (6.1.3.3).
  ...Object.fromEntries(
    ["6.1.2.1.1", "6.1.2.1.2", "6.1.2.1.3", "6.1.2.1.4", "6.1.2.2"].map((id) => [id, RSYSLOG]),
  ),
  "6.1.1.2": MANUAL_REVIEW({
    vi: "quyền tệp nhật ký journald do systemd đặt (0640, nhóm systemd-journal, /usr/lib/tmpfiles.d/systemd.conf); bộ kit không thay đổi.",
    en: "journal file access as systemd sets it (0640, group systemd-journal, /usr/lib/tmpfiles.d/systemd.conf); the kit does not change it.",
  }),
  "6.1.3.5": MANUAL_REVIEW({
    vi: "quy tắc ghi nhật ký mặc định của Debian/Ubuntu.",
    en: "the distribution's default logging rules.",
  }),
  "6.1.3.8": MANUAL_REVIEW({
    vi: "logrotate mặc định của bản phân phối.",
    en: "the distribution's logrotate defaults.",
  }),
  "7.1.13": MANUAL_REVIEW({ vi: "danh sách tệp SUID/SGID.", en: "the list of SUID and SGID files." }),
};

/**
 * CIS Ubuntu 22.04 and 24.04 items that have no CIS Debian 12 item of the same title and
 * no control naming them (a control's `cisUbuntu`), by their Ubuntu ID: what the toolkit
 * does instead. Consulted only for such items; the others follow their Debian 12 twin.
 */
export const UBUNTU_DISPOSITIONS: Record<string, Disposition> = {
  // 22.04's iptables branch: the firewall is nftables, the benchmark's other branch.
  "4.3.1.2": {
    kind: "alternative",
    instead: "4.2 (Ubuntu 22.04)",
    why: {
      vi: "Mục của nhánh iptables; tường lửa dùng nftables (nhánh nftables của CIS, 4.3 của Debian 12).",
      en: "An item of the iptables branch; the firewall is nftables (the benchmark's nftables branch, Debian 12's 4.3).",
    },
  },
  "4.3.1.3": {
    kind: "alternative",
    instead: "4.2 (Ubuntu 22.04)",
    why: {
      vi: "Mục của nhánh iptables; tường lửa dùng nftables, không dùng ufw.",
      en: "An item of the iptables branch; the firewall is nftables, not ufw.",
    },
  },
  "5.4.2.4": {
    kind: "exception",
    roles: ALL,
    why: {
      vi: "Ubuntu khoá mật khẩu root khi cài; quản trị dùng sudo và chỉ root được dùng su (linux.su.restricted). Đặt mật khẩu root là thêm một bí mật phải giữ trên mỗi máy.",
      en: "Ubuntu installs with root's password locked; administrators use sudo and only root may use su (linux.su.restricted). A root password would be one more secret to keep on every machine.",
    },
  },
  "6.2.1.2.2": {
    kind: "alternative",
    instead: "6.1.3 (Debian 12)",
    why: {
      vi: "Nhật ký rời máy qua rsyslog với TLS (mục 6.1.3 của Debian 12), không qua systemd-journal-remote.",
      en: "Logs leave the machine through rsyslog over TLS (Debian 12's section 6.1.3), not systemd-journal-remote.",
    },
  },
};
