import type { InventoryInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";
import { positionCoverage } from "./helpers.js";

/** Who signs electronic records and digital school records (cán bộ quản lý và giáo viên). */
const SIGNERS = ["leader", "manager", "teacher"];

/**
 * HY-EDU-S14: every manager and teacher of an education unit holds their own digital
 * signature certificate, valid at the check date; two people holding one certificate is
 * signing on someone's behalf (ký thay), which the plan forbids.
 */
export default definePolicy<InventoryInput>({
  id: "inv.staff.signing-certificates",
  title: {
    vi: "Cán bộ quản lý và giáo viên có chứng thư chữ ký số riêng, còn hiệu lực",
    en: "Managers and teachers hold their own valid signing certificate",
  },
  requirements: ["HY-EDU-S14"],
  severity: "medium",
  input: "inventory",
  check: ({ inventory, where, asOf }) => {
    const findings: Issue[] = [];
    const communes = new Set(inventory.units.filter((u) => u.type === "commune").map((u) => u.id));
    const inScope = inventory.staff.filter((p) => p.status === "active" && !communes.has(p.unit));
    const signers = inScope.filter((p) => SIGNERS.includes(p.position ?? ""));
    const holders = new Map<string, string[]>();
    for (const p of signers) {
      const c = p.signingCertificate;
      if (c) holders.set(c.serial.toLowerCase(), [...(holders.get(c.serial.toLowerCase()) ?? []), p.id]);
    }
    const ok = signers.map((p) => {
      const c = p.signingCertificate;
      const shared = c ? (holders.get(c.serial.toLowerCase()) ?? []).filter((id) => id !== p.id) : [];
      const problem = !c
        ? { en: "holds no digital-signature certificate", vi: "chưa được cấp chứng thư chữ ký số" }
        : c.validUntil < asOf
          ? {
              en: `holds a certificate that expired on ${c.validUntil}`,
              vi: `có chứng thư chữ ký số đã hết hạn ngày ${c.validUntil}`,
            }
          : shared.length
            ? {
                en: `shares certificate ${c.serial} with ${shared.join(", ")} (signing on another's behalf)`,
                vi: `dùng chung chứng thư ${c.serial} với ${shared.join(", ")} (ký thay)`,
              }
            : undefined;
      if (problem)
        findings.push({
          subject: `person ${p.id}`,
          unit: p.unit,
          message: `${p.name} ${problem.en}`,
          fix: "Issue the person their own certificate (signingCertificate: serial, issuer, validUntil); revoke one used by several people",
          vi: {
            message: `${p.name} ${problem.vi}`,
            fix: "Cấp cho người này chứng thư chữ ký số riêng (signingCertificate: serial, issuer, validUntil); thu hồi chứng thư bị nhiều người dùng chung",
          },
          location: where(p, c ? ["signingCertificate"] : ["position"]),
        });
      return problem === undefined;
    });
    const coverage = positionCoverage(inScope, "active staff of education units with a position");
    return { findings, measures: [{ ...share("HY-EDU-S14", ok), coverage }] };
  },
});
