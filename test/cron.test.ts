/** The cron rule the inventory and the crontab writer share: what Debian's cron accepts, and nothing else. */
import { describe, expect, it } from "vitest";
import { isCronSchedule } from "../model/cron.js";

describe("cron schedules", () => {
  it.each([
    "0 1 * * *",
    "30 5 * * *",
    "0 8 1 * *",
    "0 3 * * 0",
    "0 3 * * 7",
    "*/15 * * * *",
    "0-30/5 2 * * *",
    "0 1 * * mon-fri",
    "0 0 1 jan,jul *",
    "59 23 31 12 sat",
  ])("accepts %j", (s) => expect(isCronSchedule(s)).toBe(true));

  it.each([
    ["61 1 * * *", "minute 61"],
    ["0 24 * * *", "hour 24"],
    ["0 1 0 * *", "day 0"],
    ["0 1 32 * *", "day 32"],
    ["0 1 * 13 *", "month 13"],
    ["0 1 * * 8", "weekday 8"],
    ["*/0 * * * *", "a step of 0"],
    ["5-70 * * * *", "a range past 59"],
    ["30-5 * * * *", "a descending range"],
    ["1,99 * * * *", "a list item past 59"],
    ["abc 1 * * *", "a word as a minute"],
    ["0 1 * mon *", "a weekday name as a month"],
    ["0 1 * * *\n* * * * *", "two lines"],
    ["0 8 1 * * root touch /tmp/pwn", "a command after the schedule"],
    ["0 1 * *", "four fields"],
    ["nightly", "a word"],
  ])("refuses %j (%s)", (s) => expect(isCronSchedule(s)).toBe(false));
});
