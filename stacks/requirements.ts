/**
 * The plan requirements (IDs from PLAN-DIGEST.md) each part of the data centre serves.
 * They travel in container and network labels, so policies and reports can trace a
 * running container back to the plans.
 */
export const REQUIREMENTS = {
  /** Zones and the firewall: security per the approved level (TCVN zones, default deny). */
  zoning: ["HY-PROV-09", "HY-PROV-22"],
  /** Centralised school data and services (HY-EDU-T2, HY-EDU-S03, HY-PROV-16), encrypted in transit (HY-PROV-18). */
  service: ["HY-EDU-S03", "HY-EDU-T2", "HY-PROV-16", "HY-PROV-18"],
  /** Backups, offline copies and restores. */
  backup: ["HY-EDU-S17", "HY-PROV-17", "QN-EDU-6"],
  /** Monitoring and the SOC connections (layers 2 and 4 of the 4-layer model). */
  monitoring: ["HY-EDU-T1", "HY-PROV-13", "HY-PROV-14", "HY-PROV-19"],
} as const;

export type RequirementGroup = keyof typeof REQUIREMENTS;
