/** Every Linux control, one per file in this folder. A test checks none is left out. */
import type { Control } from "../../control.js";
import accountLockout from "./account-lockout.js";
import accountsHomeDirectories from "./accounts-home-directories.js";
import accountsIntegrity from "./accounts-integrity.js";
import aideIntegrity from "./aide-integrity.js";
import antiMalware from "./antimalware-scanner.js";
import apparmor from "./apparmor-enforced.js";
import auditRules from "./audit-auditd-rules.js";
import bootLoaderConfig from "./boot-loader-config.js";
import classifiedDeviceModules from "./classified-device-modules.js";
import classifiedNetworkIsolation from "./classified-network-isolation.js";
import classifiedNoRemoteLogin from "./classified-no-remote-login.js";
import cronRestricted from "./cron-restricted.js";
import gdmLockdown from "./desktop-gdm-lockdown.js";
import filesAccountDatabases from "./files-account-databases.js";
import filesWorldWritableUnowned from "./files-world-writable-unowned.js";
import tmpShm from "./filesystems-tmp-shm.js";
import firewallInbound from "./firewall-default-deny-inbound.js";
import installPartitions from "./install-partitions.js";
import coreDumps from "./kernel-core-dumps.js";
import kernelFilesystemModules from "./kernel-filesystem-modules.js";
import kernelSysctl from "./kernel-sysctl.js";
import kernelUncommonProtocols from "./kernel-uncommon-protocols.js";
import logForwarding from "./logging-forward.js";
import journald from "./logging-journald.js";
import localLogFiles from "./logging-local-files.js";
import loginBanner from "./login-banner.js";
import loginDefaults from "./login-defaults.js";
import mailLocalOnly from "./mail-local-only.js";
import pamUnix from "./pam-unix.js";
import passwordHistory from "./password-history.js";
import passwordQuality from "./password-quality.js";
import unusedServices from "./services-unused-off.js";
import sessionIdleTimeout from "./session-idle-timeout.js";
import sshServer from "./ssh-server-hardening.js";
import suRestricted from "./su-restricted.js";
import sudoLogging from "./sudo-logging.js";
import timeSync from "./time-sync.js";
import securityUpdates from "./updates-unattended-security.js";
import wirelessServerOff from "./wireless-server-off.js";

export const linuxControls: Control[] = [
  accountLockout,
  accountsHomeDirectories,
  accountsIntegrity,
  aideIntegrity,
  antiMalware,
  apparmor,
  auditRules,
  bootLoaderConfig,
  classifiedDeviceModules,
  classifiedNetworkIsolation,
  classifiedNoRemoteLogin,
  coreDumps,
  cronRestricted,
  gdmLockdown,
  filesAccountDatabases,
  filesWorldWritableUnowned,
  tmpShm,
  firewallInbound,
  installPartitions,
  kernelFilesystemModules,
  kernelSysctl,
  kernelUncommonProtocols,
  logForwarding,
  journald,
  localLogFiles,
  loginBanner,
  loginDefaults,
  mailLocalOnly,
  pamUnix,
  passwordHistory,
  passwordQuality,
  securityUpdates,
  sessionIdleTimeout,
  sshServer,
  suRestricted,
  sudoLogging,
  timeSync,
  unusedServices,
  wirelessServerOff,
];
