import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { CIS, MSB, WINDOWS_ROLES } from "./lib/common.js";

const PRINTERS = "SOFTWARE\\Policies\\Microsoft\\Windows NT\\Printers";

/**
 * The print spooler hardening Microsoft added after PrintNightmare: only
 * administrators install printer drivers, queue-specific files only from the
 * driver's own folder, redirection guard, RPC over TCP with authentication and packet
 * privacy, no driver download over HTTP. Printing to the school's printers goes on.
 */
export default defineControl({
  id: "win.print.spooler-hardening",
  title: { vi: "Dịch vụ in (Print Spooler) được gia cố", en: "Print spooler hardened" },
  rationale: {
    vi: "Lỗ hổng PrintNightmare cho phép người dùng thường hay máy khác trong mạng chạy mã với quyền SYSTEM qua dịch vụ in. Chỉ quản trị viên được cài trình điều khiển máy in, RPC của dịch vụ in dùng TCP có xác thực và mã hóa, không tải trình điều khiển qua HTTP. Máy vẫn in được như bình thường.",
    en: "PrintNightmare let ordinary users or other machines run code as SYSTEM through the print spooler. Only administrators install printer drivers, the spooler's RPC uses TCP with authentication and privacy, no driver comes over HTTP. Printing works as before.",
  },
  severity: "high",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: Printers: Configure Redirection Guard = Enabled; Configure RPC connection settings (RPC over TCP, Default authentication); Configure RPC listener settings (RPC over TCP, Negotiate); Configure RPC over TCP port = 0; Configure RPC packet level privacy setting for incoming connections = Enabled; Limits print driver installation to Administrators; Manage processing of Queue-specific files = Limit to Color profiles; Internet Communication settings: Turn off downloading of print drivers over HTTP, Turn off Internet download for Web publishing and online ordering wizards`,
    cis: `${CIS}: 18.7.x (Printers), 18.9.20.1.x`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    regDword(PRINTERS, "RedirectionGuardPolicy", 1),
    regDword(PRINTERS, "CopyFilesPolicy", 1),
    regDword(PRINTERS, "DisableWebPnPDownload", 1),
    regDword(`${PRINTERS}\\PointAndPrint`, "RestrictDriverInstallationToAdministrators", 1),
    regDword(`${PRINTERS}\\RPC`, "RpcUseNamedPipeProtocol", 0),
    regDword(`${PRINTERS}\\RPC`, "RpcAuthentication", 0),
    regDword(`${PRINTERS}\\RPC`, "RpcProtocols", 5),
    regDword(`${PRINTERS}\\RPC`, "ForceKerberosForRpc", 0),
    regDword(`${PRINTERS}\\RPC`, "RpcTcpPort", 0),
    regDword("SYSTEM\\CurrentControlSet\\Control\\Print", "RpcAuthnLevelPrivacyEnabled", 1),
    regDword("SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer", "NoWebServices", 1),
  ],
});
