/** What the Linux controls share: the roles they cover and the sources they cite. */
import type { MachineRole } from "../../../model/inventory.js";
import { ALL_OFFICIAL_ROLES, type ControlContext } from "../../control.js";

/** Every Linux role: the school roles and `server`, a data-centre Docker host. */
export const LINUX_ROLES: MachineRole[] = [...ALL_OFFICIAL_ROLES, "server"];
/** Roles that have a network at all (classified machines are cut off). */
export const NETWORKED_ROLES: MachineRole[] = ["office", "teacher", "lab", "server"];

export const CIS = "CIS Debian Linux 12 Benchmark v1.1.0 and CIS Ubuntu Linux 24.04 LTS Benchmark v1.0.0";
export const DEVSEC_OS = "dev-sec os-hardening (ansible-collection-hardening, roles/os_hardening defaults)";
export const DEVSEC_SSH =
  "dev-sec ssh-hardening (ansible-collection-hardening, roles/ssh_hardening defaults)";
export const TCVN = "TCVN 14423:2025 (values from a secondary summary, unconfirmed against the primary text)";

/** Prefix of every file the toolkit owns, so an administrator can tell them apart. */
export const OWNED = "attt";

/** The first line of every file the toolkit writes: says who owns it and not to edit it. */
export const OWNED_HEADER = "# Managed by attt-kit: edit the inventory and regenerate, not this file.\n";

/**
 * True when every machine group of the bundle runs an OS at least as new as the
 * ones listed (e.g. yescrypt needs shadow >= 4.13 or Ubuntu's 24.04 build).
 */
export const allGroupsRun = (ctx: ControlContext, oses: string[]): boolean =>
  ctx.groups.length > 0 && ctx.groups.every((g) => oses.includes(g.os));
