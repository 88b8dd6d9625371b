import type { MachineRole } from "../../../model/inventory.js";
import { defineControl } from "../../control.js";
import { regDword, regString, type Setting } from "../../settings.js";
import { CIS, DEFENDER_POLICY, defenderIsTheAntiMalware, MSB, WINDOWS_ROLES } from "./lib/common.js";

const EXPLOIT_GUARD = `${DEFENDER_POLICY}\\Windows Defender Exploit Guard`;
export const ASR_RULES_KEY = `${EXPLOIT_GUARD}\\ASR\\Rules`;

/** 1 block, 2 audit only (the rule logs what it would have blocked). */
type AsrMode = "1" | "2";

interface AsrRule {
  guid: string;
  en: string;
  /** Roles where the rule only audits, and why; everywhere else it blocks. */
  auditOn?: { roles: MachineRole[]; why: string };
}

/**
 * The attack surface reduction rules of the Microsoft baseline, all blocking except
 * where a rule is known to stop what schools run, and then only on the roles that run
 * it: those rules audit there (events 1122 in Microsoft-Windows-Windows Defender/
 * Operational), so IT staff see what would be blocked before turning them to block.
 */
export const ASR_RULES: AsrRule[] = [
  {
    guid: "be9ba2d9-53ea-4cdc-84e5-9b1eeee46550",
    en: "Block executable content from email client and webmail",
  },
  {
    guid: "d4f940ab-401b-4efc-aadc-ad5f3c50688a",
    en: "Block all Office applications from creating child processes",
  },
  {
    guid: "3b576869-a4ec-4529-8536-b80a7769e899",
    en: "Block Office applications from creating executable content",
  },
  {
    guid: "75668c1f-73b5-4cf0-bb93-3ecf5cb7cc84",
    en: "Block Office applications from injecting code into other processes",
  },
  {
    guid: "d3e037e1-3eb8-44c8-a917-57927947596d",
    en: "Block JavaScript or VBScript from launching downloaded executable content",
  },
  { guid: "5beb7efe-fd9a-4556-801d-275e5ffc04cc", en: "Block execution of potentially obfuscated scripts" },
  {
    guid: "92e97fa1-2edf-4476-bdd6-9dd0b4dddc7b",
    en: "Block Win32 API calls from Office macros",
    auditOn: {
      roles: ["office", "teacher"],
      why: "grade books and report templates in Excel VBA shared between schools declare Win32 API functions",
    },
  },
  { guid: "c1db55ab-c21a-4637-bb3f-a12568109d35", en: "Use advanced protection against ransomware" },
  {
    guid: "9e6c4e1f-7d60-472f-ba1a-a39ef669e4b2",
    en: "Block credential stealing from the Windows local security authority subsystem",
  },
  {
    guid: "b2b3f03d-6a65-4f7b-a9c7-1c7ef74a9ba4",
    en: "Block untrusted and unsigned processes that run from USB",
    auditOn: {
      roles: ["teacher", "lab"],
      why: "teaching software and Vietnamese input tools (portable Unikey, EVKey) are carried on USB drives and are often unsigned",
    },
  },
  {
    guid: "26190899-1602-49e8-8b27-eb1d0a1ce869",
    en: "Block Office communication application from creating child processes",
  },
  { guid: "7674ba52-37eb-4a4f-a9a1-f0f9a1619a2c", en: "Block Adobe Reader from creating child processes" },
  { guid: "e6db77e5-3df2-4cf1-b95a-636979351e5b", en: "Block persistence through WMI event subscription" },
  { guid: "56a863a9-875e-4185-98a7-b882c64b5ce5", en: "Block abuse of exploited vulnerable signed drivers" },
];

export function asrMode(rule: AsrRule, role: MachineRole): AsrMode {
  return rule.auditOn?.roles.includes(role) ? "2" : "1";
}

export default defineControl({
  id: "win.defender.asr",
  title: {
    vi: "Defender: quy tắc giảm bề mặt tấn công (ASR) và bảo vệ mạng",
    en: "Defender: attack surface reduction rules and network protection",
  },
  rationale: {
    vi: "Phần lớn mã độc vào trường qua tệp Office có macro, tệp đính kèm thư và USB. Các quy tắc ASR chặn những hành vi đó (Office tạo tiến trình con, macro gọi Win32, chương trình không ký chạy từ USB, đánh cắp thông tin từ LSASS...). Hai quy tắc chỉ ghi nhật ký (không chặn) ở vai trò dùng phần mềm bị ảnh hưởng: macro Excel gọi Win32 (sổ điểm, mẫu báo cáo) ở máy văn phòng và giáo viên, chương trình không ký từ USB (Unikey, phần mềm dạy học) ở máy giáo viên và phòng máy. Bảo vệ mạng chặn truy cập trang độc hại. Chỉ áp dụng khi Defender là phần mềm chống mã độc.",
    en: "Most malware reaches schools through Office files with macros, mail attachments and USB drives. ASR rules block those behaviours (Office spawning processes, macros calling Win32, unsigned programs from USB, credential theft from LSASS, ...). Two rules only audit on the roles whose software they would break: Win32 calls from Excel macros (grade books, report templates) on office and teacher machines, unsigned programs from USB (Unikey, teaching software) on teacher and lab machines. Network protection blocks dangerous sites. Only where Defender is the anti-malware.",
  },
  severity: "high",
  requirements: ["HY-EDU-S02", "HY-EDU-S13", "HY-EDU-A03", "QN-EDU-2"],
  references: {
    microsoft: `${MSB}: Microsoft Defender Exploit Guard: Configure Attack Surface Reduction rules (${ASR_RULES.map((r) => r.en).join("; ")}) = Block; Network Protection: Prevent users and apps from accessing dangerous websites = Block`,
    cis: `${CIS}: 18.10.43.6.1.x (ASR), 18.10.43.6.3.1 (network protection)`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: (ctx): Setting[] => {
    if (!defenderIsTheAntiMalware(ctx)) return [];
    return [
      regDword(`${EXPLOIT_GUARD}\\ASR`, "ExploitGuard_ASR_Rules", 1),
      // The policy stores each rule as a string value named by its GUID.
      ...ASR_RULES.map((r) => regString(ASR_RULES_KEY, r.guid, asrMode(r, ctx.role))),
      regDword(`${EXPLOIT_GUARD}\\Network Protection`, "EnableNetworkProtection", 1),
    ];
  },
});
