/** The inventory pack: what the province's own records show. */

import leaversDisabled from "./accounts-leavers-disabled.js";
import noSharedAccounts from "./accounts-no-shared-accounts.js";
import antimalwareLicences from "./antimalware-licences-valid.js";
import securityBudgetShare from "./budget-security-share.js";
import dataCentralised from "./data-centralised.js";
import assessmentOnTime from "./systems-assessment-on-time.js";
import fourLayerProtection from "./systems-four-layer-protection.js";
import levelApprovedBeforeLive from "./systems-level-approved-before-live.js";
import socConnected from "./systems-level3-soc-monitored.js";
import nationalSocConnected from "./systems-national-soc-connected.js";
import unitOfficers from "./units-named-officers.js";
import vendorCommitments from "./vendors-commitments.js";

export const inventoryPack = [
  antimalwareLicences,
  assessmentOnTime,
  dataCentralised,
  fourLayerProtection,
  leaversDisabled,
  levelApprovedBeforeLive,
  nationalSocConnected,
  noSharedAccounts,
  securityBudgetShare,
  socConnected,
  unitOfficers,
  vendorCommitments,
];
