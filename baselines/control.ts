/**
 * A control: one hardening requirement, declared once as data, from which every
 * output is produced (GPO files, PowerShell apply/audit/undo, Linux apply/audit/undo,
 * the catalogue row in reports). A control carries no emitter code: only the
 * setting kinds (baselines/settings.ts) know how to be written, applied, audited
 * and undone, so adding a control never touches an emitter.
 */
import type { Inventory, Level, MachineGroup, MachineRole, Unit } from "../model/inventory.js";
import type { Setting } from "./settings.js";

export type OsFamily = "windows" | "linux";
/**
 * A remote session Apply-Baseline.ps1 may be running in: Remote Desktop, PowerShell
 * remoting (WinRM) or OpenSSH.
 */
export type RemoteSession = "rdp" | "remoting" | "ssh";
export type Severity = "low" | "medium" | "high" | "critical";

/** What a control may look at when it decides its settings. */
export interface ControlContext {
  os: OsFamily;
  role: MachineRole;
  /** The unit's security level (cấp độ): stronger values from level 3. */
  level: Level;
  unit: Unit;
  /** The unit's machine groups of this OS family and role (they may differ, e.g. in anti-malware). */
  groups: MachineGroup[];
  inventory: Inventory;
}

export interface Control {
  id: string;
  title: { vi: string; en: string };
  rationale: { vi: string; en: string };
  severity: Severity;
  /** Plan requirement IDs this control serves (policies/plans/*.yaml, summarised in docs/plan-digest.md). */
  requirements: string[];
  /** Where the values come from: TCVN 14423, CIS, Microsoft baseline, dev-sec, ... */
  references: Record<string, string>;
  /**
   * The CIS Debian Linux 12 Benchmark v1.1.0 items (IDs such as "5.1.20") this control
   * implements: docs/cis-debian12-level1.md is generated from these (baselines/cis/).
   */
  cis?: string[];
  /**
   * CIS Ubuntu 22.04 and 24.04 level-1 items it implements that have no CIS Debian 12
   * item of the same title (the others follow their Debian 12 twin), by their Ubuntu ID.
   */
  cisUbuntu?: string[];
  appliesTo: { os: OsFamily[]; roles: MachineRole[] };
  /**
   * The settings for one machine group; an empty list means "not applicable here". Pure:
   * the result depends only on what it reads of `ctx` (settings-memo.ts computes it once
   * per distinct set of values read, for all the province's bundles), and never changes `ctx`.
   */
  settings: (ctx: ControlContext) => Setting[];
  /**
   * The remote sessions this control's settings cut off where they apply (RDP turned
   * off, WinRM disabled, all traffic blocked): Apply refuses to run in such a session
   * unless -Force, rather than lock the technician out halfway. Declared here so the
   * runtime never recognises a control by its settings' names.
   */
  cutsRemoteSessions?: (ctx: ControlContext) => RemoteSession[];
  /**
   * The firewall profiles on which this control's settings make Windows ignore the rules
   * programs and technicians add locally (AllowLocalPolicyMerge 0): Apply warns, before
   * applying, of a connected network Windows classed in such a profile (a school LAN
   * classed Public loses its file-sharing and printer rules). Declared here, like
   * cutsRemoteSessions, so the runtime never recognises a setting by its name.
   */
  ignoresLocalFirewallRules?: (ctx: ControlContext) => FirewallProfile[];
  /**
   * The control's settings are alternatives: it passes when one of them passes (Defender
   * OR the approved product each machine group names), not only when all do.
   */
  alternatives?: true;
}

export type FirewallProfile = "domain" | "private" | "public";

const CONTROL_ID = /^(win|linux|any)\.[a-z0-9-]+(\.[a-z0-9-]+)*$/;

export function defineControl(control: Control): Control {
  if (!CONTROL_ID.test(control.id))
    throw new Error(`control id "${control.id}" must look like win.area.name`);
  if (control.requirements.length === 0) throw new Error(`control ${control.id} names no plan requirement`);
  return Object.freeze(control);
}

export const ALL_OFFICIAL_ROLES: MachineRole[] = ["office", "teacher", "lab", "classified"];
