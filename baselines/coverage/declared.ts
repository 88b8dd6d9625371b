/**
 * The Microsoft baseline's settings this toolkit does not implement as Microsoft has
 * them, each with its reason, keyed by the setting's identity (baseline-list.ts
 * rowIdentity). docs/msft-baseline-coverage.md is generated from these and the
 * controls (npm run docs:coverage); test/msft-baseline-coverage.test.ts checks that
 * every entry is still needed and that nothing is left unclassified.
 */
import type { Status } from "./classify.js";

export interface Declared {
  status: Extract<Status, "exception" | "not-applicable" | "not-yet">;
  vi: string;
  en: string;
}

const REMOTE_ASSISTANCE_ON: Declared = {
  status: "not-applicable",
  vi: "Chỉ có nghĩa khi bật Hỗ trợ từ xa; gói tắt nó (win.remote.assistance-off)",
  en: "Only meaningful with Remote Assistance on; the bundle turns it off (win.remote.assistance-off)",
};
const KDC: Declared = {
  status: "not-applicable",
  vi: "Thiết lập của bộ điều khiển miền (KDC), không phải máy trạm",
  en: "A domain controller (KDC) setting, not a workstation's",
};
const STANDBY: Declared = {
  status: "exception",
  vi: "Cấm chế độ ngủ S1-S3 buộc máy bàn ở trường chạy suốt hoặc tắt hẳn; phòng máy, phòng hội đồng được khóa cửa và máy hỏi mật khẩu khi thức dậy (win.session.lock-screen)",
  en: "Forbidding S1-S3 sleep makes school desktops run all day or power off; labs and staff rooms are locked and machines ask for the password on wake (win.session.lock-screen)",
};
const ADMIN_PROTECTION: Declared = {
  status: "exception",
  vi: "Admin Protection (Windows 11 24H2) đổi cách cán bộ CNTT nâng quyền và Microsoft chưa phát hành rộng; để lại đến khi ổn định",
  en: "Admin Protection (Windows 11 24H2) changes how IT staff elevate and Microsoft has not released it widely; left out until it is stable",
};
const REMOVABLE_WRITE: Declared = {
  status: "exception",
  vi: "Cấm ghi vào USB chưa mã hóa BitLocker chặn giáo viên trao đổi bài giảng bằng USB; máy tài liệu mật cấm ổ rời hoàn toàn (win.classified.removable-storage)",
  en: "Denying writes to USB drives without BitLocker stops teachers exchanging lessons on USB drives; classified machines deny removable storage altogether (win.classified.removable-storage)",
};

export const DECLARED: Record<string, Declared> = {
  "HKLM\\SOFTWARE\\MICROSOFT\\WINDOWS NT\\CURRENTVERSION\\WINLOGON\\SCREMOVEOPTION": {
    status: "not-applicable",
    vi: "Máy trường không dùng thẻ thông minh",
    en: "School machines use no smart cards",
  },
  "HKLM\\SOFTWARE\\MICROSOFT\\WINDOWS\\CURRENTVERSION\\POLICIES\\SYSTEM\\CONSENTPROMPTBEHAVIORENHANCEDADMIN":
    ADMIN_PROTECTION,
  "HKLM\\SOFTWARE\\MICROSOFT\\WINDOWS\\CURRENTVERSION\\POLICIES\\SYSTEM\\TYPEOFADMINAPPROVALMODE":
    ADMIN_PROTECTION,
  ...Object.fromEntries(
    [
      "PKINITHASHALGORITHMCONFIGURATIONENABLED",
      "PKINITSHA1",
      "PKINITSHA256",
      "PKINITSHA384",
      "PKINITSHA512",
    ].map((v) => [
      `HKLM\\SOFTWARE\\MICROSOFT\\WINDOWS\\CURRENTVERSION\\POLICIES\\SYSTEM\\KDC\\PARAMETERS\\${v}`,
      KDC,
    ]),
  ),
  "HKLM\\SOFTWARE\\MICROSOFT\\WINDOWS\\CURRENTVERSION\\POLICIES\\LAPS\\ADBACKUPDSRMPASSWORD": {
    status: "not-applicable",
    vi: "Chỉ cho bộ điều khiển miền (mật khẩu DSRM)",
    en: "Domain controllers only (DSRM password)",
  },
  "HKLM\\SOFTWARE\\POLICIES\\MICROSOFT SERVICES\\ADMPWD\\ADMPWDENABLED": {
    status: "not-applicable",
    vi: "LAPS cũ (cần cài thêm và Active Directory); máy tham gia miền dùng Windows LAPS (win.domain.member-hardening)",
    en: "Legacy Microsoft LAPS (an add-on needing Active Directory); domain members use Windows LAPS (win.domain.member-hardening)",
  },
  "HKLM\\SOFTWARE\\POLICIES\\MICROSOFT\\POWER\\POWERSETTINGS\\ABFC2519-3608-4C2A-94EA-171B0ED546AB\\DCSETTINGINDEX":
    STANDBY,
  "HKLM\\SOFTWARE\\POLICIES\\MICROSOFT\\POWER\\POWERSETTINGS\\ABFC2519-3608-4C2A-94EA-171B0ED546AB\\ACSETTINGINDEX":
    STANDBY,
  "HKLM\\SOFTWARE\\POLICIES\\MICROSOFT\\WINDOWS NT\\TERMINAL SERVICES\\MAXTICKETEXPIRY": REMOTE_ASSISTANCE_ON,
  "HKLM\\SOFTWARE\\POLICIES\\MICROSOFT\\WINDOWS NT\\TERMINAL SERVICES\\MAXTICKETEXPIRYUNITS":
    REMOTE_ASSISTANCE_ON,
  "HKLM\\SOFTWARE\\POLICIES\\MICROSOFT\\WINDOWS NT\\TERMINAL SERVICES\\FUSEMAILTO": REMOTE_ASSISTANCE_ON,
  "HKLM\\SOFTWARE\\POLICIES\\MICROSOFT\\WINDOWS NT\\TERMINAL SERVICES\\FALLOWFULLCONTROL":
    REMOTE_ASSISTANCE_ON,
  "HKLM\\SOFTWARE\\POLICIES\\MICROSOFT\\FVE\\USEENHANCEDPIN": {
    status: "not-applicable",
    vi: "Chỉ có nghĩa khi BitLocker dùng mã PIN lúc khởi động; gói không đặt PIN",
    en: "Only meaningful with a BitLocker startup PIN; the bundle sets none",
  },
  "HKLM\\SYSTEM\\CURRENTCONTROLSET\\POLICIES\\MICROSOFT\\FVE\\RDVDENYWRITEACCESS": REMOVABLE_WRITE,
  "HKLM\\SOFTWARE\\POLICIES\\MICROSOFT\\FVE\\RDVDENYCROSSORG": {
    status: "not-applicable",
    vi: "Chỉ có nghĩa khi cấm ghi vào ổ rời không mã hóa (ngoại lệ ở trên)",
    en: "Only meaningful when writes to unencrypted removable drives are denied (an exception above)",
  },
  "HKLM\\SOFTWARE\\POLICIES\\MICROSOFT\\WINDOWS DEFENDER\\FEATURES\\PASSIVEREMEDIATION": {
    status: "not-applicable",
    vi: "EDR ở chế độ chặn cần Microsoft Defender for Endpoint, các trường không có",
    en: "EDR in block mode needs Microsoft Defender for Endpoint, which schools do not have",
  },
};

const NO_UEFI_LOCK = {
  vi: "Bật không khóa bằng UEFI (2) thay vì có khóa (1): bảo vệ như nhau khi chạy, nhưng Undo tắt được bằng registry",
  en: "On without the UEFI lock (2) instead of with it (1): the same protection while running, but Undo can switch it off from the registry",
};
const STRICTER = {
  vi: "Chặt hơn Microsoft: giá trị theo cấp độ, vai trò hoặc CIS",
  en: "Stricter than Microsoft: the value follows the level, role or CIS",
};
const ASR_AUDIT = {
  vi: "Chặn ở mọi vai trò trừ vai trò dùng phần mềm bị ảnh hưởng, nơi chỉ ghi nhật ký (xem win.defender.asr)",
  en: "Blocks on every role but those whose software it would break, where it audits only (see win.defender.asr)",
};
const ASR_RULES =
  "HKLM\\SOFTWARE\\POLICIES\\MICROSOFT\\WINDOWS DEFENDER\\WINDOWS DEFENDER EXPLOIT GUARD\\ASR\\RULES";

/** Settings a control writes with another value than the baseline's, and why. */
export const DEVIATIONS: Record<string, { vi: string; en: string }> = {
  "RIGHT:SENETWORKLOGONRIGHT": {
    vi: "Máy có mạng giữ thêm Users: máy in, thư mục chia sẻ từ máy cán bộ được truy cập bằng tài khoản cục bộ của máy đó (không có miền); máy tài liệu mật chỉ Administrators",
    en: "Networked machines keep Users too: a printer or folder shared from a staff machine is reached with a local account of that machine (no domain); classified machines Administrators only",
  },
  "RIGHT:SEDENYNETWORKLOGONRIGHT": {
    vi: "Máy không có miền chỉ có tài khoản cục bộ: cấm Guests và quản trị viên cục bộ (S-1-5-114, đường pass-the-hash) khi đơn vị không cho quản trị từ xa; nơi cho phép (remoteAdminFrom) chỉ cấm Guests, vì Remote Desktop có NLA đăng nhập qua mạng; máy tài liệu mật cấm mọi tài khoản cục bộ như Microsoft",
    en: "Machines without a domain have only local accounts: Guests and local administrators (S-1-5-114, the pass-the-hash path) are denied where the unit allows no remote administration; where it does (remoteAdminFrom) only Guests, as Remote Desktop with NLA signs in over the network; classified machines deny every local account, as Microsoft does",
  },
  "RIGHT:SEDENYREMOTEINTERACTIVELOGONRIGHT": {
    vi: "Cấm mọi tài khoản cục bộ dùng Remote Desktop khi RDP không được phép (như Microsoft); nơi kiểm kê cho phép quản trị từ xa chỉ cấm Guests, vì không có miền thì cán bộ CNTT chỉ có tài khoản cục bộ",
    en: "Every local account is denied Remote Desktop where RDP is not allowed (as Microsoft has it); where the inventory allows remote administration only Guests, since without a domain IT staff have only local accounts",
  },
  "HKLM\\SOFTWARE\\MICROSOFT\\WINDOWS\\CURRENTVERSION\\POLICIES\\SYSTEM\\INACTIVITYTIMEOUTSECS": STRICTER,
  "HKLM\\SOFTWARE\\MICROSOFT\\WINDOWS\\CURRENTVERSION\\POLICIES\\SYSTEM\\CONSENTPROMPTBEHAVIORUSER": {
    vi: "Hỏi mật khẩu quản trị thay vì tự động từ chối, để cán bộ CNTT nâng quyền ngay trên phiên của giáo viên",
    en: "Asks for an administrator's password instead of refusing, so IT staff can elevate on a teacher's session",
  },
  "AUDIT:{0CCE9228-69AE-11D9-BED3-505054503030}": STRICTER,
  "HKLM\\SOFTWARE\\POLICIES\\MICROSOFT\\WINDOWSFIREWALL\\DOMAINPROFILE\\DEFAULTOUTBOUNDACTION": STRICTER,
  "HKLM\\SOFTWARE\\POLICIES\\MICROSOFT\\WINDOWSFIREWALL\\PRIVATEPROFILE\\DEFAULTOUTBOUNDACTION": STRICTER,
  "HKLM\\SOFTWARE\\POLICIES\\MICROSOFT\\WINDOWSFIREWALL\\PUBLICPROFILE\\DEFAULTOUTBOUNDACTION": STRICTER,
  "HKLM\\SOFTWARE\\POLICIES\\MICROSOFT\\WINDOWS NT\\DNSCLIENT\\ENABLENETBIOS": STRICTER,
  "HKLM\\SOFTWARE\\POLICIES\\MICROSOFT\\WINDOWS\\LANMANSERVER\\MINSMB2DIALECT": {
    vi: "Tối thiểu SMB 2.0.2 thay vì 3.0: máy photocopy, máy quét của nhiều trường chỉ nói SMB 2 (SMBv1 vẫn tắt)",
    en: "SMB 2.0.2 minimum instead of 3.0: many schools' copiers and scanners speak SMB 2 only (SMBv1 stays off)",
  },
  "HKLM\\SOFTWARE\\POLICIES\\MICROSOFT\\WINDOWS\\LANMANWORKSTATION\\MINSMB2DIALECT": {
    vi: "Tối thiểu SMB 2.0.2 thay vì 3.0: ổ mạng (NAS) cũ của nhiều trường chỉ nói SMB 2 (SMBv1 vẫn tắt)",
    en: "SMB 2.0.2 minimum instead of 3.0: many schools' older NAS boxes speak SMB 2 only (SMBv1 stays off)",
  },
  "HKLM\\SOFTWARE\\POLICIES\\MICROSOFT\\WINDOWS\\DEVICEGUARD\\HYPERVISORENFORCEDCODEINTEGRITY": NO_UEFI_LOCK,
  "HKLM\\SOFTWARE\\POLICIES\\MICROSOFT\\WINDOWS\\DEVICEGUARD\\LSACFGFLAGS": NO_UEFI_LOCK,
  "HKLM\\SOFTWARE\\POLICIES\\MICROSOFT\\WINDOWS\\DEVICEGUARD\\CONFIGUREKERNELSHADOWSTACKSLAUNCH": {
    vi: "Chế độ ghi nhận (2) thay vì bắt buộc (1): phần mềm và trình điều khiển không tương thích bị ghi lại thay vì bị chặn khi khởi động, để đơn vị tìm ra chúng trước",
    en: "Audit mode (2) instead of enforcement (1): incompatible programs and drivers are logged instead of stopped at start, so a unit finds them first",
  },
  "HKLM\\SYSTEM\\CURRENTCONTROLSET\\CONTROL\\LSA\\RUNASPPL": {
    vi: `${NO_UEFI_LOCK.vi}. Chỉ ghi cho gói mà mọi máy chạy Windows 11 (Test đọc sự kiện 12 của Wininit để xác nhận); gói có máy Windows 10 không ghi giá trị này, vì chưa xác nhận Windows 10 hiểu giá trị 2`,
    en: `${NO_UEFI_LOCK.en}. Written only to bundles whose machines all run Windows 11 (Test reads Wininit's event 12 to confirm); bundles with Windows 10 machines leave it out, since Windows 10 is not verified to honour the value 2`,
  },
  "HKLM\\SOFTWARE\\POLICIES\\MICROSOFT\\WINDOWS DEFENDER\\SPYNET\\SUBMITSAMPLESCONSENT": {
    vi: "Chỉ gửi mẫu an toàn: tài liệu của trường có dữ liệu cá nhân học sinh (Nghị định 13/2023)",
    en: "Safe samples only: school documents hold pupils' personal data (Decree 13/2023)",
  },
  [`${ASR_RULES}\\92E97FA1-2EDF-4476-BDD6-9DD0B4DDDC7B`]: ASR_AUDIT,
  [`${ASR_RULES}\\B2B3F03D-6A65-4F7B-A9C7-1C7EF74A9BA4`]: ASR_AUDIT,
};
