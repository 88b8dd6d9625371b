import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { CIS, MSB, WINDOWS_ROLES } from "./lib/common.js";

const WINRM = "SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM";

/** Whether or not WinRM runs, it never takes Basic or Digest logons, unencrypted traffic or stored RunAs credentials. */
export default defineControl({
  id: "win.remote.winrm-hardening",
  title: {
    vi: "WinRM không dùng xác thực Basic/Digest hay kênh không mã hóa",
    en: "WinRM without Basic/Digest authentication or unencrypted traffic",
  },
  rationale: {
    vi: "PowerShell remoting (WinRM) với xác thực Basic hoặc lưu lượng không mã hóa để lộ mật khẩu trên mạng. Cấm cả ở phía máy khách và dịch vụ, và không lưu thông tin đăng nhập RunAs.",
    en: "PowerShell remoting (WinRM) with Basic authentication or unencrypted traffic exposes passwords on the network. Both are refused on the client and the service, and no RunAs credentials are stored.",
  },
  severity: "medium",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: WinRM Client: Allow Basic authentication = Disabled; Allow unencrypted traffic = Disabled; Disallow Digest authentication = Enabled; WinRM Service: Allow Basic authentication = Disabled; Allow unencrypted traffic = Disabled; Disallow WinRM from storing RunAs credentials = Enabled`,
    cis: `${CIS}: 18.10.89.1.x, 18.10.89.2.x`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    regDword(`${WINRM}\\Client`, "AllowBasic", 0),
    regDword(`${WINRM}\\Client`, "AllowUnencryptedTraffic", 0),
    regDword(`${WINRM}\\Client`, "AllowDigest", 0),
    regDword(`${WINRM}\\Service`, "AllowBasic", 0),
    regDword(`${WINRM}\\Service`, "AllowUnencryptedTraffic", 0),
    regDword(`${WINRM}\\Service`, "DisableRunAs", 1),
  ],
});
