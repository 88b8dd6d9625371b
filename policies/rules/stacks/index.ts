/** The stacks pack: what the synthesized data centre actually deploys. */

import type { StacksInput } from "../../inputs.js";
import type { Policy } from "../../policy.js";
import backupCoverage from "./backup-covers-every-data-volume.js";
import containersHardened from "./containers-hardened.js";
import monitoringCoverage from "./monitoring-covers-every-service.js";
import { inventoryLocation } from "./read-stacks.js";
import noPlaintextSecrets from "./secrets-none-in-plaintext.js";
import zonesIsolated from "./zones-isolated.js";

/** Every finding points back at the inventory entry it comes from (see inventoryLocation). */
const located = (policy: Policy<StacksInput>): Policy<StacksInput> =>
  Object.freeze({
    ...policy,
    check: (input: StacksInput) => {
      const result = policy.check(input);
      return {
        ...result,
        findings: result.findings.map((f) =>
          f.location ? f : { ...f, location: inventoryLocation(input, f.subject) },
        ),
      };
    },
  });

export const stacksPack = [
  backupCoverage,
  containersHardened,
  monitoringCoverage,
  noPlaintextSecrets,
  zonesIsolated,
].map(located);
