/**
 * Lynis, an auditor nobody here wrote, scores the Debian 12 root before and after
 * apply.sh: the hardening index must rise. Both numbers are printed (npm run bench
 * prints them too, through bench/cases/lynis.ts).
 */
import { describe, expect, it } from "vitest";
import { lynisHardeningIndexes } from "../bench/cases/lynis.js";
import { rootTestsUnavailable, run } from "./helpers/linux-root.js";

const unavailable =
  rootTestsUnavailable() ??
  (run("which", ["unshare", "chroot"]).status !== 0
    ? "needs unshare and chroot (util-linux, coreutils)"
    : undefined);
if (unavailable) console.warn(`linux-lynis tests skipped: ${unavailable}`);

describe.skipIf(unavailable !== undefined)("Lynis hardening index", () => {
  it("rises after apply.sh (role lab)", { timeout: 600_000 }, async () => {
    const [r] = await lynisHardeningIndexes(["lab"]);
    if (!r) throw new Error("no result for role lab");
    console.log(`Lynis hardening index (Debian 12 root, role lab): before ${r.before}, after ${r.after}`);
    expect(r.before).toBeGreaterThan(0);
    expect(r.after).toBeGreaterThan(r.before);
  });
});
