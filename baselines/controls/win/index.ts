/** Every Windows control, one per file in this folder. A test checks none is left out. */
import type { Control } from "../../control.js";
import adminRenamed from "./account-admin-renamed.js";
import guestDisabled from "./account-guest-disabled.js";
import lockout from "./account-lockout.js";
import uac from "./account-uac-admin-approval.js";
import userRights from "./account-user-rights.js";
import antimalwarePresent from "./antimalware-present.js";
import auditAccountManagement from "./audit-account-management.js";
import auditLogSize from "./audit-log-size.js";
import auditLogon from "./audit-logon.js";
import auditObjectAccess from "./audit-object-access.js";
import auditPolicyChange from "./audit-policy-change.js";
import powershellLogging from "./audit-powershell-logging.js";
import auditSystem from "./audit-system.js";
import classifiedBitlocker from "./classified-bitlocker.js";
import classifiedFirewallBlockAll from "./classified-firewall-block-all.js";
import classifiedNoRemoteAssistance from "./classified-no-remote-assistance.js";
import classifiedRemovableStorage from "./classified-removable-storage.js";
import classifiedWirelessOff from "./classified-wireless-off.js";
import credentialExposure from "./credentials-exposure.js";
import lsaProtection from "./credentials-lsa-protection.js";
import vbs from "./credentials-vbs.js";
import defenderAsr from "./defender-asr.js";
import defenderCloud from "./defender-cloud.js";
import defenderPua from "./defender-pua.js";
import defenderRealtime from "./defender-realtime.js";
import defenderScanning from "./defender-scanning.js";
import smartscreen from "./defender-smartscreen.js";
import dmaProtection from "./device-dma-protection.js";
import domainMember from "./domain-member-hardening.js";
import firewallProfiles from "./firewall-profiles-on.js";
import autorunOff from "./media-autorun-off.js";
import anonymousAccess from "./network-anonymous-restrictions.js";
import networkLegacy from "./network-legacy-protocols.js";
import llmnrOff from "./network-llmnr-off.js";
import netbiosOff from "./network-netbios-off.js";
import ntlmSessionSecurity from "./network-ntlm-session-security.js";
import ntlmv2Only from "./network-ntlmv2-only.js";
import smbHardening from "./network-smb-hardening.js";
import smb1Off from "./network-smb1-off.js";
import passwordComplexity from "./password-complexity.js";
import passwordHistory from "./password-history.js";
import passwordMaxAge from "./password-max-age.js";
import passwordMinLength from "./password-min-length.js";
import printSpooler from "./print-spooler-hardening.js";
import remoteAssistanceOff from "./remote-assistance-off.js";
import rdp from "./remote-rdp.js";
import winrmHardening from "./remote-winrm-hardening.js";
import lockScreen from "./session-lock-screen.js";
import screenLock from "./session-screen-lock.js";
import consumerFeaturesOff from "./system-consumer-features-off.js";
import exploitMitigations from "./system-exploit-mitigations.js";
import noElevatedInstalls from "./system-no-elevated-installs.js";
import windowsUpdate from "./update-automatic.js";
import supportedOs from "./update-supported-os.js";

export const windowsControls: Control[] = [
  adminRenamed,
  anonymousAccess,
  antimalwarePresent,
  auditAccountManagement,
  auditLogSize,
  auditLogon,
  auditObjectAccess,
  auditPolicyChange,
  auditSystem,
  autorunOff,
  classifiedBitlocker,
  classifiedFirewallBlockAll,
  classifiedNoRemoteAssistance,
  classifiedRemovableStorage,
  classifiedWirelessOff,
  consumerFeaturesOff,
  credentialExposure,
  defenderAsr,
  defenderCloud,
  defenderPua,
  defenderRealtime,
  defenderScanning,
  dmaProtection,
  domainMember,
  exploitMitigations,
  firewallProfiles,
  guestDisabled,
  llmnrOff,
  lockScreen,
  lockout,
  lsaProtection,
  netbiosOff,
  networkLegacy,
  noElevatedInstalls,
  ntlmSessionSecurity,
  ntlmv2Only,
  passwordComplexity,
  passwordHistory,
  passwordMaxAge,
  passwordMinLength,
  powershellLogging,
  printSpooler,
  rdp,
  remoteAssistanceOff,
  screenLock,
  smartscreen,
  smbHardening,
  smb1Off,
  supportedOs,
  uac,
  userRights,
  vbs,
  windowsUpdate,
  winrmHardening,
];
