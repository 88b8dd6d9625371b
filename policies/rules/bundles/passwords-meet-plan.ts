import type { BundlesInput } from "../../inputs.js";
import { definePolicy, type Issue, type Phrase } from "../../policy.js";
import { bundlesIn, OFFICIAL_ROLES, systemAccess, text } from "./read-bundles.js";

/**
 * HY-PROV-09 (security per the approved level), QN-EDU-2, HP-EDU-2: the password and lockout values a bundle sets meet
 * TCVN 14423 for machines without a second factor: at least 14 characters, lockout after
 * at most 10 failed logons on devices (5 on classified machines and from level 3).
 */
export default definePolicy<BundlesInput>({
  id: "bundle.passwords.meet-plan",
  title: {
    vi: "Chính sách mật khẩu, khóa tài khoản đạt yêu cầu",
    en: "Password and lockout values meet the plan",
  },
  requirements: ["HY-PROV-09", "QN-EDU-2", "HP-EDU-2"],
  severity: "high",
  input: "bundles",
  check: ({ files, inventory }) => {
    const findings: Issue[] = [];
    const level = new Map(inventory.units.map((u) => [u.id, u.level]));
    for (const b of bundlesIn(files).filter((x) => OFFICIAL_ROLES.includes(x.role))) {
      const gaps: Phrase[] = [];
      // "<setting> <value> (< 14)" and "<setting> <value> (must be 1..max)"; no value reads "unset".
      const short = (setting: string, value: number | undefined) =>
        gaps.push({
          en: `${setting} ${value ?? "unset"} (< 14)`,
          vi: `${setting} ${value ?? "chưa đặt"} (< 14)`,
        });
      const outside = (setting: string, value: number | undefined, max: number) =>
        gaps.push({
          en: `${setting} ${value ?? "unset"} (must be 1..${max})`,
          vi: `${setting} ${value ?? "chưa đặt"} (phải từ 1 đến ${max})`,
        });
      const maxLockout =
        b.role === "classified" || ((level.get(b.unit) ?? 2) >= 3 && b.role !== "lab") ? 5 : 10;
      if (b.os === "windows") {
        const sa = systemAccess(b);
        const num = (k: string) => (sa.has(k) ? Number(sa.get(k)) : undefined);
        const len = num("MinimumPasswordLength");
        const lock = num("LockoutBadCount");
        if (len === undefined || len < 14) short("MinimumPasswordLength", len);
        if (num("PasswordComplexity") !== 1)
          gaps.push({ en: "PasswordComplexity not 1", vi: "PasswordComplexity khác 1" });
        if (lock === undefined || lock === 0 || lock > maxLockout)
          outside("LockoutBadCount", lock, maxLockout);
      } else {
        const pw = text(b, "files/etc/security/pwquality.conf.d/60-attt.conf") ?? "";
        const minlen = Number(/^minlen\s*=\s*(\d+)/m.exec(pw)?.[1] ?? 0);
        if (minlen < 14) short("pwquality minlen", minlen || undefined);
        // faillock.conf belongs to the distribution: the bundle sets its keys from apply.sh's data section.
        const deny = Number(
          /want_kv '\/etc\/security\/faillock\.conf' 'deny' '(\d+)'/.exec(text(b, "apply.sh") ?? "")?.[1] ??
            0,
        );
        if (deny === 0 || deny > maxLockout) outside("faillock deny", deny || undefined, maxLockout);
      }
      if (gaps.length) {
        findings.push({
          subject: `bundle ${b.id}`,
          unit: b.unit,
          message: `weak password or lockout settings: ${gaps.map((g) => g.en).join("; ")}`,
          fix: "Regenerate the bundle; if a control was changed, restore the TCVN 14423 values",
          vi: {
            message: `chính sách mật khẩu, khóa tài khoản chưa đạt yêu cầu: ${gaps.map((g) => g.vi).join("; ")}`,
            fix: "Tạo lại gói cấu hình; nếu một biện pháp đã bị sửa, khôi phục các giá trị theo TCVN 14423",
          },
        });
      }
    }
    return { findings };
  },
});
