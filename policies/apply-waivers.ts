/**
 * Waivers are approvals: only an approved, unexpired waiver (approved on or before the
 * check date) waives, and only the findings in its scope. An expired waiver is itself a
 * finding; a requested one is listed and waives nothing.
 */
import type { Catalogue } from "../model/load-catalogue.js";
import type { LoadedWaiver } from "../model/waivers.js";
import type { WaivedFinding } from "./engine.js";

export interface WaiverState extends LoadedWaiver {
  /** active: in force and covering findings; expired; not-approved (requested, or approved after asOf): waives nothing; unused. */
  state: "active" | "expired" | "not-approved" | "unused";
  /** Findings in its scope (waived when active). */
  covers: number;
}

/** How a waived finding names its waiver. */
export const waiverLabel = (w: LoadedWaiver) => `${w.id} (${w.approver}, until ${w.expires})`;

/** Whether a finding is in a waiver's scope: its subject, its unit ("unit X"), or "*". */
function inScope(w: LoadedWaiver, f: WaivedFinding): boolean {
  if (w.id !== f.policy && !f.requirements.includes(w.id)) return false;
  if (w.scope === "*" || w.scope === f.subject) return true;
  return f.unit !== undefined && w.scope === `unit ${f.unit}`;
}

export function applyWaivers(
  findings: WaivedFinding[],
  waivers: LoadedWaiver[],
  asOf: string,
  catalogue: Catalogue,
): { states: WaiverState[]; expiredFindings: WaivedFinding[] } {
  const states: WaiverState[] = [];
  const expiredFindings: WaivedFinding[] = [];
  for (const w of waivers) {
    const expired = w.expires < asOf;
    const approved = w.status === "approved" && w.approvedOn !== undefined && w.approvedOn <= asOf;
    let covers = 0;
    for (const f of findings) {
      if (f.waiver || f.technicalException || !inScope(w, f)) continue;
      covers++;
      if (approved && !expired) f.waiver = waiverLabel(w);
    }
    const state = expired ? "expired" : !approved ? "not-approved" : covers > 0 ? "active" : "unused";
    states.push({ ...w, state, covers });
    if (!expired) continue;
    const requirements = catalogue.requirements.has(w.id)
      ? [w.id]
      : findings.find((f) => f.policy === w.id)?.requirements;
    if (!requirements) continue;
    expiredFindings.push({
      policy: "waivers",
      requirements,
      severity: "high",
      subject: `waiver ${w.id} ${w.scope}`,
      message: `the waiver approved by ${w.approver} expired on ${w.expires}`,
      fix: "Fix the findings it covered, or have the waiver reviewed and renewed with a new expiry",
      vi: {
        message: `miễn trừ do ${w.approver} phê duyệt đã hết hạn ngày ${w.expires}`,
        fix: "Khắc phục các tồn tại được miễn trừ, hoặc trình xem xét và gia hạn miễn trừ với thời hạn mới",
      },
      location: w.location,
    });
  }
  return { states, expiredFindings };
}
