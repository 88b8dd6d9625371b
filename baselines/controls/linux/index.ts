/** Every Linux control, one per file in this folder. A test checks none is left out. */
import type { Control } from "../../control.js";
import accountLockout from "./account-lockout.js";
import antiMalware from "./anti-malware.js";
import auditRules from "./audit-rules.js";
import classifiedDeviceModules from "./classified-device-modules.js";
import classifiedNetworkIsolation from "./classified-network-isolation.js";
import classifiedNoRemoteLogin from "./classified-no-remote-login.js";
import coreDumps from "./core-dumps.js";
import firewallInbound from "./firewall-inbound.js";
import installPartitions from "./install-partitions.js";
import kernelFilesystemModules from "./kernel-filesystem-modules.js";
import kernelSysctl from "./kernel-sysctl.js";
import kernelUncommonProtocols from "./kernel-uncommon-protocols.js";
import logForwarding from "./log-forwarding.js";
import loginBanner from "./login-banner.js";
import loginDefaults from "./login-defaults.js";
import passwordHistory from "./password-history.js";
import passwordQuality from "./password-quality.js";
import securityUpdates from "./security-updates.js";
import sessionIdleTimeout from "./session-idle-timeout.js";
import sshServer from "./ssh-server.js";
import sudoLogging from "./sudo-logging.js";
import timeSync from "./time-sync.js";
import unusedServices from "./unused-services.js";

export const linuxControls: Control[] = [
  accountLockout,
  antiMalware,
  auditRules,
  classifiedDeviceModules,
  classifiedNetworkIsolation,
  classifiedNoRemoteLogin,
  coreDumps,
  firewallInbound,
  installPartitions,
  kernelFilesystemModules,
  kernelSysctl,
  kernelUncommonProtocols,
  logForwarding,
  loginBanner,
  loginDefaults,
  passwordHistory,
  passwordQuality,
  securityUpdates,
  sessionIdleTimeout,
  sshServer,
  sudoLogging,
  timeSync,
  unusedServices,
];
