import type { BundlesInput } from "../../inputs.js";
import { definePolicy, type Issue, type Phrase } from "../../policy.js";
import { bundlesIn, registryPolicy, text } from "./read-bundles.js";

const PROFILES = ["DomainProfile", "PrivateProfile", "PublicProfile"];
const FW = "SOFTWARE\\Policies\\Microsoft\\WindowsFirewall";

/**
 * HY-EDU-T3, S04, S15, A06: the classified role's bundle blocks all network traffic.
 * Windows: the GPO's firewall policy is on and blocks inbound and outbound on every
 * profile, with local rules not merged. Linux: nftables drops everything in and out
 * except loopback.
 */
export default definePolicy<BundlesInput>({
  id: "bundle.classified.network-blocked",
  title: {
    vi: "Máy soạn thảo tài liệu mật bị chặn mọi kết nối mạng",
    en: "Classified machines blocked from every network",
  },
  requirements: ["HY-EDU-T3", "HY-EDU-S04", "HY-EDU-S15", "HY-EDU-A06"],
  severity: "critical",
  input: "bundles",
  check: ({ files }) => {
    const findings: Issue[] = [];
    for (const b of bundlesIn(files).filter((x) => x.role === "classified")) {
      const gaps: Phrase[] = [];
      if (b.os === "windows") {
        const pol = registryPolicy(b);
        const value = (profile: string, name: string) =>
          pol.find((e) => e.key.toLowerCase() === `${FW}\\${profile}`.toLowerCase() && e.value === name)
            ?.data;
        for (const p of PROFILES) {
          if (value(p, "EnableFirewall") !== 1)
            gaps.push({ en: `${p}: firewall not enforced on`, vi: `${p}: chưa bắt buộc bật tường lửa` });
          if (value(p, "DefaultInboundAction") !== 1)
            gaps.push({ en: `${p}: inbound not blocked`, vi: `${p}: không chặn kết nối vào` });
          if (value(p, "DefaultOutboundAction") !== 1)
            gaps.push({ en: `${p}: outbound not blocked`, vi: `${p}: không chặn kết nối ra` });
          if (value(p, "AllowLocalPolicyMerge") !== 0)
            gaps.push({
              en: `${p}: local firewall rules still merged`,
              vi: `${p}: vẫn áp dụng luật tường lửa cục bộ`,
            });
        }
      } else {
        gaps.push(...nftablesGaps(text(b, "files/etc/nftables.conf")));
      }
      if (gaps.length) {
        findings.push({
          subject: `bundle ${b.id}`,
          unit: b.unit,
          message: `the classified bundle does not cut the machine off: ${gaps.map((g) => g.en).join("; ")}`,
          fix: "Regenerate the bundle with attt baseline generate (do not edit it by hand)",
          vi: {
            message: `gói cho máy soạn thảo tài liệu mật không cách ly máy khỏi mạng: ${gaps.map((g) => g.vi).join("; ")}`,
            fix: "Tạo lại gói cấu hình bằng attt baseline generate (không sửa tay)",
          },
        });
      }
    }
    return { findings };
  },
});

/** What an nftables ruleset lets through besides loopback. */
export function nftablesGaps(rules: string | undefined): Phrase[] {
  if (!rules) return [{ en: "no nftables ruleset", vi: "không có bộ luật nftables" }];
  const gaps: Phrase[] = [];
  for (const hook of ["input", "output", "forward"]) {
    const chain = new RegExp(`type filter hook ${hook} priority [^;]+; policy (\\w+);`).exec(rules);
    if (!chain) gaps.push({ en: `no ${hook} chain`, vi: `không có chain ${hook}` });
    else if (chain[1] !== "drop")
      gaps.push({ en: `${hook} policy is ${chain[1]}`, vi: `chain ${hook} có policy ${chain[1]}` });
  }
  for (const line of rules.split("\n")) {
    const l = line.trim();
    if (/\baccept\b/.test(l) && !/^(iif|oif) "lo" accept$/.test(l))
      gaps.push({ en: `allows "${l}"`, vi: `cho phép "${l}"` });
  }
  return gaps;
}
