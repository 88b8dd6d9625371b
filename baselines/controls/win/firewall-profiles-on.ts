import { type ControlContext, defineControl } from "../../control.js";
import { checkFirewallActive, regDword, type Setting } from "../../settings.js";
import { CIS, FIREWALL_POLICY, FIREWALL_PROFILES, MSB, WINDOWS_ROLES } from "./lib/common.js";

/**
 * A declared third-party firewall (inventory `firewall`) on every machine of the bundle
 * runs instead of Windows' own: its policy is not fought, Test asks Security Center for
 * the products instead. Their names, sorted; none when any group uses Windows' firewall.
 */
function thirdPartyFirewalls(ctx: ControlContext): string[] {
  const products = [...new Set(ctx.groups.flatMap((g) => (g.firewall ? [g.firewall.product] : [])))].sort();
  return products.length > 0 && ctx.groups.every((g) => g.firewall !== undefined) ? products : [];
}

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
    microsoft: `${MSB}: Windows Firewall, Domain / Private / Public profile: Firewall state = On; Inbound connections = Block; Outbound connections = Allow; Display a notification = No; Logging: size limit 16,384 KB, log dropped packets, log successful connections; Public profile: Apply local firewall rules = No, Apply local connection security rules = No`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  // Only where Windows' own firewall is set: the Public profile ignores local rules.
  ignoresLocalFirewallRules: (ctx) => (thirdPartyFirewalls(ctx).length > 0 ? [] : ["public"]),
  settings: (ctx): Setting[] => {
    const thirdParty = thirdPartyFirewalls(ctx);
    if (thirdParty.length > 0)
      return thirdParty.map(
        (product): Setting => ({ kind: "check", check: "security-center-firewall", product }),
      );
    return [
      ...FIREWALL_PROFILES.flatMap((profile) => {
        const key = `${FIREWALL_POLICY}\\${profile}`;
        const values = [
          regDword(key, "EnableFirewall", 1),
          regDword(key, "DefaultInboundAction", 1),
          regDword(key, "DisableNotifications", 1),
          regDword(`${key}\\Logging`, "LogFileSize", 16384),
          regDword(`${key}\\Logging`, "LogDroppedPackets", 1),
          regDword(`${key}\\Logging`, "LogSuccessfulConnections", 1),
        ];
        // Outbound: allowed here; the classified control blocks it, and owns the value there.
        if (ctx.role !== "classified") values.push(regDword(key, "DefaultOutboundAction", 0));
        // On public networks (a laptop on café Wi-Fi) only this policy's rules count.
        if (profile === "PublicProfile")
          values.push(
            regDword(key, "AllowLocalPolicyMerge", 0),
            regDword(key, "AllowLocalIPsecPolicyMerge", 0),
          );
        return values;
      }),
      checkFirewallActive("any"),
    ];
  },
});
