import { defineControl } from "../../control.js";
import { regDword, regMultiString } from "../../settings.js";
import { CIS, MS_SECGUIDE, WINDOWS_ROLES } from "./lib/common.js";

export default defineControl({
  id: "win.network.smb1-off",
  title: { vi: "Tắt giao thức SMBv1 (máy chủ và máy khách)", en: "SMBv1 off (server and client)" },
  rationale: {
    vi: "SMBv1 là đường lây của WannaCry/NotPetya và không còn cần cho Windows 10/11. Tắt cả phía máy chủ (LanmanServer SMB1=0) và trình điều khiển máy khách (mrxsmb10 Start=4), như hai thiết lập của Microsoft trong SecGuide.admx.",
    en: "SMBv1 is how WannaCry and NotPetya spread, and Windows 10/11 do not need it. Both the server side (LanmanServer SMB1=0) and the client driver (mrxsmb10 Start=4) are off, as Microsoft's two SecGuide.admx settings do.",
  },
  severity: "critical",
  requirements: ["QN-EDU-2", "HY-EDU-S19", "HY-PROV-09"],
  references: {
    cis: `${CIS}: Configure SMB v1 server = Disabled; Configure SMB v1 client driver = Enabled: Disable driver`,
    microsoft: `${MS_SECGUIDE}: Configure SMB v1 server; Configure SMB v1 client driver; How to detect, enable and disable SMBv1 (learn.microsoft.com): LanmanWorkstation DependOnService = Bowser, MRxSmb20, NSI`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    regDword("SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters", "SMB1", 0),
    regDword("SYSTEM\\CurrentControlSet\\Services\\mrxsmb10", "Start", 4),
    // As Microsoft documents for the client driver (sc.exe config lanmanworkstation depend=
    // bowser/mrxsmb20/nsi): the Workstation service no longer waits for the disabled
    // MRxSmb10, which otherwise leaves it, and every shared folder, unable to start.
    regMultiString("SYSTEM\\CurrentControlSet\\Services\\LanmanWorkstation", "DependOnService", [
      "Bowser",
      "MRxSmb20",
      "NSI",
    ]),
  ],
});
