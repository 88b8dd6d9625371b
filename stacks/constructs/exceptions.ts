/**
 * Loosening a secure default takes an exception with a reason. The constructs refuse a
 * loosening without its exception, and an exception without its loosening (so a label
 * never claims more than the container does). Exceptions are written into the
 * resource's labels, where policies and reports read them.
 */
export const HARDENING_SETTINGS = [
  /** The container runs as uid 0. */
  "run-as-root",
  /** Capabilities added back after dropping ALL. */
  "add-capabilities",
  /** The root filesystem is writable. */
  "read-only-root",
  /** no-new-privileges is off. */
  "no-new-privileges",
  /** A host path other than the generated config and the secrets is mounted, or those are mounted writable. */
  "host-mount",
  /** Ports are published on the Docker host. */
  "publish-ports",
  /** Namespaced kernel parameters are set (e.g. IP forwarding in the firewall). */
  "sysctls",
  /** A zone network with a route out (not Docker-internal). */
  "route-out",
] as const;

export type HardeningSetting = (typeof HARDENING_SETTINGS)[number];

export interface HardeningException {
  setting: HardeningSetting;
  /** Why, for the reviewer: at least a few words. */
  reason: string;
  /** The same reason in Vietnamese, for the Department's report (as the catalogue's reason_vi). */
  reason_vi: string;
}

export class HardeningError extends Error {
  constructor(resource: string, message: string) {
    super(`${resource}: ${message}`);
    this.name = "HardeningError";
  }
}

/**
 * Checks that `exceptions` are exactly the loosenings `used`, and returns them sorted
 * (stable labels). Throws HardeningError otherwise.
 */
export function reconcileExceptions(
  resource: string,
  used: ReadonlySet<HardeningSetting>,
  exceptions: ReadonlyArray<HardeningException>,
): HardeningException[] {
  const declared = new Map<HardeningSetting, HardeningException>();
  for (const e of exceptions) {
    if (!HARDENING_SETTINGS.includes(e.setting))
      throw new HardeningError(resource, `unknown hardening setting "${e.setting}"`);
    for (const [field, text] of [
      ["reason", e.reason],
      ["reason_vi", e.reason_vi],
    ] as const)
      if ((text ?? "").trim().length < 10)
        throw new HardeningError(
          resource,
          `the exception for ${e.setting} needs a ${field} (10 characters or more)`,
        );
    if (declared.has(e.setting))
      throw new HardeningError(resource, `two exceptions for ${e.setting}: give one reason`);
    declared.set(e.setting, e);
  }
  for (const setting of used) {
    if (!declared.has(setting)) {
      throw new HardeningError(
        resource,
        `loosens "${setting}" without an exception: add { setting: "${setting}", reason }`,
      );
    }
  }
  for (const setting of declared.keys()) {
    if (!used.has(setting))
      throw new HardeningError(resource, `declares an exception for "${setting}" but does not loosen it`);
  }
  return [...declared.values()].sort((a, b) => (a.setting < b.setting ? -1 : 1));
}

/** Labels every attt resource carries. */
export interface OwnershipLabels {
  /** Inventory ID of the owning unit. */
  owner: string;
  /** Security level (cấp độ) the resource is built for. */
  level: number;
  /** Plan requirement IDs served. */
  requirements: ReadonlyArray<string>;
}

export const LABEL = {
  managedBy: "attt.managed-by",
  datacentre: "attt.datacentre",
  owner: "attt.owner",
  level: "attt.level",
  requirements: "attt.requirements",
  role: "attt.role",
  zone: "attt.zone",
  exceptions: "attt.exceptions",
  configHash: "attt.config-sha256",
  service: "attt.service",
  backupCovers: "attt.backup.covers",
  /** On a dump volume: the names of the data volumes whose consistent dump it holds. */
  dumpOf: "attt.volume.dump-of",
  lifecycle: "attt.lifecycle",
} as const;

/** The label map shared by containers and networks (keys sorted when rendered). */
export function baseLabels(
  datacentre: string,
  role: string,
  ownership: OwnershipLabels,
  exceptions: ReadonlyArray<HardeningException>,
): Record<string, string> {
  return {
    [LABEL.managedBy]: "attt-kit",
    [LABEL.datacentre]: datacentre,
    [LABEL.owner]: ownership.owner,
    [LABEL.level]: String(ownership.level),
    [LABEL.requirements]: [...ownership.requirements].sort().join(","),
    [LABEL.role]: role,
    [LABEL.exceptions]: JSON.stringify(
      exceptions.map((e) => ({ setting: e.setting, reason: e.reason, reason_vi: e.reason_vi })),
    ),
  };
}

/** Labels as the provider's list of { label, value }, sorted by key so synth output is stable. */
export function labelList(labels: Record<string, string>): Array<{ label: string; value: string }> {
  return Object.keys(labels)
    .sort()
    .map((label) => ({ label, value: labels[label] as string }));
}
