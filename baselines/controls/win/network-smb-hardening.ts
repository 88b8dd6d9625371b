import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { CIS, LANMAN_SERVER, LANMAN_WORKSTATION, MSB, WINDOWS_ROLES } from "./lib/common.js";

const SERVER_POLICY = "SOFTWARE\\Policies\\Microsoft\\Windows\\LanmanServer";
const WORKSTATION_POLICY = "SOFTWARE\\Policies\\Microsoft\\Windows\\LanmanWorkstation";

/**
 * SMB dialects as the policy writes them: 0x202 (514) SMB 2.0.2, 0x300 (768) SMB 3.0,
 * 0x311 (785) SMB 3.1.1. The baseline's minimum is SMB 3.0; this bundle keeps SMB
 * 2.0.2 as the minimum (a declared deviation, docs/msft-baseline-coverage.md): the
 * copiers and scanners of many schools scan to a shared folder on a PC, or serve files,
 * over SMB 2 only, and SMBv1 is off anyway. Signing stays required both ways.
 */
export const SMB_2_0_2 = 514;
export const SMB_3_1_1 = 785;

export default defineControl({
  id: "win.network.smb-hardening",
  title: {
    vi: "SMB: bắt buộc ký, chặn đăng nhập khách, không gửi mật khẩu rõ",
    en: "SMB: signing required, no guest logons, no plain-text passwords",
  },
  rationale: {
    vi: "Chia sẻ thư mục và máy in trong trường đi qua SMB. Bắt buộc ký gói SMB ở cả hai phía chống giả mạo và chuyển tiếp (relay); không cho đăng nhập khách không an toàn; không gửi mật khẩu rõ tới máy chủ SMB khác; tắt mailslot từ xa; giới hạn tốc độ đoán mật khẩu qua SMB; ghi nhật ký khi phía kia không ký hay không mã hóa được. Phiên bản tối thiểu là SMB 2.0.2 (không phải 3.0 như Microsoft) vì máy photocopy, máy quét của nhiều trường chỉ nói SMB 2.",
    en: "Shared folders and printers at a school go over SMB. Signing required on both sides stops tampering and relaying; insecure guest logons are refused; no plain-text password goes to third-party SMB servers; remote mailslots are off; password guessing over SMB is rate-limited; connections that cannot sign or encrypt are logged. The minimum dialect is SMB 2.0.2 (not 3.0 as Microsoft has it) because many schools' copiers and scanners speak SMB 2 only.",
  },
  severity: "high",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: Microsoft network client / server: Digitally sign communications (always); Send unencrypted password to third-party SMB servers = Disabled; Lanman Workstation: Enable insecure guest logons = Disabled, Audit insecure guest logon, Audit server does not support encryption / signing, Enable remote mailslots = Disabled, Mandate the minimum / maximum version of SMB, Require Encryption = Disabled; Lanman Server: Audit client does not support encryption / signing, Audit insecure guest logon, Enable authentication rate limiter, Set authentication rate limiter delay 2000 ms, Enable remote mailslots = Disabled, Mandate the minimum / maximum version of SMB`,
    cis: `${CIS}: 2.3.8.1-2.3.8.3, 2.3.9.2; Enable insecure guest logons = Disabled`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    regDword(LANMAN_WORKSTATION, "RequireSecuritySignature", 1),
    regDword(LANMAN_WORKSTATION, "EnablePlainTextPassword", 0),
    regDword(LANMAN_SERVER, "RequireSecuritySignature", 1),
    regDword(WORKSTATION_POLICY, "AllowInsecureGuestAuth", 0),
    regDword(WORKSTATION_POLICY, "AuditInsecureGuestLogon", 1),
    regDword(WORKSTATION_POLICY, "AuditServerDoesNotSupportEncryption", 1),
    regDword(WORKSTATION_POLICY, "AuditServerDoesNotSupportSigning", 1),
    regDword(WORKSTATION_POLICY, "EnableMailslots", 0),
    regDword(WORKSTATION_POLICY, "MinSmb2Dialect", SMB_2_0_2),
    regDword(WORKSTATION_POLICY, "MaxSmb2Dialect", SMB_3_1_1),
    regDword(WORKSTATION_POLICY, "RequireEncryption", 0),
    regDword(SERVER_POLICY, "AuditClientDoesNotSupportEncryption", 1),
    regDword(SERVER_POLICY, "AuditClientDoesNotSupportSigning", 1),
    regDword(SERVER_POLICY, "AuditInsecureGuestLogon", 1),
    regDword(SERVER_POLICY, "EnableAuthRateLimiter", 1),
    regDword(SERVER_POLICY, "InvalidAuthenticationDelayTimeInMs", 2000),
    regDword(SERVER_POLICY, "EnableMailslots", 0),
    regDword(SERVER_POLICY, "MinSmb2Dialect", SMB_2_0_2),
    regDword(SERVER_POLICY, "MaxSmb2Dialect", SMB_3_1_1),
  ],
});
