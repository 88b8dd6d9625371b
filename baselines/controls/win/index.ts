/** Every Windows control, one per file in this folder. A test checks none is left out. */
import type { Control } from "../../control.js";
import adminRenamed from "./admin-renamed.js";
import anonymousAccess from "./anonymous-access.js";
import antimalwarePresent from "./antimalware-present.js";
import auditAccountManagement from "./audit-account-management.js";
import auditLogSize from "./audit-log-size.js";
import auditLogon from "./audit-logon.js";
import auditObjectAccess from "./audit-object-access.js";
import auditPolicyChange from "./audit-policy-change.js";
import auditSystem from "./audit-system.js";
import autorunOff from "./autorun-off.js";
import classifiedBitlocker from "./classified-bitlocker.js";
import classifiedFirewallBlockAll from "./classified-firewall-block-all.js";
import classifiedNoRemoteAssistance from "./classified-no-remote-assistance.js";
import classifiedRemovableStorage from "./classified-removable-storage.js";
import classifiedWirelessOff from "./classified-wireless-off.js";
import consumerFeaturesOff from "./consumer-features-off.js";
import credentialExposure from "./credential-exposure.js";
import defenderAsr from "./defender-asr.js";
import defenderCloud from "./defender-cloud.js";
import defenderPua from "./defender-pua.js";
import defenderRealtime from "./defender-realtime.js";
import defenderScanning from "./defender-scanning.js";
import dmaProtection from "./dma-protection.js";
import domainMember from "./domain-member.js";
import exploitMitigations from "./exploit-mitigations.js";
import firewallProfiles from "./firewall-profiles.js";
import guestDisabled from "./guest-disabled.js";
import llmnrOff from "./llmnr-off.js";
import lockScreen from "./lock-screen.js";
import lockout from "./lockout.js";
import lsaProtection from "./lsa-protection.js";
import netbiosOff from "./netbios-off.js";
import networkLegacy from "./network-legacy.js";
import noElevatedInstalls from "./no-elevated-installs.js";
import ntlmSessionSecurity from "./ntlm-session-security.js";
import ntlmv2Only from "./ntlmv2-only.js";
import passwordComplexity from "./password-complexity.js";
import passwordHistory from "./password-history.js";
import passwordMaxAge from "./password-max-age.js";
import passwordMinLength from "./password-min-length.js";
import powershellLogging from "./powershell-logging.js";
import printSpooler from "./print-spooler.js";
import rdp from "./rdp.js";
import remoteAssistanceOff from "./remote-assistance-off.js";
import screenLock from "./screen-lock.js";
import smartscreen from "./smartscreen.js";
import smbHardening from "./smb-hardening.js";
import smb1Off from "./smb1-off.js";
import supportedOs from "./supported-os.js";
import uac from "./uac.js";
import vbs from "./vbs.js";
import windowsUpdate from "./windows-update.js";
import winrmHardening from "./winrm-hardening.js";

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
  vbs,
  windowsUpdate,
  winrmHardening,
];
