import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { CIS, DNS_CLIENT_POLICY, MS_SECGUIDE, WINDOWS_ROLES } from "./lib/common.js";

/**
 * NetBIOS over TCP/IP is switched per network adapter (NetbiosOptions under a key
 * named after each adapter's GUID), which a fixed registry setting cannot name. What
 * matters for security is NetBIOS name resolution, which answers spoofed broadcasts:
 * NodeType 2 (P-node: ask a WINS server, never broadcast) is the Microsoft baseline's
 * way, and EnableNetbios 0 (Windows 11 DNS Client policy "Configure NetBIOS settings":
 * disable NetBIOS name resolution) covers newer builds; Windows 10 ignores it.
 */
export default defineControl({
  id: "win.network.netbios-off",
  title: { vi: "Tắt phân giải tên NetBIOS", en: "NetBIOS name resolution off" },
  rationale: {
    vi: "Giống LLMNR, phân giải tên NetBIOS bằng quảng bá bị giả mạo để lấy mã băm mật khẩu. Đặt NodeType=2 (không quảng bá, theo Microsoft) và chính sách EnableNetbios=0 (Windows 11). Việc tắt hẳn NetBIOS trên từng card mạng phụ thuộc GUID của card nên không ghi được thành thiết lập cố định.",
    en: "Like LLMNR, broadcast NetBIOS name resolution is spoofed to collect password hashes. NodeType=2 (no broadcasts, per Microsoft) and the Windows 11 EnableNetbios=0 policy stop it. Turning NetBIOS off per adapter depends on each adapter's GUID and cannot be a fixed setting.",
  },
  severity: "medium",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    cis: `${CIS}: Configure NetBIOS settings (CIS asks at least for public networks; this bundle disables it everywhere); NetBT NodeType configuration = P-node`,
    microsoft: `${MS_SECGUIDE}: NetBT NodeType configuration = P-node (2)`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    regDword("SYSTEM\\CurrentControlSet\\Services\\NetBT\\Parameters", "NodeType", 2),
    regDword(DNS_CLIENT_POLICY, "EnableNetbios", 0),
  ],
});
