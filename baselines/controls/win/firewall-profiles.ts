import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { CIS, FIREWALL_POLICY, FIREWALL_PROFILES, MS_BASELINE, WINDOWS_ROLES } from "./lib/common.js";

/**
 * Firewall on and inbound blocked by default on all three profiles, as GPO writes it
 * (the policy key the firewall service reads). Outbound stays allowed except on
 * classified machines, whose own control blocks it.
 */
export default defineControl({
  id: "win.firewall.profiles-on",
  title: { vi: "Tường lửa bật cho cả ba hồ sơ mạng", en: "Firewall on for all three profiles" },
  rationale: {
    vi: "Máy trường chuyển giữa mạng trường, mạng nhà và Wi-Fi công cộng; tường lửa phải bật và chặn kết nối vào theo mặc định ở cả hồ sơ Domain, Private và Public.",
    en: "School machines move between the school LAN, home and public Wi-Fi; the firewall must be on and block inbound connections by default on the Domain, Private and Public profiles alike.",
  },
  severity: "high",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09", "QN-BCD-L1"],
  references: {
    cis: `${CIS}: Windows Firewall: <profile>: Firewall state = On; Inbound connections = Block`,
    microsoft: `${MS_BASELINE}: EnableFirewall 1, DefaultInboundAction 1 on Domain, Private and Public profiles`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () =>
    FIREWALL_PROFILES.flatMap((profile) => [
      regDword(`${FIREWALL_POLICY}\\${profile}`, "EnableFirewall", 1),
      regDword(`${FIREWALL_POLICY}\\${profile}`, "DefaultInboundAction", 1),
    ]),
});
