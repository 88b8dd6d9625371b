import { defineControl } from "../../control.js";
import { checkFirewallActive, regDword, type Setting } from "../../settings.js";
import { CLASSIFIED, FIREWALL_POLICY, FIREWALL_PROFILES, LAW_STATE_SECRETS } from "./lib/common.js";

/**
 * Every profile blocks inbound AND outbound, and ignores local rules
 * (AllowLocalPolicyMerge 0), so no allow rule an application or user adds on the
 * machine survives: the only rules are this bundle's, and it has none. Windows
 * Firewall never filters loopback, so local software talking to itself still works.
 * Test probes the live firewall as well (MpsSvc running; the active store enabled,
 * blocking inbound and outbound on every profile): policy values alone pass on a
 * machine whose firewall service is stopped.
 */
export default defineControl({
  id: "win.classified.firewall-block-all",
  title: {
    vi: "Máy tài liệu mật: chặn mọi kết nối vào và ra",
    en: "Classified machine: all inbound and outbound traffic blocked",
  },
  rationale: {
    vi: "Máy soạn thảo, lưu trữ tài liệu mật (đề thi, hồ sơ mật) không được nối Internet hay mạng nào (Luật Bảo vệ bí mật nhà nước 117/2025/QH15). Ngoài việc rút cáp, tường lửa chặn mọi kết nối vào và ra ở cả ba hồ sơ và bỏ qua mọi luật cục bộ (AllowLocalPolicyMerge=0) nên không phần mềm nào tự mở được đường ra. Kiểm tra cả trạng thái thực: dịch vụ MpsSvc đang chạy và cấu hình đang áp dụng (ActiveStore) chặn kết nối vào và ra ở cả ba hồ sơ. Lưu lượng loopback không bị tường lửa Windows lọc.",
    en: "Machines that draft or store state secrets (exam papers, classified files) must not connect to the Internet or any network (Law 117/2025/QH15). Besides unplugging, the firewall blocks all inbound and outbound traffic on all three profiles and ignores every local rule (AllowLocalPolicyMerge=0), so no software can open its own way out. The audit checks the live state too: the MpsSvc service running and the enforced settings (ActiveStore) blocking inbound and outbound on all three profiles. Windows Firewall does not filter loopback.",
  },
  severity: "critical",
  requirements: ["HY-EDU-T3", "HY-EDU-S04", "HY-EDU-S15", "HY-EDU-A06"],
  references: {
    law: LAW_STATE_SECRETS,
    microsoft:
      "Microsoft Security Baseline (Windows 11 24H2): Windows Firewall, Public profile: Apply local firewall rules = No, Apply local connection security rules = No (here every profile, and outbound blocked). Windows Defender Firewall policy: DefaultInboundAction/DefaultOutboundAction 1 (block), AllowLocalPolicyMerge 0 (apply local firewall rules: No)",
  },
  appliesTo: { os: ["windows"], roles: CLASSIFIED },
  // Inbound and outbound blocked: no remote session survives.
  cutsRemoteSessions: () => ["rdp", "remoting", "ssh"],
  // Local rules ignored on every profile (AllowLocalPolicyMerge 0 below).
  ignoresLocalFirewallRules: () => ["domain", "private", "public"],
  settings: (): Setting[] => [
    ...FIREWALL_PROFILES.flatMap((profile) => {
      const key = `${FIREWALL_POLICY}\\${profile}`;
      return [
        regDword(key, "EnableFirewall", 1),
        regDword(key, "DefaultInboundAction", 1),
        regDword(key, "DefaultOutboundAction", 1),
        regDword(key, "AllowLocalPolicyMerge", 0),
        regDword(key, "AllowLocalIPsecPolicyMerge", 0),
      ];
    }),
    checkFirewallActive("block"),
  ],
});
