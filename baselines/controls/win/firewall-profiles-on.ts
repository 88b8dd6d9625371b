import { defineControl } from "../../control.js";
import { checkFirewallActive, regDword, type Setting } from "../../settings.js";
import { CIS, FIREWALL_POLICY, FIREWALL_PROFILES, MS_BASELINE, WINDOWS_ROLES } from "./lib/common.js";

/**
 * Firewall on and inbound blocked by default on all three profiles, as GPO writes it
 * (the policy key the firewall service reads). Outbound stays allowed except on
 * classified machines, whose own control blocks it. The policy values say what is
 * asked, not what runs: Test also probes the firewall service (MpsSvc running) and the
 * active store (what it enforces), which a stopped service or another product taking
 * over the firewall would show.
 */
export default defineControl({
  id: "win.firewall.profiles-on",
  title: { vi: "Tường lửa bật cho cả ba hồ sơ mạng", en: "Firewall on for all three profiles" },
  rationale: {
    vi: "Máy trường chuyển giữa mạng trường, mạng nhà và Wi-Fi công cộng; tường lửa phải bật và chặn kết nối vào theo mặc định ở cả hồ sơ Domain, Private và Public. Kiểm tra cả chính sách lẫn trạng thái thực: dịch vụ tường lửa MpsSvc đang chạy và cấu hình đang áp dụng (ActiveStore) bật, chặn kết nối vào ở cả ba hồ sơ.",
    en: "School machines move between the school LAN, home and public Wi-Fi; the firewall must be on and block inbound connections by default on the Domain, Private and Public profiles alike. The audit checks the policy and the live state: the firewall service MpsSvc running, and the enforced settings (ActiveStore) on, blocking inbound, on all three profiles.",
  },
  severity: "high",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09", "QN-BCD-L1"],
  references: {
    cis: `${CIS}: Windows Firewall: <profile>: Firewall state = On; Inbound connections = Block`,
    microsoft: `${MS_BASELINE}: EnableFirewall 1, DefaultInboundAction 1 on Domain, Private and Public profiles`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: (): Setting[] => [
    ...FIREWALL_PROFILES.flatMap((profile) => [
      regDword(`${FIREWALL_POLICY}\\${profile}`, "EnableFirewall", 1),
      regDword(`${FIREWALL_POLICY}\\${profile}`, "DefaultInboundAction", 1),
    ]),
    checkFirewallActive("any"),
  ],
});
