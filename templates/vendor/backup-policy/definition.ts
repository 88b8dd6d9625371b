/** The backup and restore policy a vendor must run, as a bilingual Markdown document. */
import { defineVendorTemplate } from "../define.js";
import { BackupPolicyValues, version } from "./schema.js";

const WEEKDAY_VI: Record<BackupPolicyValues["offlineCopy"]["weekday"], string> = {
  monday: "Thứ Hai",
  tuesday: "Thứ Ba",
  wednesday: "Thứ Tư",
  thursday: "Thứ Năm",
  friday: "Thứ Sáu",
  saturday: "Thứ Bảy",
  sunday: "Chủ nhật",
};

const FREQUENCY_VI: Record<BackupPolicyValues["datasets"][number]["frequency"], string> = {
  hourly: "hằng giờ",
  daily: "hằng ngày",
  weekly: "hằng tuần",
};

/** 2026-12-01 -> 01/12/2026, the way Vietnamese documents write dates. */
export const vietnameseDate = (iso: string): string => iso.split("-").reverse().join("/");

export const backupPolicy = defineVendorTemplate({
  name: "backup-policy",
  description: {
    vi: "Chính sách sao lưu đơn vị cung cấp dịch vụ phải thực hiện: lịch, lưu giữ, bản sao ngoại tuyến, diễn tập khôi phục, hồ sơ",
    en: "Backup policy a vendor must run: schedule, retention, offline copy, monthly restore drill, evidence",
  },
  version,
  schema: BackupPolicyValues,
  files: [{ source: "policy.md.hbs", output: "backup-policy.md", language: "markdown" }],
  context: (v: BackupPolicyValues) => ({
    ...v,
    effectiveFromVi: vietnameseDate(v.effectiveFrom),
    offlineWeekdayVi: WEEKDAY_VI[v.offlineCopy.weekday],
    offlineWeekdayEn: v.offlineCopy.weekday.charAt(0).toUpperCase() + v.offlineCopy.weekday.slice(1),
    datasets: v.datasets.map((d) => ({ ...d, frequencyVi: FREQUENCY_VI[d.frequency] })),
  }),
});
