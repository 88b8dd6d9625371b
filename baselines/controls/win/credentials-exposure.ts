import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { CIS, MSB, SYSTEM_POLICIES, WINDOWS_ROLES } from "./lib/common.js";

/**
 * Where credentials leave the machine or linger: remote hosts may only take
 * non-exportable credentials, CredSSP refuses unpatched peers, passwords are not
 * handed to other network providers at logon, Windows does not sign the last user
 * back in after a restart, and the Remote Desktop client never saves a password.
 */
export default defineControl({
  id: "win.credentials.exposure",
  title: {
    vi: "Không để lộ thông tin đăng nhập ra ngoài máy",
    en: "Credentials kept from leaving the machine",
  },
  rationale: {
    vi: "Mật khẩu lưu trong Remote Desktop, mật khẩu chuyển cho nhà cung cấp mạng khác hay phiên tự đăng nhập lại sau khi khởi động là những chỗ kẻ tấn công lấy thông tin đăng nhập. Tắt chúng; CredSSP từ chối máy chưa vá lỗi Encryption Oracle.",
    en: "Passwords saved in Remote Desktop, passwords handed to other network providers, and the automatic sign-in after a restart are where attackers pick up credentials. They are off; CredSSP refuses peers without the Encryption Oracle fix.",
  },
  severity: "medium",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: Credentials Delegation: Encryption Oracle Remediation = Force Updated Clients; Remote host allows delegation of non-exportable credentials = Enabled; Windows Logon Options: Configure the transmission of the user's password in the content of MPR notifications = Disabled; Sign-in and lock last interactive user automatically after a restart = Disabled; Remote Desktop Connection Client: Do not allow passwords to be saved = Enabled`,
    cis: `${CIS}: 18.9.4.1, 18.9.4.2, 18.10.57.2.2, 18.10.81.1`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    regDword(`${SYSTEM_POLICIES}\\CredSSP\\Parameters`, "AllowEncryptionOracle", 0),
    regDword("SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation", "AllowProtectedCreds", 1),
    regDword(SYSTEM_POLICIES, "EnableMPR", 0),
    regDword(SYSTEM_POLICIES, "DisableAutomaticRestartSignOn", 1),
    regDword("SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services", "DisablePasswordSaving", 1),
  ],
});
