/**
 * One record from a unit's credential, checked and stored: the one path every record
 * takes, whether it came to the API or through the upload page. A refusal stores nothing.
 */
import type { Pool } from "pg";
import type { KnownIds } from "../model/load-evidence.js";
import type { Credential } from "./credentials.js";
import { checkIntake } from "./intake.js";
import { type Refusal, refusal } from "./refusals.js";
import { storeEvidence } from "./store.js";

export type Taken = { stored: string; machine: string } | Refusal;

export async function takeRecord(db: Pool, cred: Credential, known: KnownIds, body: unknown): Promise<Taken> {
  const intake = checkIntake(body, cred, known);
  if ("problems" in intake)
    return intake.status === 403
      ? {
          status: 403,
          error: "wrong-unit",
          message: `this credential sends evidence of unit ${cred.unit} only; nothing was stored`,
          vi: `khóa này chỉ gửi được minh chứng của đơn vị ${cred.unit}; không lưu gì`,
          problems: intake.problems,
        }
      : {
          status: 400,
          error: "invalid",
          message: "the record does not match the evidence schema; nothing was stored",
          vi: "bản ghi không đúng lược đồ minh chứng; không lưu gì",
          problems: intake.problems,
        };
  const outcome = await storeEvidence(db, cred.keyId, intake.ok);
  return typeof outcome === "string"
    ? refusal(outcome)
    : { stored: outcome.stored, machine: intake.ok.machine };
}
