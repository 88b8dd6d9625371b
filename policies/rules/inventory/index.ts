/** The inventory pack: what the province's own records show. */

import leaversDisabled from "./accounts-leavers-disabled.js";
import noSharedAccounts from "./accounts-no-shared-accounts.js";
import antimalwareLicences from "./antimalware-licences-valid.js";
import securityBudgetShare from "./budget-security-share.js";
import dataCentralised from "./data-centralised.js";
import incidentsToPolice from "./incidents-reported-to-police.js";
import incidentsToDepartment from "./incidents-serious-reported-to-department.js";
import signingCertificates from "./staff-signing-certificates.js";
import assessmentOnTime from "./systems-assessment-on-time.js";
import assessorAsPlanNames from "./systems-assessor-as-plan-names.js";
import fourLayerProtection from "./systems-four-layer-protection.js";
import levelApprovedBeforeLive from "./systems-level-approved-before-live.js";
import socConnected from "./systems-level3-soc-monitored.js";
import nationalSocConnected from "./systems-national-soc-connected.js";
import reviewedYearly from "./systems-reviewed-yearly.js";
import vulnerabilitiesFixed from "./systems-vulnerabilities-fixed.js";
import itStaffInDepth from "./training-it-staff-in-depth.js";
import leadersTrained from "./training-leaders-trained.js";
import staffTrained from "./training-staff-trained.js";
import classifiedDeclared from "./units-classified-declared.js";
import itListed from "./units-it-listed.js";
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
  incidentsToPolice,
  incidentsToDepartment,
  signingCertificates,
  assessorAsPlanNames,
  reviewedYearly,
  vulnerabilitiesFixed,
  itStaffInDepth,
  leadersTrained,
  staffTrained,
  classifiedDeclared,
  itListed,
];
