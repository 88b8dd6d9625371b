/**
 * The province as it is: one inventory, read by every part of the toolkit.
 *
 * An inventory is a directory of YAML files (or a single file). Every file may hold
 * any of the sections below; list sections are concatenated across files, so a
 * province of 2,000 schools can keep one file per unit. `province` and
 * `datacentre` must appear exactly once.
 */

import { z } from "zod";
import { CRON_EXPECTED, isCronSchedule } from "./cron.js";

export const Id = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, "an ID of lowercase letters, digits and '-' (at most 64)");

/** Calendar dates are written YYYY-MM-DD; YAML may hand them to us as strings only (we parse with the core schema). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date written YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "a real calendar date");

/** Security level (cấp độ) of an information system, Decree 331/2026 Art. 11-15. */
export const Level = z.number().int().min(1).max(5);

/** A schedule the host's crontab runs; checked here so synth never meets one it cannot write. */
const CronSchedule = z.string().refine(isCronSchedule, CRON_EXPECTED);
export type Level = z.infer<typeof Level>;

export const MachineRole = z.enum(["office", "teacher", "lab", "classified", "server"]);
export type MachineRole = z.infer<typeof MachineRole>;

export const OperatingSystem = z.enum([
  "windows-10",
  "windows-11",
  "ubuntu-22.04",
  "ubuntu-24.04",
  "debian-12",
]);
export type OperatingSystem = z.infer<typeof OperatingSystem>;
export const osFamily = (os: OperatingSystem): "windows" | "linux" =>
  os.startsWith("windows") ? "windows" : "linux";

export const UnitType = z.enum([
  "department", // Sở GDĐT
  "department-office", // phòng/ban thuộc Sở
  "preschool", // mầm non
  "primary", // tiểu học
  "lower-secondary", // THCS
  "upper-secondary", // THPT
  "continuing-education", // GDTX
  "commune", // UBND xã/phường
]);
export type UnitType = z.infer<typeof UnitType>;

const Hostname = z
  .string()
  .regex(
    /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/,
    "a hostname of letters, digits and '-' (at most 63)",
  );

/** Where Device Manager shows a USB drive's two instance IDs (README and error messages say the same). */
export const USB_DEVICE_ID_WHERE =
  "Device Manager > Universal Serial Bus controllers > USB Mass Storage Device > Properties > Details > Device instance path";
export const USB_DISK_ID_WHERE =
  "Device Manager > Disk drives > the drive > Properties > Details > Device instance path";

/**
 * A USB drive registered for a classified machine: the instance IDs of both device
 * nodes Windows installs for it, which the machine's device-installation policy must
 * allow.
 *
 * - `device`: the USB device itself, `USB\VID_0951&PID_1666\<serial>` ("USB Mass
 *   Storage Device"). The USB hub reports this node as removable, so the
 *   removable-device deny refuses it unless its own ID is allowed, and the disk below
 *   it never appears.
 * - `disk`: the disk it carries, `USBSTOR\Disk&Ven_…&Prod_…&Rev_…\<serial>&0`
 *   ("Disk drives"; `SCSI\Disk&Ven_…\…` for USB 3 drives that use UAS).
 *
 * One entry per drive with both IDs, rather than a flat list of strings checked for
 * "some USB\VID_ ID beside the USBSTOR\ ones": a missing parent cannot pass unseen
 * (a flat list of two disks and one parent would), each ID is checked against the kind
 * of node it names, the two IDs of a drive can be checked against each other (same
 * serial), and the README lists drives, not loose IDs. An old-style entry (the disk ID
 * alone, a string) is refused with the way to find the parent ID.
 */
const DEVICE_EXPECTED = `the instance ID of the drive's USB device, USB\\VID_…&PID_…\\<serial>, printable ASCII without spaces or commas (${USB_DEVICE_ID_WHERE})`;
const DISK_EXPECTED = `the instance ID of the drive's disk, USBSTOR\\Disk&Ven_…\\<serial>&0, printable ASCII without spaces or commas (${USB_DISK_ID_WHERE})`;
/**
 * An instance ID as Device Manager shows it: enumerator, device ID and instance,
 * separated by backslashes, printable ASCII without space or comma, at most 200
 * characters (MAX_DEVICE_ID_LEN). Case-sensitive as shown (USB\VID_, USBSTOR\), so
 * the JSON Schema an editor uses (which has no case-insensitive flag) says the same.
 */
const instanceId = (prefix: string, expected: string) =>
  z
    .string({ error: expected })
    .max(200, `${expected}, at most 200 characters`)
    .regex(
      new RegExp(`^${prefix}[\\x21-\\x2b\\x2d-\\x5b\\x5d-\\x7e]*\\\\[\\x21-\\x2b\\x2d-\\x5b\\x5d-\\x7e]+$`),
      expected,
    );

export const UsbDrive = z
  .object(
    {
      device: instanceId("USB\\\\VID_[0-9A-Fa-f]{4}&PID_[0-9A-Fa-f]{4}", DEVICE_EXPECTED),
      disk: instanceId("(?:USBSTOR|SCSI)\\\\[\\x21-\\x2b\\x2d-\\x5b\\x5d-\\x7e]", DISK_EXPECTED),
    },
    {
      error: (issue) =>
        issue.code === "invalid_type"
          ? `a drive as { device, disk }: the instance IDs of its USB device (USB\\VID_…&PID_…\\<serial>: ${USB_DEVICE_ID_WHERE}) and of its disk (USBSTOR\\…: ${USB_DISK_ID_WHERE}); with the disk alone Windows refuses the drive's USB device`
          : undefined,
    },
  )
  .strict();
export type UsbDrive = z.infer<typeof UsbDrive>;

/** A machine named in the inventory; the evidence check expects a record from each. */
export const NamedHost = z
  .object({
    name: Hostname,
    /** USB drives registered for this machine (classified role), each by both its instance IDs. */
    approvedUsb: z.array(UsbDrive).default([]),
  })
  .strict();

export const MachineGroup = z
  .object({
    role: MachineRole,
    os: OperatingSystem,
    count: z.number().int().min(0).max(100_000),
    hosts: z.array(NamedHost).default([]),
    /**
     * For a server (role server): whether it holds shared or sector data (copies of the
     * sector database, school records). Such a server keeps the data off the provincial
     * data centre (HY-EDU-T2, S03, HY-PROV-16), so a server must say.
     */
    sharedData: z.boolean().optional(),
    /** Licensed third-party anti-malware approved for this group; absent means Microsoft Defender / ClamAV. */
    antiMalware: z
      .object({
        product: z.string().min(2).max(200),
        licensedUntil: IsoDate,
        /** Windows service name the audit looks for to detect the agent. */
        service: z.string().min(1).max(256),
      })
      .strict()
      .optional(),
    /**
     * The group's machines are joined to an Active Directory domain. Most school machines
     * are not; only then do the baselines' domain-member settings (secure channel, Kerberos,
     * hardened SYSVOL/NETLOGON paths, LAPS) apply.
     */
    domainJoined: z.boolean().optional(),
    /**
     * false holds back memory integrity (HVCI) on the group's machines while keeping
     * virtualization-based security: for a pilot, or machines whose drivers are not yet
     * compatible (Windows Security > Device security > Core isolation lists them).
     * Absent or true: memory integrity is on.
     */
    memoryIntegrity: z.boolean().optional(),
    /**
     * A third-party firewall registered with Windows Security Center that the unit uses
     * instead of Windows Defender Firewall (e.g. the firewall of Kaspersky or Bkav). Test
     * then accepts that product, enabled, in root\SecurityCenter2.
     */
    firewall: z
      .object({ product: z.string().min(2).max(200) })
      .strict()
      .optional(),
    /**
     * Windows 10 only: the date until which the group's machines have Extended Security
     * Updates (ESU). Without it, Windows 10 after its end of support (14 October 2025) is a finding.
     */
    extendedUpdatesUntil: IsoDate.optional(),
  })
  .strict();
export type MachineGroup = z.infer<typeof MachineGroup>;

export const Unit = z
  .object({
    id: Id,
    name: z.string().min(2).max(300),
    type: UnitType,
    parent: Id.optional(),
    /** The commune or ward (xã, phường) the unit stands in, for the report's drill-down. */
    commune: z.string().min(2).max(200).optional(),
    /** Security level that sets the strength of the unit's machine baselines. */
    level: Level.default(2),
    /** The person responsible for security at the unit (QN-EDU-3). */
    securityOfficer: Id.optional(),
    /** Administrator of the unit's sector-database account (HY-EDU-S09). */
    sectorDbAdmin: Id.optional(),
    machines: z.array(MachineGroup).default([]),
    /**
     * The unit confirms it drafts no classified document on any computer (HY-EDU-T3, S04,
     * S15, A06). A unit that lists no classified machine and does not confirm this has not
     * said whether it has any: it counts in the classified requirements as a gap.
     */
    noClassifiedMachines: z.boolean().optional(),
    network: z
      .object({
        /** WSUS server the unit's Windows machines take updates from (optional). */
        // Written into registry.pol, whose values hold at most 65,535 bytes; no WSUS URL is long.
        wsus: z
          // https only: over http anyone on the LAN can pose as the WSUS server and serve updates.
          .url({
            protocol: /^https$/,
            error:
              "an https URL such as https://wsus.example:8531 (WSUS over http lets anyone on the network serve updates)",
          })
          .max(2048, "a URL of at most 2,048 characters")
          .optional(),
        /** Source addresses allowed to use RDP/SSH to the unit's machines; empty means remote login is off. */
        remoteAdminFrom: z.array(z.cidrv4("an IPv4 network in CIDR form, e.g. 10.0.0.0/24")).default([]),
        /** Syslog endpoint of the provincial monitoring for the unit's Linux machines (host:port). */
        logTo: z
          .string()
          .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, "host:port")
          .optional(),
        /**
         * The SOC's CA certificate (PEM) that signs the logTo endpoint's TLS certificate.
         * Logs always go over TLS; without this the machine trusts its system CA store.
         */
        logCa: z
          .string()
          .max(20_000)
          .regex(
            /^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{1,76}\n)+-----END CERTIFICATE-----\n?$/,
            "one PEM certificate: -----BEGIN CERTIFICATE-----, base64 lines, -----END CERTIFICATE-----",
          )
          .optional(),
      })
      .strict()
      .default({ remoteAdminFrom: [] }),
  })
  .strict();
export type Unit = z.infer<typeof Unit>;

export const Hosting = z.enum(["provincial-dc", "cloud", "unit-server"]);

/**
 * Who assessed a system (HY-PROV-29): the provincial police (Công an tỉnh) assess
 * levels 2 and 3, the owning body its level-1 systems; levels 4-5 fall to the Ministry
 * of Public Security (Decree 331/2026). `other` is any other organisation.
 */
export const AssessorKind = z.enum(["provincial-police", "ministry-of-public-security", "owner", "other"]);
export type AssessorKind = z.infer<typeof AssessorKind>;

/** One vulnerability review or security check of a system (HY-PROV-26, 28, QN-BCD-T1). */
export const SystemReview = z
  .object({
    on: IsoDate,
    by: z.string().min(2).max(300),
    /** Vulnerabilities and weaknesses found. */
    findings: z.number().int().min(0),
    /** Date every finding was fixed (and retested); null while some are open. */
    fixedOn: IsoDate.nullable().default(null),
  })
  .strict();
export type SystemReview = z.infer<typeof SystemReview>;

export const InformationSystem = z
  .object({
    id: Id,
    name: z.string().min(2).max(300),
    owner: Id,
    level: Level,
    /** Date the level dossier was approved; null when it never was. */
    levelApprovedOn: IsoDate.nullable().default(null),
    /** Date the system went (or goes) live; null when not yet. */
    liveSince: IsoDate.nullable().default(null),
    lastAssessmentOn: IsoDate.nullable().default(null),
    hosting: Hosting,
    /** Unit whose own server hosts the system (hosting: unit-server). */
    hostedBy: Id.optional(),
    /** Data-centre service that runs it (hosting: provincial-dc). */
    service: Id.optional(),
    vendor: Id.optional(),
    sharedData: z
      .boolean()
      .default(false)
      .describe("Holds shared or sector data (digital school records, staff records)"),
    personalData: z.boolean().default(false),
    stateSecret: z.boolean().default(false),
    /** The four layers of Directive 14/CT-TTg. */
    protection: z
      .object({
        onSiteStaff: Id.optional(),
        socMonitored: z.boolean().default(false),
        independentAssessor: z.string().min(2).max(200).optional(),
        /** What kind of body the assessor is, to check it is the one the plan names for the level. */
        assessorKind: AssessorKind.optional(),
        nationalSocConnected: z.boolean().default(false),
      })
      .strict()
      .default({ socMonitored: false, nationalSocConnected: false }),
    /** Vulnerability reviews and security checks, with the date their findings were fixed. */
    reviews: z.array(SystemReview).default([]),
  })
  .strict();
export type InformationSystem = z.infer<typeof InformationSystem>;

/** Accounts outside any information system: a Windows or Linux machine's local account, or the domain. */
export const LOCAL_ACCOUNT_SYSTEMS = ["windows-local", "linux-local", "domain"] as const;

/**
 * Names the machine itself would refuse, refused at validation instead of on the machine:
 * Windows (SAM) account names hold none of " / \ [ ] : ; | = , + * ? < > and at most 20
 * characters; Linux names follow Debian's useradd rule (NAME_REGEX, at most 32).
 */
const ACCOUNT_NAME_RULES: Record<string, { pattern: RegExp; expected: string }> = {
  "windows-local": {
    pattern: /^[^"/\\[\]:;|=,+*?<>\p{Cc}]{1,20}$/u,
    expected:
      'a Windows account name: 1-20 characters, none of " / \\ [ ] : ; | = , + * ? < > or control characters',
  },
  domain: {
    pattern: /^[^"/\\[\]:;|=,+*?<>\p{Cc}]{1,20}$/u,
    expected:
      'a domain account name (sAMAccountName): 1-20 characters, none of " / \\ [ ] : ; | = , + * ? < > or control characters',
  },
  "linux-local": {
    pattern: /^[a-z_][a-z0-9_.-]{0,30}\$?$/,
    expected: "a Linux user name: lower-case letters, digits, _ . -, starting with a letter or _, at most 32",
  },
};

export const Account = z
  .object({
    system: z.string().min(1).max(64),
    username: z
      .string()
      .min(1)
      .max(256)
      .regex(/^[^\p{Cc}]*$/u, "a user name without control characters (line breaks, tabs)"),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((a, ctx) => {
    const rule = ACCOUNT_NAME_RULES[a.system];
    if (rule && !rule.pattern.test(a.username))
      ctx.addIssue({ code: "custom", message: rule.expected, path: ["username"] });
  });
export type Account = z.infer<typeof Account>;

export const PersonStatus = z.enum(["active", "retired", "resigned", "transferred"]);

/**
 * What a person does, as the plans group people: leaders (lãnh đạo, HY-PROV-05), managers
 * and teachers (cán bộ quản lý, giáo viên: HY-EDU-S14's signing certificates), IT staff
 * (cán bộ phụ trách CNTT, HY-PROV-31) and other staff.
 */
export const Position = z.enum(["leader", "manager", "teacher", "it", "staff"]);
export type Position = z.infer<typeof Position>;

export const Person = z
  .object({
    id: Id,
    name: z.string().min(2).max(300),
    unit: Id,
    status: PersonStatus,
    /** When the status took effect (required for leavers). */
    since: IsoDate.optional(),
    position: Position.optional(),
    /** The person's own digital-signature certificate (HY-EDU-S14). */
    signingCertificate: z
      .object({
        serial: z
          .string()
          .regex(/^[0-9A-Fa-f]{8,64}$/, "the certificate's serial number in hex (8-64 digits)"),
        issuer: z.string().min(2).max(300),
        validUntil: IsoDate,
      })
      .strict()
      .optional(),
    accounts: z.array(Account).default([]),
  })
  .strict();
export type Person = z.infer<typeof Person>;

/** Someone who retired, resigned or transferred: their accounts must be closed (HY-EDU-S12). */
export const isLeaver = (p: Person): boolean => p.status !== "active";

export const Budget = z
  .object({
    unit: Id,
    year: z.number().int().min(2020).max(2100),
    /** IT / digital-transformation total, VND. */
    itTotal: z.number().int().nonnegative(),
    /** Of which security, VND. */
    security: z.number().int().nonnegative(),
  })
  .strict();
export type Budget = z.infer<typeof Budget>;

export const Vendor = z
  .object({
    id: Id,
    name: z.string().min(2).max(300),
    services: z.array(z.string().min(2).max(300)).min(1),
    systems: z.array(Id).default([]),
    commitments: z
      .object({
        support24x7: z.boolean(),
        offlineBackup: z.boolean(),
        /** Days within which the vendor patches published vulnerabilities. */
        patchWithinDays: z.number().int().positive().nullable(),
        confidentiality: z.boolean(),
        /** Hours to restore service after an incident. */
        restoreWithinHours: z.number().positive().nullable().default(null),
      })
      .strict(),
  })
  .strict();
export type Vendor = z.infer<typeof Vendor>;

/**
 * A training session with its attendance list, matched against the staff list
 * (HY-EDU-A10, S23, HY-PROV-05, 31): awareness, or in-depth training for IT staff.
 */
export const Training = z
  .object({
    id: Id,
    date: IsoDate,
    topic: z.string().min(2).max(300),
    kind: z.enum(["awareness", "in-depth"]),
    organiser: z.string().min(2).max(300),
    /** Person IDs of the staff list who attended. */
    attendees: z.array(Id).min(1),
    /** The school that held it, when its own students took part. */
    unit: Id.optional(),
    /** How many students attended (students are not in the staff list: a count). */
    students: z.number().int().min(0).default(0),
  })
  .strict();
export type Training = z.infer<typeof Training>;

/** A moment written with its offset, as a log shows it: 2026-10-03T08:30:00+07:00. */
export const Moment = z.iso.datetime({
  offset: true,
  error: "a date and time with its offset, e.g. 2026-10-03T08:30:00+07:00",
});

/** A security incident with when it was found and reported (HY-EDU-S16, QN-EDU-7). */
export const Incident = z
  .object({
    id: Id,
    unit: Id,
    system: Id.optional(),
    summary: z.string().min(2).max(500),
    /** A serious incident (sự cố nghiêm trọng): QN-EDU-7 has it reported to the Department. */
    serious: z.boolean().default(false),
    detectedAt: Moment,
    /** When the police (Công an) were notified; null when they were not. */
    reportedToPolice: Moment.nullable().default(null),
    /** When the Department (Sở) was notified; null when it was not. */
    reportedToDepartment: Moment.nullable().default(null),
  })
  .strict();
export type Incident = z.infer<typeof Incident>;

// ---------------------------------------------------------------- data centre

export const ZoneKind = z.enum([
  "edge",
  "dmz",
  "app",
  "data",
  "management",
  "backup",
  "monitoring",
  "wireless",
]);
export type ZoneKind = z.infer<typeof ZoneKind>;

export const Zone = z
  .object({
    id: Id,
    kind: ZoneKind,
    subnet: z.cidrv4("an IPv4 network in CIDR form, e.g. 10.70.1.0/24"),
    /** What crosses to the Internet: none for an isolated zone. */
    internet: z.enum(["none", "outbound", "inbound", "both"]).default("none"),
  })
  .strict();
export type Zone = z.infer<typeof Zone>;

const Port = z.number().int().min(1).max(65535);

/** One allowed flow of the zone matrix; everything not listed is denied. */
export const Flow = z
  .object({
    from: Id,
    to: Id,
    /** Target service (a service ID) or a whole zone when absent. */
    service: Id.optional(),
    port: Port,
    proto: z.enum(["tcp", "udp"]).default("tcp"),
    reason: z.string().min(5).max(300),
  })
  .strict();
export type Flow = z.infer<typeof Flow>;

/** Docker's image reference grammar, simplified: [registry[:port]/]path[:tag][@digest]. */
export const IMAGE_REFERENCE =
  /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;
export const IMAGE_EXPECTED =
  "an image reference such as registry.example.vn/attt/postgres:16 or name@sha256:...";

/** `evidence`: attt's own collection service (`attt serve`), behind the reverse proxy. */
export const ServiceKind = z.enum(["postgres", "web", "reverse-proxy", "file-store", "evidence"]);

export const Volume = z
  .object({
    id: Id,
    mount: z.string().regex(/^\/[A-Za-z0-9._/-]*$/, "an absolute path"),
    /** Holds data that must be backed up. */
    data: z.boolean().default(true),
  })
  .strict();

export const Service = z
  .object({
    id: Id,
    kind: ServiceKind,
    zone: Id,
    system: Id.optional(),
    level: Level,
    image: z.string().max(300).regex(IMAGE_REFERENCE, IMAGE_EXPECTED).optional(),
    port: Port,
    volumes: z.array(Volume).default([]),
    /** Ports published on the host (only allowed in edge/DMZ zones). */
    publish: z.array(Port).default([]),
    /** kind evidence: the postgres service holding its own database (`attt`) and roles. */
    database: Id.optional(),
  })
  .strict();
export type Service = z.infer<typeof Service>;

/**
 * A PEM file Terraform reads when it plans: its path is written inside file("..."), a
 * Terraform expression, where a quote, a backslash or ${ / %{ would end or change it.
 */
const PemPath = z
  .string()
  .min(1)
  .max(1024)
  .regex(
    /^(?:[^"\\$%\p{Cc}]|\$(?!\{)|%(?!\{))+$/u,
    'a path to a PEM file, without " \\ ${ %{ or control characters',
  );

/**
 * The data centre's own infrastructure that keeps state on one host's volumes (backup
 * repository, Prometheus and Alertmanager history, the log relay's queue): a swarm names
 * the host that holds each, as it does for the inventory's services with volumes.
 */
export const SWARM_STATEFUL_INFRA = ["attt-backup-server", "attt-prometheus", "attt-log-relay"] as const;

/**
 * A Docker host's part in the swarm: manager or worker, the zones whose services may run
 * on it (node labels), and the stateful services whose volumes live on its disks.
 */
export const SwarmMember = z
  .object({
    role: z.enum(["manager", "worker"]),
    /** Zone IDs: stateless services of these zones may be scheduled here. */
    zones: z.array(Id).min(1),
    /** Services (inventory IDs, or attt-backup-server, attt-prometheus, attt-log-relay) whose volumes are on this host. */
    holds: z.array(Id).default([]),
  })
  .strict();
export type SwarmMember = z.infer<typeof SwarmMember>;

export const DockerHost = z
  .object({
    id: Id,
    /** unix:///var/run/docker.sock, ssh://user@host or tcp://host:2376 (TLS, CA required). */
    // The characters of a URL's host and path only: the endpoint is written into Terraform's
    // provider block, where text such as ${...} would be evaluated rather than kept.
    endpoint: z
      .string()
      .regex(
        /^(unix:\/\/\/|ssh:\/\/|tcp:\/\/)[A-Za-z0-9._~:/@[\]%+-]+$/,
        "unix:///..., ssh://... or tcp://...",
      ),
    tls: z.object({ caFile: PemPath, certFile: PemPath, keyFile: PemPath }).strict().optional(),
    os: OperatingSystem.default("debian-12"),
    /** The host's part in a Swarm data centre (several hosts); absent on a one-server one. */
    swarm: SwarmMember.optional(),
  })
  .strict()
  .refine((h) => !h.endpoint.startsWith("tcp://") || h.tls !== undefined, {
    message:
      "tls with caFile, certFile and keyFile for a tcp:// endpoint (without a CA, TLS verification is off)",
    path: ["tls"],
  });

const IPV4_OR_NETWORK = "an IPv4 address or network, e.g. 203.0.113.10 or 203.0.113.0/28";

export const Endpoint = z
  .object({
    host: z.string().regex(/^[A-Za-z0-9.-]+$/, "a host name or address"),
    port: Port,
    protocol: z.enum(["syslog-tcp", "syslog-tls", "prometheus-remote-write"]),
    /**
     * The addresses `host` resolves to, as the SOC's operators publish them: the Docker
     * host's egress rules then let the monitoring zone reach only these. Without them the
     * rules can hold only the port (nftables would resolve a name once, at load time).
     */
    addresses: z
      .array(
        z
          .string()
          .refine((a) => z.ipv4().safeParse(a).success || z.cidrv4().safeParse(a).success, IPV4_OR_NETWORK),
      )
      .min(1)
      .optional(),
  })
  .strict();

const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$/;
const MAILBOX = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;

/**
 * Where the data centre's alerts go (Alertmanager): the provincial SOC's webhook and
 * mailbox. The monitoring zone's route out opens for their ports, at `addresses` when given.
 */
export const AlertRouting = z
  .object({
    /** The SOC's webhook (Alertmanager's JSON payload), http:// or https://. */
    webhook: z
      .string()
      .regex(
        /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?$/,
        "an http:// or https:// URL without spaces or quotes",
      ),
    email: z
      .object({
        to: z.array(z.string().regex(MAILBOX, "an e-mail address")).min(1),
        from: z.string().regex(MAILBOX, "an e-mail address"),
        /** The province's mail relay, host:port; it accepts mail from the data centre without a password. */
        smarthost: z.string().regex(HOST_PORT, "host:port of the mail relay"),
        /** STARTTLS required (the default); false only for a relay inside the province's network. */
        requireTls: z.boolean().default(true),
      })
      .strict(),
    /** The addresses of the webhook's host and the mail relay, to hold the route out to them. */
    addresses: z
      .array(
        z
          .string()
          .refine((a) => z.ipv4().safeParse(a).success || z.cidrv4().safeParse(a).success, IPV4_OR_NETWORK),
      )
      .min(1)
      .optional(),
  })
  .strict();

export const Datacentre = z
  .object({
    id: Id,
    name: z.string().min(2).max(300),
    owner: Id,
    level: Level,
    hosts: z.array(DockerHost).min(1),
    zones: z.array(Zone).min(1),
    flows: z.array(Flow).default([]),
    services: z.array(Service).default([]),
    backup: z
      .object({
        schedule: CronSchedule,
        keep: z
          .object({
            daily: z.number().int().min(1),
            weekly: z.number().int().min(0),
            monthly: z.number().int().min(0),
          })
          .strict(),
        /** The offline copy: a target attached only while the copy runs. */
        offline: z
          .object({
            // A mount point in /etc/fstab that a root cron job mounts: a plain path, no shell
            // or fstab syntax (spaces, quotes, $, backslashes) and no "..".
            path: z
              .string()
              .regex(
                /^(\/[A-Za-z0-9_.-]+)+\/?$/,
                "an absolute path of letters, digits, _ . - (a mount point)",
              )
              .refine((p) => !p.split("/").includes(".."), 'an absolute path without ".."'),
            schedule: CronSchedule,
          })
          .strict(),
        restoreDrill: CronSchedule.describe("cron schedule of the restore drill"),
      })
      .strict(),
    monitoring: z
      .object({
        provincialSoc: Endpoint,
        nationalSoc: Endpoint,
        /** Alert routing; without it the alerts stay in Prometheus and Alertmanager (synth says so). */
        alerts: AlertRouting.optional(),
      })
      .strict(),
  })
  .strict();
export type Datacentre = z.infer<typeof Datacentre>;

export const Province = z
  .object({
    id: Id,
    name: z.string().min(2).max(200),
    /** Plan documents that bind this province (their requirement IDs apply). */
    plans: z.array(z.enum(["HY-EDU", "QN-BCD", "QN-EDU", "HP-EDU", "HY-PROV"])).min(1),
    /** The date the inventory describes; checks of deadlines and ages use it, never the clock. */
    asOf: IsoDate,
    department: Id,
    /**
     * The reporting period of machine evidence: the days up to asOf whose audits count.
     * A machine's latest audit inside it counts; older evidence is stale.
     */
    evidencePeriodDays: z.number().int().min(1).max(3660).default(92),
    /**
     * The province's own time servers (host names or IPv4 addresses), first preferred:
     * the Linux machines' systemd-timesyncd asks these instead of the distribution's
     * pool (CIS 2.3.2.1). Without them machines keep the pool.
     */
    timeServers: z
      .array(
        z
          .string()
          .regex(
            /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/,
            "a host name or IPv4 address (letters, digits, '.' and '-')",
          ),
      )
      .min(1)
      .max(8)
      .optional(),
  })
  .strict();
export type Province = z.infer<typeof Province>;

/** What one file may hold. */
export const InventoryFile = z
  .object({
    province: Province.optional(),
    datacentre: Datacentre.optional(),
    units: z.array(Unit).optional(),
    systems: z.array(InformationSystem).optional(),
    staff: z.array(Person).optional(),
    budgets: z.array(Budget).optional(),
    vendors: z.array(Vendor).optional(),
    trainings: z.array(Training).optional(),
    incidents: z.array(Incident).optional(),
  })
  .strict();
export type InventoryFile = z.infer<typeof InventoryFile>;

/** The whole province, merged from every file. */
export interface Inventory {
  province: Province;
  datacentre: Datacentre;
  units: Unit[];
  systems: InformationSystem[];
  staff: Person[];
  budgets: Budget[];
  vendors: Vendor[];
  trainings: Training[];
  incidents: Incident[];
}
