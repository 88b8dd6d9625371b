import type { InventoryInput } from "../../inputs.js";
import { percent, share } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";
import { someOf, trainedThisYear, yearOf } from "./helpers.js";

/** Schools whose students the plans name: THCS, THPT (HY-EDU-S23) and continuing education. */
const STUDENT_SCHOOLS = ["lower-secondary", "upper-secondary", "continuing-education"];

/**
 * HY-EDU-A10 and S23: security and personal-data training for managers, teachers and
 * staff (built into their regular training), and courses for THCS/THPT students.
 * The figure: active staff who attended a training of the reporting year, over the
 * active staff. Each unit with untrained staff is a finding, and so is each secondary
 * school that held no session with its students.
 */
export default definePolicy<InventoryInput>({
  id: "inv.training.staff-trained",
  title: {
    vi: "Cán bộ, giáo viên, nhân viên và học sinh được tập huấn an ninh mạng",
    en: "Staff and students trained in cybersecurity every year",
  },
  requirements: ["HY-EDU-A10", "HY-EDU-S23"],
  severity: "medium",
  input: "inventory",
  check: ({ inventory, where, asOf }) => {
    const findings: Issue[] = [];
    const year = yearOf(asOf);
    const trained = trainedThisYear(inventory.trainings, asOf);
    const active = inventory.staff.filter((p) => p.status === "active");
    const breakdown: Array<{ key: string; value: number; numerator: number; denominator: number }> = [];
    // By unit once: a province has thousands of units and tens of thousands of staff.
    const byUnit = new Map<string, typeof active>();
    for (const p of active) {
      const list = byUnit.get(p.unit);
      if (list) list.push(p);
      else byUnit.set(p.unit, [p]);
    }
    for (const unit of inventory.units) {
      const staff = byUnit.get(unit.id) ?? [];
      if (staff.length === 0) continue;
      const missing = staff.filter((p) => !trained.has(p.id));
      const done = staff.length - missing.length;
      breakdown.push({
        key: unit.id,
        value: percent(done, staff.length),
        numerator: done,
        denominator: staff.length,
      });
      if (missing.length === 0) continue;
      const names = someOf(missing.map((p) => p.name));
      findings.push({
        subject: `unit ${unit.id}`,
        unit: unit.id,
        message: `${unit.name}: ${missing.length} of ${staff.length} staff attended no security training in ${year}: ${names}`,
        fix: "Hold (or send them to) a security and personal-data training and list them among its attendees (trainings[].attendees)",
        vi: {
          message: `${unit.name}: ${missing.length}/${staff.length} cán bộ chưa tham gia tập huấn an ninh mạng nào trong năm ${year}: ${names}`,
          fix: "Tổ chức (hoặc cử tham gia) tập huấn về an ninh mạng, bảo vệ dữ liệu cá nhân và ghi tên vào danh sách tham dự (trainings[].attendees)",
        },
        location: where(unit),
      });
    }
    for (const unit of inventory.units.filter((u) => STUDENT_SCHOOLS.includes(u.type))) {
      const held = inventory.trainings.some(
        (t) => t.unit === unit.id && t.students > 0 && yearOf(t.date) === year && t.date <= asOf,
      );
      if (held) continue;
      findings.push({
        subject: `unit ${unit.id}`,
        unit: unit.id,
        message: `${unit.name} held no cybersecurity session with its students in ${year}`,
        fix: "Hold a digital-skills and cybersecurity session for the students and record it as a training with unit and students (the number who attended)",
        vi: {
          message: `${unit.name} chưa tổ chức buổi tập huấn kỹ năng số, an ninh mạng nào cho học sinh trong năm ${year}`,
          fix: "Tổ chức tập huấn kỹ năng số, an ninh mạng cho học sinh và ghi lại như một training có unit và students (số học sinh tham dự)",
        },
        location: where(unit),
      });
    }
    const ok = active.map((p) => trained.has(p.id));
    return {
      findings,
      measures: [share("HY-EDU-A10", ok, breakdown), share("HY-EDU-S23", ok, breakdown)],
    };
  },
});
