import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { CIS, MSB, TERMINAL_SERVICES_POLICY, WINDOWS_ROLES } from "./lib/common.js";

/**
 * Remote Assistance off on every machine: neither asked for (solicited) nor offered.
 * IT staff who administer remotely do it through Remote Desktop from the unit's admin
 * networks (win.remote.rdp), with Network Level Authentication.
 */
export default defineControl({
  id: "win.remote.assistance-off",
  title: { vi: "Tắt Hỗ trợ từ xa (Remote Assistance)", en: "Remote Assistance off" },
  rationale: {
    vi: 'Lời mời Hỗ trợ từ xa gửi qua thư hay tệp có thể bị kẻ gian dùng để điều khiển máy (lừa đảo "hỗ trợ kỹ thuật"). Tắt cả yêu cầu và đề nghị hỗ trợ; cán bộ CNTT quản trị từ xa bằng Remote Desktop từ mạng quản trị.',
    en: 'Remote Assistance invitations sent by mail or file let a fraudster take control ("tech support" scams). Both solicited and offered assistance are off; IT staff administer remotely with Remote Desktop from the admin networks.',
  },
  severity: "medium",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: Remote Assistance: Configure Solicited Remote Assistance = Disabled`,
    cis: `${CIS}: 18.9.36.1 Configure Offer Remote Assistance = Disabled; 18.9.36.2 Configure Solicited Remote Assistance = Disabled`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    regDword(TERMINAL_SERVICES_POLICY, "fAllowToGetHelp", 0),
    regDword(TERMINAL_SERVICES_POLICY, "fAllowUnsolicited", 0),
  ],
});
