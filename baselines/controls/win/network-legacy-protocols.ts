import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { CIS, MSB, WINDOWS_ROLES } from "./lib/common.js";

/**
 * The baseline's legacy network values (MSS settings and friends): no source-routed
 * packets, no ICMP redirects rewriting routes, NetBIOS names not released on request,
 * no unauthenticated RPC clients, LDAP signing asked for, no Internet Connection
 * Sharing set up by users, no automatic connection to suggested open Wi-Fi hotspots.
 */
export default defineControl({
  id: "win.network.legacy-protocols",
  title: { vi: "Tắt các hành vi mạng cũ dễ bị lợi dụng", en: "Legacy network behaviours off" },
  rationale: {
    vi: "Định tuyến nguồn, chuyển hướng ICMP và việc nhả tên NetBIOS theo yêu cầu cho phép kẻ tấn công trong cùng mạng chuyển hướng lưu lượng. Tắt chúng, chỉ nhận lời gọi RPC có xác thực, yêu cầu ký LDAP, không cho người dùng chia sẻ kết nối Internet và không tự nối Wi-Fi công cộng được gợi ý.",
    en: "Source routing, ICMP redirects and releasing NetBIOS names on request let an attacker on the same network redirect traffic. They are off; only authenticated RPC clients are served, LDAP signing is requested, users cannot share the Internet connection and suggested open hotspots are not joined automatically.",
  },
  severity: "medium",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: MSS: (DisableIPSourceRouting IPv6) and (DisableIPSourceRouting) = Highest protection; (EnableICMPRedirect) = Disabled; (NoNameReleaseOnDemand) = Enabled; Remote Procedure Call: Restrict Unauthenticated RPC clients = Authenticated; Network security: LDAP client signing requirements = Negotiate signing; Network Connections: Prohibit use of Internet Connection Sharing; WLAN Settings: Allow Windows to automatically connect to suggested open hotspots = Disabled`,
    cis: `${CIS}: 18.4.x (MSS), 18.9.x (RPC), 2.3.11.8, 18.6.11.3, 18.6.23.2.1`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    regDword("SYSTEM\\CurrentControlSet\\Services\\Tcpip6\\Parameters", "DisableIPSourceRouting", 2),
    regDword("SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters", "DisableIPSourceRouting", 2),
    regDword("SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters", "EnableICMPRedirect", 0),
    regDword("SYSTEM\\CurrentControlSet\\Services\\NetBT\\Parameters", "NoNameReleaseOnDemand", 1),
    regDword("SOFTWARE\\Policies\\Microsoft\\Windows NT\\Rpc", "RestrictRemoteClients", 1),
    regDword("SYSTEM\\CurrentControlSet\\Services\\LDAP", "LDAPClientIntegrity", 1),
    regDword("SOFTWARE\\Policies\\Microsoft\\Windows\\Network Connections", "NC_ShowSharedAccessUI", 0),
    regDword("SOFTWARE\\Microsoft\\wcmsvc\\wifinetworkmanager\\config", "AutoConnectAllowedOEM", 0),
  ],
});
