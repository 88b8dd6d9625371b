/**
 * How the service says no, in English and Vietnamese. Every refusal is JSON
 * `{ error, message, vi, problems? }` on the API and a row of the upload page, and
 * stores nothing.
 */
import type { IntakeProblem } from "./intake.js";

export interface Refusal {
  status: number;
  error: string;
  message: string;
  vi: string;
  problems?: IntakeProblem[];
}

export const REFUSALS: Record<string, { status: number; message: string; vi: string }> = {
  "no-credential": {
    status: 401,
    message: "send the unit's upload credential: Authorization: Bearer attt1.<key>.<secret>",
    vi: "cần gửi kèm khóa tải minh chứng của đơn vị (Authorization: Bearer ...)",
  },
  malformed: {
    status: 401,
    message: "the credential is not an attt upload credential",
    vi: "khóa tải minh chứng không đúng định dạng",
  },
  unknown: { status: 401, message: "unknown credential", vi: "khóa tải minh chứng không hợp lệ" },
  revoked: {
    status: 401,
    message: "this credential has been revoked; ask the Department for the unit's new one",
    vi: "khóa tải minh chứng đã bị thu hồi; xin Sở cấp khóa mới cho đơn vị",
  },
  replay: {
    status: 409,
    message: "this record was received already; nothing was stored",
    vi: "bản ghi này đã được nhận trước đó; không lưu thêm",
  },
  altered: {
    status: 409,
    message:
      "another record of this machine at this instant was received already: this one is altered; nothing was stored",
    vi: "đã nhận một bản ghi khác của máy này cùng thời điểm: bản ghi này đã bị sửa; không lưu",
  },
};

export type RefusalCode = keyof typeof REFUSALS;

export const refusal = (code: RefusalCode): Refusal => ({
  ...(REFUSALS[code] as (typeof REFUSALS)[string]),
  error: code,
});
