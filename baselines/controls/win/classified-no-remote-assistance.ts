import { defineControl } from "../../control.js";
import { regDword, service } from "../../settings.js";
import { CIS, CLASSIFIED, LAW_STATE_SECRETS, TERMINAL_SERVICES_POLICY } from "./lib/common.js";

export default defineControl({
  id: "win.classified.no-remote-assistance",
  title: {
    vi: "Máy tài liệu mật: không hỗ trợ từ xa, không quản trị từ xa",
    en: "Classified machine: no remote assistance or remote administration",
  },
  rationale: {
    vi: "Không ai được điều khiển máy tài liệu mật từ xa: tắt Remote Assistance (được mời và tự đề nghị), dịch vụ Remote Registry và WinRM. Sửa chữa làm tại chỗ.",
    en: "Nobody may control a classified machine remotely: Remote Assistance (solicited and offered), the Remote Registry service and WinRM are off. Repairs are done on site.",
  },
  severity: "high",
  requirements: ["HY-EDU-S04", "HY-EDU-S15", "HY-EDU-A06"],
  references: {
    law: LAW_STATE_SECRETS,
    microsoft:
      "Microsoft Security Baseline (Windows 11 24H2): Remote Assistance: Configure Solicited Remote Assistance = Disabled (every role: win.remote.assistance-off)",
    cis: `${CIS}: Configure Offer Remote Assistance = Disabled; Configure Solicited Remote Assistance = Disabled; Remote Registry (RemoteRegistry) = Disabled (Level 2); Windows Remote Management (WinRM) = Disabled (Level 2)`,
  },
  appliesTo: { os: ["windows"], roles: CLASSIFIED },
  // WinRM disabled ends the PowerShell remoting session that applies it.
  cutsRemoteSessions: () => ["remoting"],
  settings: () => [
    regDword(TERMINAL_SERVICES_POLICY, "fAllowToGetHelp", 0),
    regDword(TERMINAL_SERVICES_POLICY, "fAllowUnsolicited", 0),
    service("RemoteRegistry", "disabled"),
    service("WinRM", "disabled"),
  ],
});
