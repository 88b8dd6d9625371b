/** The stacks pack: what the synthesized data centre actually deploys. */
import backupCoverage from "./backup-coverage.js";
import containersHardened from "./containers-hardened.js";
import monitoringCoverage from "./monitoring-coverage.js";
import noPlaintextSecrets from "./no-plaintext-secrets.js";
import zonesIsolated from "./zones-isolated.js";

export const stacksPack = [
  backupCoverage,
  containersHardened,
  monitoringCoverage,
  noPlaintextSecrets,
  zonesIsolated,
];
