/** Every Windows control, one per file in this folder. A test checks none is left out. */
import type { Control } from "../../control.js";
import adminRenamed from "./account-admin-renamed.js";
import guestDisabled from "./account-guest-disabled.js";
import lockout from "./account-lockout.js";
import antimalwarePresent from "./antimalware-present.js";
import auditAccountManagement from "./audit-account-management.js";
import auditLogSize from "./audit-log-size.js";
import auditLogon from "./audit-logon.js";
import auditPolicyChange from "./audit-policy-change.js";
import classifiedBitlocker from "./classified-bitlocker.js";
import classifiedFirewallBlockAll from "./classified-firewall-block-all.js";
import classifiedNoRemoteAssistance from "./classified-no-remote-assistance.js";
import classifiedRemovableStorage from "./classified-removable-storage.js";
import classifiedWirelessOff from "./classified-wireless-off.js";
import defenderPua from "./defender-pua.js";
import defenderRealtime from "./defender-realtime.js";
import firewallProfiles from "./firewall-profiles-on.js";
import autorunOff from "./media-autorun-off.js";
import llmnrOff from "./network-llmnr-off.js";
import netbiosOff from "./network-netbios-off.js";
import ntlmv2Only from "./network-ntlmv2-only.js";
import smb1Off from "./network-smb1-off.js";
import passwordComplexity from "./password-complexity.js";
import passwordHistory from "./password-history.js";
import passwordMaxAge from "./password-max-age.js";
import passwordMinLength from "./password-min-length.js";
import rdp from "./remote-rdp.js";
import screenLock from "./session-screen-lock.js";
import windowsUpdate from "./update-automatic.js";

export const windowsControls: Control[] = [
  adminRenamed,
  antimalwarePresent,
  auditAccountManagement,
  auditLogSize,
  auditLogon,
  auditPolicyChange,
  autorunOff,
  classifiedBitlocker,
  classifiedFirewallBlockAll,
  classifiedNoRemoteAssistance,
  classifiedRemovableStorage,
  classifiedWirelessOff,
  defenderPua,
  defenderRealtime,
  firewallProfiles,
  guestDisabled,
  llmnrOff,
  lockout,
  netbiosOff,
  ntlmv2Only,
  passwordComplexity,
  passwordHistory,
  passwordMaxAge,
  passwordMinLength,
  rdp,
  screenLock,
  smb1Off,
  windowsUpdate,
];
