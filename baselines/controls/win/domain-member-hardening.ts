import { defineControl } from "../../control.js";
import { regDword, regString, type Setting } from "../../settings.js";
import { anyDomainJoined, CIS, MSB, SYSTEM_POLICIES, WINDOWS_ROLES } from "./lib/common.js";

const NETLOGON = "SYSTEM\\CurrentControlSet\\Services\\Netlogon\\Parameters";
const HARDENED = "SOFTWARE\\Policies\\Microsoft\\Windows\\NetworkProvider\\HardenedPaths";
const MUTUAL = "RequireMutualAuthentication=1, RequireIntegrity=1";
/** Group Policy's registry client-side extension. */
const REGISTRY_CSE =
  "SOFTWARE\\Policies\\Microsoft\\Windows\\Group Policy\\{35378EAC-683F-11D2-A89A-00C04FBBCFA2}";

/**
 * The baseline's settings for a machine in an Active Directory domain, only for groups
 * the inventory marks `domainJoined`: secure channel signed and sealed with a strong
 * key, SYSVOL and NETLOGON reached only with mutual authentication and integrity, no
 * connection to non-domain networks while on the domain one, no local-user list at
 * logon, no convenience PIN, Windows LAPS backing the local administrator's password
 * up to Active Directory, encrypted, and SHA-2 only for certificate logon.
 */
export default defineControl({
  id: "win.domain.member-hardening",
  title: {
    vi: "Máy tham gia miền: kênh bảo mật, SYSVOL/NETLOGON, LAPS",
    en: "Domain members: secure channel, SYSVOL/NETLOGON, LAPS",
  },
  rationale: {
    vi: "Chỉ cho máy mà kiểm kê ghi là tham gia miền (domainJoined): kênh bảo mật với bộ điều khiển miền được ký và mã hóa, SYSVOL/NETLOGON chỉ truy cập khi xác thực hai chiều, mật khẩu quản trị cục bộ do Windows LAPS quản lý và sao lưu (mã hóa) vào Active Directory. Máy không có miền (phần lớn máy trường) không nhận các thiết lập này.",
    en: "Only for machines the inventory marks as domain-joined (domainJoined): the secure channel to the domain controllers signed and sealed, SYSVOL/NETLOGON only with mutual authentication, the local administrator's password managed by Windows LAPS and backed up (encrypted) to Active Directory. Machines without a domain (most school machines) do not take these settings.",
  },
  severity: "high",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: Domain member: Digitally encrypt or sign secure channel data (always), encrypt (when possible), sign (when possible), Disable machine account password changes = Disabled, Require strong session key; Network Provider: Hardened UNC Paths (\\\\*\\NETLOGON, \\\\*\\SYSVOL); Windows Connection Manager: Prohibit connection to non-domain networks when connected to domain authenticated network; Logon: Enumerate local users on domain-joined computers = Disabled; Turn on convenience PIN sign-in = Disabled; LAPS: Configure password backup directory = Active Directory; Enable password encryption; Kerberos: Configure hash algorithms for certificate logon (SHA-1 unsupported, SHA-256/384/512 supported); Group Policy: Configure registry policy processing: process even if the Group Policy objects have not changed, also during periodic background processing (Windows 10 22H2 list)`,
    cis: `${CIS}: 2.3.6.x, 18.6.14.1, 18.6.21.1, 18.9.28.x, 18.9.25.x (LAPS)`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: (ctx): Setting[] => {
    if (!anyDomainJoined(ctx)) return [];
    const kerberos = `${SYSTEM_POLICIES}\\Kerberos\\Parameters`;
    return [
      regDword(NETLOGON, "RequireSignOrSeal", 1),
      regDword(NETLOGON, "SealSecureChannel", 1),
      regDword(NETLOGON, "SignSecureChannel", 1),
      regDword(NETLOGON, "DisablePasswordChange", 0),
      regDword(NETLOGON, "RequireStrongKey", 1),
      regString(HARDENED, "\\\\*\\NETLOGON", MUTUAL),
      regString(HARDENED, "\\\\*\\SYSVOL", MUTUAL),
      regDword("SOFTWARE\\Policies\\Microsoft\\Windows\\WcmSvc\\GroupPolicy", "fBlockNonDomain", 1),
      regDword("SOFTWARE\\Policies\\Microsoft\\Windows\\System", "EnumerateLocalUsers", 0),
      regDword("SOFTWARE\\Policies\\Microsoft\\Windows\\System", "AllowDomainPINLogon", 0),
      regDword("SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\LAPS", "BackupDirectory", 2),
      regDword(
        "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\LAPS",
        "ADPasswordEncryptionEnabled",
        1,
      ),
      regDword(kerberos, "PKINITHashAlgorithmConfigurationEnabled", 1),
      regDword(kerberos, "PKINITSHA1", 0),
      regDword(kerberos, "PKINITSHA256", 3),
      regDword(kerberos, "PKINITSHA384", 3),
      regDword(kerberos, "PKINITSHA512", 3),
      // Registry policy processing: applied again even when the domain's GPOs have not changed.
      regDword(REGISTRY_CSE, "NoBackgroundPolicy", 0),
      regDword(REGISTRY_CSE, "NoGPOListChanges", 0),
    ];
  },
});
