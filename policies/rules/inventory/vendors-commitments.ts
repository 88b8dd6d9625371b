import type { Vendor } from "../../../model/inventory.js";
import type { InventoryInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";

/** The vendor duties of HY-EDU-S17..S20, each one commitment of the vendor record. */
const DUTIES: Array<{
  requirement: string;
  holds: (v: Vendor) => boolean;
  field: string;
  what: string;
  whatVi: string;
}> = [
  {
    requirement: "HY-EDU-S17",
    field: "offlineBackup",
    holds: (v) => v.commitments.offlineBackup,
    what: "periodic independent (offline) backups",
    whatVi: "sao lưu độc lập (ngoại tuyến) định kỳ",
  },
  {
    requirement: "HY-EDU-S18",
    field: "support24x7",
    holds: (v) => v.commitments.support24x7,
    what: "24/7 support and incident response",
    whatVi: "hỗ trợ kỹ thuật và ứng cứu sự cố 24/7",
  },
  {
    requirement: "HY-EDU-S19",
    field: "patchWithinDays",
    holds: (v) => v.commitments.patchWithinDays !== null && v.commitments.patchWithinDays <= 30,
    what: "patching published vulnerabilities within 30 days",
    whatVi: "vá lỗ hổng đã công bố trong vòng 30 ngày",
  },
  {
    requirement: "HY-EDU-S20",
    field: "confidentiality",
    holds: (v) => v.commitments.confidentiality,
    what: "absolute confidentiality of sector data",
    whatVi: "bảo mật tuyệt đối dữ liệu của ngành",
  },
];

export default definePolicy<InventoryInput>({
  id: "inv.vendors.commitments",
  title: { vi: "Cam kết của nhà cung cấp dịch vụ", en: "Vendor commitments" },
  requirements: DUTIES.map((d) => d.requirement),
  severity: "medium",
  input: "inventory",
  // A contract clause says what the vendor will do, not what it did.
  promise: true,
  check: ({ inventory, where }) => {
    const findings: Issue[] = [];
    for (const vendor of inventory.vendors) {
      for (const duty of DUTIES) {
        if (duty.holds(vendor)) continue;
        findings.push({
          requirements: [duty.requirement],
          subject: `vendor ${vendor.id}`,
          message: `${vendor.name} has not committed to ${duty.what}`,
          fix: `Add the commitment to the contract (templates/vendor has the backup policy to attach) and set commitments.${duty.field}`,
          vi: {
            message: `${vendor.name} chưa cam kết ${duty.whatVi}`,
            fix: `Bổ sung cam kết vào hợp đồng (templates/vendor có mẫu chính sách sao lưu để đính kèm) rồi đặt commitments.${duty.field}`,
          },
          location: where(vendor, ["commitments", duty.field]),
        });
      }
    }
    return { findings, measures: DUTIES.map((d) => share(d.requirement, inventory.vendors.map(d.holds))) };
  },
});
