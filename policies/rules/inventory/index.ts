/** The inventory pack: what the province's own records show. */
import antimalwareLicences from "./antimalware-licences.js";
import assessmentOnTime from "./assessment-on-time.js";
import dataCentralised from "./data-centralised.js";
import fourLayerProtection from "./four-layer-protection.js";
import leaversDisabled from "./leavers-disabled.js";
import levelApprovedBeforeLive from "./level-approved-before-live.js";
import nationalSocConnected from "./national-soc-connected.js";
import noSharedAccounts from "./no-shared-accounts.js";
import securityBudgetShare from "./security-budget-share.js";
import socConnected from "./soc-connected.js";
import unitOfficers from "./unit-officers.js";
import vendorCommitments from "./vendor-commitments.js";

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
