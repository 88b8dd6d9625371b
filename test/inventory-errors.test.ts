/**
 * Malformed inventories: each gives a precise error (file, line, field, what was
 * expected, what was found), and the CLI exits 2 with no stack trace.
 *
 * Each case is the minimal valid inventory with one small edit, so the case says
 * exactly what is wrong. The expected line is found by searching the edited text
 * for the offending snippet, never copied from the output.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadInventory } from "../model/load-inventory.js";
import { formatProblem, InputError, type Problem } from "../model/problems.js";
import { backupBesideData } from "../model/swarm-warnings.js";
import { runCli } from "./helpers/cli.js";

const MINIMAL = readFileSync(join(import.meta.dirname, "fixtures/minimal/inventory.yaml"), "utf8");

interface Case {
  name: string;
  /** Files of the inventory directory; "inventory.yaml" defaults to the minimal one. */
  files: Record<string, string | Uint8Array>;
  /** The problem the loader must report. */
  want: { path?: string; expected: RegExp; found?: RegExp; file?: string; lineOf?: string };
}

/** The minimal inventory with `from` replaced by `to` (which must occur). */
function edit(from: string, to: string): Record<string, string> {
  if (!MINIMAL.includes(from)) throw new Error(`fixture edit: "${from}" not in the minimal inventory`);
  return { "inventory.yaml": MINIMAL.replace(from, to) };
}

/** A USB drive's two instance IDs, as Device Manager shows them. */
const USB_DEVICE = "USB\\VID_0951&PID_1666\\60A44C413A8CF0B0D9C6F0A8";
const USB_DISK = "USBSTOR\\Disk&Ven_Kingston&Prod_DataTraveler_3.0&Rev_PMAP\\60A44C413A8CF0B0D9C6F0A8&0";

/** The minimal inventory with the school's lab machine made a classified one, with `approvedUsb` (YAML lines). */
function classifiedHost(approvedUsb: string): Record<string, string> {
  return edit(
    "      - role: lab\n        os: windows-10\n        count: 2\n        hosts:\n          - { name: thcs-le-loi-lab-01 }",
    `      - role: classified\n        os: windows-10\n        count: 2\n        hosts:\n          - name: thcs-le-loi-mat-01\n${approvedUsb}`,
  );
}

/** The minimal inventory's one host replaced by a valid three-host swarm. */
const SWARM_HOSTS = [
  "  hosts:",
  "    - id: dc-host-1",
  "      endpoint: unix:///var/run/docker.sock",
  "      swarm: { role: manager, zones: [dmz, app, mgmt], holds: [attt-prometheus, attt-log-relay] }",
  "    - id: dc-host-2",
  "      endpoint: ssh://ops@10.9.99.12",
  "      swarm: { role: manager, zones: [app, data, backup], holds: [records-db, attt-backup-server] }",
  "    - id: dc-host-3",
  "      endpoint: ssh://ops@10.9.99.13",
  "      swarm: { role: manager, zones: [dmz, app, mgmt] }",
].join("\n");
const ONE_HOST = "  hosts:\n    - id: dc-host-1\n      endpoint: unix:///var/run/docker.sock";

/** The minimal inventory as a swarm, with `from` replaced by `to` in the hosts (which must occur). */
function swarmEdit(from: string, to: string): Record<string, string> {
  if (!SWARM_HOSTS.includes(from)) throw new Error(`fixture edit: "${from}" not in the swarm hosts`);
  return edit(ONE_HOST, SWARM_HOSTS.replace(from, to));
}

const cases: Case[] = [
  {
    name: "count is a word",
    files: edit("count: 10", 'count: "ten"'),
    want: { path: "units[0].machines[0].count", expected: /number/, found: /"ten"/, lineOf: 'count: "ten"' },
  },
  {
    name: "unknown service kind",
    files: edit("kind: postgres", "kind: mysql"),
    want: {
      path: "datacentre.services[0].kind",
      expected: /"postgres"/,
      found: /mysql/,
      lineOf: "kind: mysql",
    },
  },
  {
    name: "misspelt field",
    files: edit('    name: "Trần Văn An"', '    name: "Trần Văn An"\n    nmae: x'),
    want: {
      path: "staff[0].nmae",
      expected: /known field.*name/,
      found: /unknown field "nmae"/,
      lineOf: "nmae: x",
    },
  },
  {
    name: "impossible date",
    files: edit('asOf: "2026-11-20"', 'asOf: "2026-02-30"'),
    want: {
      path: "province.asOf",
      expected: /real calendar date/,
      found: /2026-02-30/,
      lineOf: "2026-02-30",
    },
  },
  {
    name: "date in the wrong format",
    files: edit('levelApprovedOn: "2026-03-01"', 'levelApprovedOn: "01/03/2026"'),
    want: {
      path: "systems[0].levelApprovedOn",
      expected: /YYYY-MM-DD/,
      found: /01\/03\/2026/,
      lineOf: "01/03/2026",
    },
  },
  {
    name: "missing required field",
    files: edit('    name: "Trường THCS Lê Lợi"\n', ""),
    want: { path: "units[1].name", expected: /string/, found: /missing/ },
  },
  {
    name: "unknown unit",
    files: edit("unit: thcs-le-loi", "unit: thcs-khong-co"),
    want: { path: "staff[1].unit", expected: /unit/, found: /thcs-khong-co/, lineOf: "unit: thcs-khong-co" },
  },
  {
    name: "account on an unknown system",
    files: edit("system: csdl-nganh, username: an.tv", "system: he-thong-la, username: an.tv"),
    want: {
      path: "staff[0].accounts[0].system",
      expected: /information system/,
      found: /he-thong-la/,
      lineOf: "he-thong-la",
    },
  },
  {
    name: "duplicate unit ID",
    files: edit("  - id: thcs-le-loi", "  - id: so-gddt"),
    want: { path: "units[1].id", expected: /used once/, found: /so-gddt/ },
  },
  {
    name: "duplicate YAML key",
    files: edit("    level: 3\n    securityOfficer", "    level: 3\n    level: 2\n    securityOfficer"),
    want: { expected: /valid YAML/, found: /"level" a second time/, lineOf: "    level: 2" },
  },
  {
    name: "YAML syntax error",
    files: edit("plans: [HY-EDU, HY-PROV]", "plans: [HY-EDU, HY-PROV"),
    want: { expected: /valid YAML/, found: /syntax error/ },
  },
  {
    name: "empty file",
    files: { "inventory.yaml": MINIMAL, "empty.yaml": "" },
    want: { file: "empty.yaml", expected: /at least one section/, found: /empty file/ },
  },
  {
    name: "file of comments only",
    files: { "inventory.yaml": MINIMAL, "notes.yaml": "# nothing here yet\n# still nothing\n" },
    want: { file: "notes.yaml", expected: /at least one section/, found: /empty file/ },
  },
  {
    name: "binary file",
    files: {
      "inventory.yaml": MINIMAL,
      "photo.yaml": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    },
    want: { file: "photo.yaml", expected: /YAML text/, found: /binary/ },
  },
  {
    name: "not UTF-8",
    files: {
      "inventory.yaml": MINIMAL,
      "latin1.yaml": new Uint8Array([...Buffer.from("units:\n  - name: Tr"), 0xf0, 0x28, 0x8c, 0x28, 0x0a]),
    },
    want: { file: "latin1.yaml", expected: /UTF-8/, found: /not UTF-8/ },
  },
  {
    name: "top level is a list",
    files: { "inventory.yaml": MINIMAL, "list.yaml": "- a\n- b\n" },
    want: { file: "list.yaml", expected: /mapping of sections/, found: /list/ },
  },
  {
    name: "two YAML documents",
    files: { "inventory.yaml": `${MINIMAL}---\nunits: []\n` },
    want: { expected: /one YAML document/, found: /2 documents/, lineOf: "---" },
  },
  {
    name: "no province section",
    files: { "units.yaml": "units:\n  - { id: a, name: Trường A, type: primary }\n" },
    want: { path: "province", expected: /province section/, found: /none/ },
  },
  {
    name: "two province sections",
    files: {
      "inventory.yaml": MINIMAL,
      "second.yaml":
        'province:\n  id: x\n  name: "Tỉnh X"\n  plans: [HY-EDU]\n  asOf: "2026-01-01"\n  department: so-gddt\n',
    },
    want: { file: "second.yaml", path: "province", expected: /one province/, found: /second one/ },
  },
  {
    name: "security level out of range",
    files: edit("  level: 3\n  hosts:", "  level: 7\n  hosts:"),
    want: { path: "datacentre.level", expected: /<=5/, found: /7/, lineOf: "level: 7" },
  },
  {
    name: "negative machine count",
    files: edit("count: 2", "count: -2"),
    want: { path: "units[1].machines[0].count", expected: />=0/, found: /-2/, lineOf: "count: -2" },
  },
  {
    name: "ID with spaces and capitals",
    files: edit("  - id: vnpt", '  - id: "VNPT Tinh"'),
    want: { path: "vendors[0].id", expected: /lowercase/, found: /VNPT Tinh/, lineOf: "VNPT Tinh" },
  },
  {
    name: "leaver without a date",
    files: edit('    since: "2026-06-30"\n', ""),
    want: { path: "staff[1].since", expected: /date the person resigned/, found: /nothing/ },
  },
  {
    name: "approval date in the future",
    files: edit('levelApprovedOn: "2026-03-01"', 'levelApprovedOn: "2027-01-01"'),
    want: {
      path: "systems[0].levelApprovedOn",
      expected: /on or before/,
      found: /future/,
      lineOf: "2027-01-01",
    },
  },
  {
    name: "tcp Docker endpoint without TLS",
    files: edit("endpoint: unix:///var/run/docker.sock", "endpoint: tcp://10.0.0.5:2376"),
    want: { path: "datacentre.hosts[0].tls", expected: /CA/ },
  },
  {
    name: "SOC address that is a name",
    files: edit(
      "provincialSoc: { host: soc.tinh-mau.gov.vn, port: 6514, protocol: syslog-tls }",
      "provincialSoc: { host: soc.tinh-mau.gov.vn, port: 6514, protocol: syslog-tls, addresses: [soc.tinh-mau.gov.vn] }",
    ),
    want: {
      path: "datacentre.monitoring.provincialSoc.addresses[0]",
      expected: /IPv4 address or network/,
      found: /soc\.tinh-mau\.gov\.vn/,
      lineOf: "addresses: [soc.tinh-mau.gov.vn]",
    },
  },
  {
    name: "bad subnet",
    files: edit("subnet: 10.9.1.0/24", "subnet: 10.9.1.0/33"),
    want: {
      path: "datacentre.zones[0].subnet",
      expected: /cidrv4|CIDR/i,
      found: /10\.9\.1\.0\/33/,
      lineOf: "10.9.1.0/33",
    },
  },
  {
    name: "flow to an unknown zone",
    files: edit("{ from: dmz, to: app, port: 8080", "{ from: dmz, to: apps, port: 8080"),
    want: { path: "datacentre.flows[0].to", expected: /zone/, found: /apps/ },
  },
  {
    name: "flow service in another zone",
    files: edit("{ from: app, to: data, service: records-db", "{ from: dmz, to: app, service: records-db"),
    want: { path: "datacentre.flows[1].service", expected: /in zone "app"/, found: /zone "data"/ },
  },
  {
    name: "security budget above the total",
    files: edit("security: 160000000", "security: 1600000000"),
    want: { path: "budgets[0].security", expected: /at most itTotal/, found: /1600000000/ },
  },
  {
    name: "school server without its school",
    files: edit("    hosting: provincial-dc\n    service: records-db\n", "    hosting: unit-server\n"),
    want: { path: "systems[0].hostedBy", expected: /unit whose server/ },
  },
  {
    name: "more named hosts than machines",
    files: edit("count: 2", "count: 0"),
    want: { path: "units[1].machines[0].hosts", expected: /at most count/ },
  },
  {
    name: "hostname used twice",
    files: edit(
      "          - { name: thcs-le-loi-lab-01 }",
      "          - { name: thcs-le-loi-lab-01 }\n          - { name: THCS-LE-LOI-LAB-01 }",
    ),
    want: { path: "units[1].machines[0].hosts[1].name", expected: /hostname used once/ },
  },
  {
    name: "parent cycle",
    files: edit("    type: department\n", "    type: department\n    parent: thcs-le-loi\n"),
    want: { path: "units[0].parent", expected: /chain of parents/, found: /cycle/ },
  },
  {
    name: "department is a school",
    files: edit("department: so-gddt", "department: thcs-le-loi"),
    want: { path: "province.department", expected: /type department/, found: /lower-secondary/ },
  },
  {
    name: "plans is not a list",
    files: edit("plans: [HY-EDU, HY-PROV]", "plans: HY-EDU"),
    want: { path: "province.plans", expected: /a list/, found: /HY-EDU/ },
  },
  {
    name: "approved USB on a lab machine",
    files: edit(
      "          - { name: thcs-le-loi-lab-01 }",
      `          - { name: thcs-le-loi-lab-01, approvedUsb: [{ device: '${USB_DEVICE}', disk: '${USB_DISK}' }] }`,
    ),
    want: { path: "units[1].machines[0].hosts[0].approvedUsb", expected: /classified/ },
  },
  {
    name: "an approved USB drive by its disk ID alone (Windows would refuse its USB device)",
    files: classifiedHost(`            approvedUsb:\n              - '${USB_DISK}'`),
    want: {
      path: "units[1].machines[0].hosts[0].approvedUsb[0]",
      expected:
        /a drive as \{ device, disk \}.*USB\\VID_.*Device Manager > Universal Serial Bus controllers > USB Mass Storage Device > Properties > Details > Device instance path/,
      found: /^string "USBSTOR/,
      lineOf: `- '${USB_DISK}'`,
    },
  },
  {
    name: "an approved USB drive without its disk ID",
    files: classifiedHost(`            approvedUsb:\n              - device: '${USB_DEVICE}'`),
    want: {
      path: "units[1].machines[0].hosts[0].approvedUsb[0].disk",
      expected: /disk.*Device Manager > Disk drives/,
      found: /missing/,
    },
  },
  {
    name: "an approved USB drive whose disk ID is in the device field",
    files: classifiedHost(
      `            approvedUsb:\n              - { device: '${USB_DISK}', disk: '${USB_DISK}' }`,
    ),
    want: {
      path: "units[1].machines[0].hosts[0].approvedUsb[0].device",
      expected: /USB device, USB\\VID_.*USB Mass Storage Device/,
      lineOf: "- { device: 'USBSTOR",
    },
  },
  {
    name: "an approved USB drive pairing one drive's USB device with another's disk",
    files: classifiedHost(
      `            approvedUsb:\n              - device: '${USB_DEVICE}'\n                disk: '${USB_DISK.replace("60A44C413A8CF0B0D9C6F0A8", "408D5C1E2AB7E3A1C9560D7F")}'`,
    ),
    want: {
      path: "units[1].machines[0].hosts[0].approvedUsb[0].disk",
      expected: /same drive as device.*\\60A44C413A8CF0B0D9C6F0A8&0/,
      found: /408D5C1E2AB7E3A1C9560D7F/,
      lineOf: "disk: 'USBSTOR",
    },
  },
  {
    name: "bad cron schedule",
    files: edit('schedule: "0 1 * * *"', 'schedule: "nightly"'),
    want: { path: "datacentre.backup.schedule", expected: /cron/, found: /nightly/ },
  },
  {
    name: "a command smuggled into the offline backup path",
    files: edit("offline: { path: /mnt/offline,", 'offline: { path: "/mnt/$(touch /tmp/pwn)",'),
    want: { path: "datacentre.backup.offline.path", expected: /mount point/, lineOf: "offline: {" },
  },
  {
    name: "a backup minute cron would reject (the backups would never run)",
    files: edit('schedule: "0 1 * * *"', 'schedule: "61 1 * * *"'),
    want: { path: "datacentre.backup.schedule", expected: /minute 0-59/, found: /61 1/ },
  },
  {
    name: "a command smuggled into a cron schedule",
    files: edit('restoreDrill: "0 5 1 * *"', 'restoreDrill: "0 8 1 * * root touch /tmp/pwn\\n* * * * *"'),
    want: { path: "datacentre.backup.restoreDrill", expected: /five-field cron/, lineOf: "restoreDrill:" },
  },
  {
    name: "half a character (lone surrogate escape)",
    files: edit('name: "Trường THCS Lê Lợi"', 'name: "Trường \\uD800 Lê Lợi"'),
    want: { path: "units[1].name", expected: /text/, found: /lone UTF-16 surrogate/, lineOf: "uD800" },
  },
  {
    name: "a Windows account name Windows refuses",
    files: edit("username: binh, enabled: false", 'username: "binh\\"; rm", enabled: false'),
    want: { path: "staff[1].accounts[0].username", expected: /Windows account name/, lineOf: 'rm", enabled' },
  },
  {
    name: "a line break in a user name",
    files: edit("username: an.tv", 'username: "an.tv\\nx"'),
    want: { path: "staff[0].accounts[0].username", expected: /control characters/ },
  },
  {
    name: "a swarm host without swarm beside hosts with it",
    files: swarmEdit("      swarm: { role: manager, zones: [dmz, app, mgmt] }", "      os: debian-12"),
    want: {
      path: "datacentre.hosts[2]",
      expected: /swarm: \{ role, zones \} on every host/,
      found: /dc-host-3/,
      lineOf: "- id: dc-host-3",
    },
  },
  {
    name: "an even number of swarm managers",
    files: swarmEdit("role: manager, zones: [dmz, app, mgmt] }", "role: worker, zones: [dmz, app, mgmt] }"),
    want: { path: "datacentre.hosts", expected: /odd number of managers/, found: /^2 managers$/ },
  },
  {
    name: "a swarm host labelled with an unknown zone",
    files: swarmEdit("zones: [app, data, backup]", "zones: [app, data, bakup]"),
    want: {
      path: "datacentre.hosts[1].swarm.zones[2]",
      expected: /zone of the data centre/,
      found: /"bakup"/,
      lineOf: "bakup",
    },
  },
  {
    name: "a database held by a host that does not carry its zone",
    files: swarmEdit(
      "holds: [attt-prometheus, attt-log-relay]",
      "holds: [attt-prometheus, attt-log-relay, records-db]",
    ),
    want: { path: "datacentre.hosts[0].swarm.holds[2]", expected: /lists "data"/, lineOf: "records-db]" },
  },
  {
    name: "a stateful service no host holds",
    files: swarmEdit("holds: [records-db, attt-backup-server]", "holds: [attt-backup-server]"),
    want: { path: "datacentre.hosts", expected: /every stateful service/, found: /not held: records-db$/ },
  },
  {
    name: "a swarm host whose address is inside a zone's subnet",
    files: swarmEdit("ssh://ops@10.9.99.13", "ssh://ops@10.9.4.13"),
    want: {
      path: "datacentre.hosts[2].endpoint",
      expected: /outside every zone's subnet/,
      found: /^10\.9\.4\.13, inside zone "mgmt" \(10\.9\.4\.0\/24\)$/,
      lineOf: "ssh://ops@10.9.4.13",
    },
  },
  {
    name: "a swarm role that is not manager or worker",
    files: swarmEdit("role: manager, zones: [app, data, backup]", "role: leader, zones: [app, data, backup]"),
    want: {
      path: "datacentre.hosts[1].swarm.role",
      expected: /"manager"/,
      found: /leader/,
      lineOf: "role: leader",
    },
  },
];

function materialise(c: Case): string {
  const dir = mkdtempSync(join(tmpdir(), "attt-bad-"));
  for (const [name, content] of Object.entries(c.files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

function problemsOf(dir: string): Problem[] {
  try {
    loadInventory(dir);
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
  throw new Error("the inventory loaded without a problem");
}

function matching(problems: Problem[], want: Case["want"]): Problem | undefined {
  return problems.find(
    (p) =>
      (want.path === undefined || p.path === want.path) &&
      want.expected.test(p.expected) &&
      (want.found === undefined || want.found.test(p.found)) &&
      (want.file === undefined || p.file.endsWith(want.file)),
  );
}

describe("malformed inventories give precise errors", () => {
  it("the minimal inventory as a three-host swarm is valid", () => {
    const dir = materialise({ name: "ok", files: edit(ONE_HOST, SWARM_HOSTS), want: { expected: /./ } });
    expect(loadInventory(dir).inventory.datacentre.hosts.map((h) => h.swarm?.role)).toEqual([
      "manager",
      "manager",
      "manager",
    ]);
  });

  it("the minimal inventory itself is valid", () => {
    const dir = materialise({ name: "ok", files: { "inventory.yaml": MINIMAL }, want: { expected: /./ } });
    expect(loadInventory(dir).inventory.units).toHaveLength(2);
  });

  for (const c of cases) {
    it(c.name, () => {
      const dir = materialise(c);
      const problems = problemsOf(dir);
      const hit = matching(problems, c.want);
      expect(
        hit,
        `no problem matched; got:\n${problems.map((p) => JSON.stringify(p)).join("\n")}`,
      ).toBeDefined();
      if (!hit) return;
      if (c.want.lineOf) {
        const text = String(Object.values(c.files)[0]);
        const line = text.split("\n").findIndex((l) => l.includes(c.want.lineOf as string)) + 1;
        expect(line).toBeGreaterThan(0);
        expect(hit.line).toBe(line);
        expect(hit.column).toBeGreaterThan(0);
      }
    });
  }
});

describe("attt validate refuses a USB drive registered by its disk ID alone", () => {
  it("names file, line, field and where Device Manager shows the USB device's ID; exit 2", async () => {
    const files = classifiedHost(`            approvedUsb:\n              - '${USB_DISK}'`);
    const dir = materialise({ name: "usb", files, want: { expected: /./ } });
    const text = String(files["inventory.yaml"]);
    const line = text.split("\n").findIndex((l) => l.includes(`- '${USB_DISK}'`)) + 1;
    expect(line).toBeGreaterThan(0);
    const r = await runCli(["validate", dir]);
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stderr).toContain(
      `inventory.yaml:${line}:17: units[1].machines[0].hosts[0].approvedUsb[0]: expected a drive as { device, disk }: the instance IDs of its USB device (USB\\VID_…&PID_…\\<serial>: Device Manager > Universal Serial Bus controllers > USB Mass Storage Device > Properties > Details > Device instance path) and of its disk (USBSTOR\\…: Device Manager > Disk drives > the drive > Properties > Details > Device instance path); with the disk alone Windows refuses the drive's USB device, found string "USBSTOR`,
    );
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});

describe("attt validate refuses a swarm host whose address is inside a zone's subnet", () => {
  it("Vietnamese first, then English, with file, line and field; exit 2", async () => {
    const files = swarmEdit("ssh://ops@10.9.99.13", "ssh://ops@10.9.4.13");
    const dir = materialise({ name: "host-in-zone", files, want: { expected: /./ } });
    const line =
      String(files["inventory.yaml"])
        .split("\n")
        .findIndex((l) => l.includes("10.9.4.13")) + 1;
    const r = await runCli(["validate", dir]);
    expect(r.exitCode, r.stderr).toBe(2);
    const vi = r.stderr.indexOf(
      `inventory.yaml:${line}:17: datacentre.hosts[2].endpoint: địa chỉ máy 10.9.4.13 nằm trong dải mạng 10.9.4.0/24 của vùng "mgmt"`,
    );
    const en = r.stderr.indexOf(
      `inventory.yaml:${line}:17: datacentre.hosts[2].endpoint: expected a host address outside every zone's subnet`,
    );
    expect(vi, r.stderr).toBeGreaterThanOrEqual(0);
    expect(en, r.stderr).toBeGreaterThan(vi);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});

describe("attt validate warns when a swarm host holds both a database and the backup repository", () => {
  it("names the host and the service, Vietnamese first; still valid (exit 0)", async () => {
    // The minimal swarm's dc-host-2 holds records-db and attt-backup-server.
    const dir = materialise({
      name: "backup-beside",
      files: edit(ONE_HOST, SWARM_HOSTS),
      want: { expected: /./ },
    });
    const r = await runCli(["validate", dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      "cảnh báo / warning: máy dc-host-2 giữ cả kho sao lưu (attt-backup-server) và dữ liệu của records-db",
    );
    expect(r.stderr).toContain("host dc-host-2 holds both the backup repository and the data of records-db");
  });

  it("says nothing when they are on different hosts", () => {
    const dir = materialise({
      name: "backup-apart",
      files: edit(
        ONE_HOST,
        SWARM_HOSTS.replace("holds: [records-db, attt-backup-server]", "holds: [records-db]").replace(
          "      swarm: { role: manager, zones: [dmz, app, mgmt] }",
          "      swarm: { role: manager, zones: [dmz, app, mgmt, backup], holds: [attt-backup-server] }",
        ),
      ),
      want: { expected: /./ },
    });
    const dc = loadInventory(dir).inventory.datacentre;
    expect(backupBesideData(dc)).toEqual([]);
    expect(dc.hosts[2]?.swarm?.holds).toEqual(["attt-backup-server"]);
  });
});

describe("what the data centre stacks would refuse is reported by validate and synth, located", () => {
  it("overlapping and too-small subnets: file, line and field, exit 2, nothing written", async () => {
    const dir = materialise({
      name: "subnets",
      files: edit("subnet: 10.9.3.0/24", "subnet: 10.9.2.0/29"),
      want: { expected: /./ },
    });
    const text = readFileSync(join(dir, "inventory.yaml"), "utf8");
    const line = text.split("\n").findIndex((l) => l.includes("10.9.2.0/29")) + 1;
    const out = join(dir, "out");
    for (const args of [
      ["validate", dir],
      ["synth", dir, "--out", out],
    ]) {
      const r = await runCli(args);
      expect(r.exitCode, r.stderr).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(
          `inventory\\.yaml:${line}:\\d+: datacentre\\.zones\\[2\\]\\.subnet: overlaps the subnet of zone "app"`,
        ),
      );
      expect(r.stderr).toMatch(
        new RegExp(
          `inventory\\.yaml:${line}:\\d+: datacentre\\.zones\\[2\\]\\.subnet: subnet 10\\.9\\.2\\.0/29 is too small`,
        ),
      );
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
    expect(existsSync(out)).toBe(false);
  });

  it("bad ATTT_* settings name the variable and what was expected", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "attt-env-")), "out");
    const r = await runCli(["synth", "--out", out], {
      env: { ATTT_DOCKER_HOST: "http://docker:2375", ATTT_CONFIG_DIR: "relative/config" },
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(
      /ATTT_DOCKER_HOST: expected unix:\/\/\/\.\.\., ssh:\/\/\.\.\. or tcp:\/\/\.\.\., found "http:\/\/docker:2375"/,
    );
    expect(r.stderr).toMatch(
      /ATTT_CONFIG_DIR: expected an absolute path on the Docker host, found "relative\/config"/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it("Terraform state outside the output, images that are image names, TLS files with a host", async () => {
    const base = mkdtempSync(join(tmpdir(), "attt-env-"));
    const out = join(base, "out");
    const r = await runCli(["synth", "--out", out], {
      env: {
        ATTT_STATE_DIR: join(out, "state"),
        ATTT_IMAGE_ALL: 'x"; rm -rf /',
        ATTT_DOCKER_TLS_CA: "/etc/attt/ca.pem",
        ATTT_SECRETS_DIR: "/",
      },
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`ATTT_STATE_DIR: expected a directory outside the synth output ${out}`);
    expect(r.stderr).toMatch(/ATTT_IMAGE_ALL: expected an image reference .*, found "x"; rm -rf \/"/);
    expect(r.stderr).toMatch(/ATTT_DOCKER_TLS_CA: expected ATTT_DOCKER_HOST/);
    expect(r.stderr).toMatch(/ATTT_SECRETS_DIR: expected a directory of its own, found "\/"/);
    const relative = await runCli(["synth", "--out", out], { env: { ATTT_STATE_DIR: "rel/state" } });
    expect(relative.exitCode).toBe(2);
    expect(relative.stderr).toMatch(/ATTT_STATE_DIR: expected an absolute path/);
    expect(existsSync(out)).toBe(false);
  });
});

describe("the CLI reports bad input with exit code 2 and no stack trace", () => {
  for (const c of cases) {
    it.concurrent(c.name, async () => {
      const dir = materialise(c);
      const r = await runCli(["validate", dir]);
      expect(r.exitCode).toBe(2);
      // Every problem the loader finds, each as one line: file:line:column: field: expected, found.
      const problems = problemsOf(dir);
      const printed = r.stderr.split("\n").filter((l) => l.startsWith("error: "));
      expect(printed).toHaveLength(problems.length);
      const hit = matching(problems, c.want) as Problem;
      expect(printed).toContain(`error: ${formatProblem(hit)}`);
      expect(r.stderr).toContain(`${problems.length} problem(s); nothing was written.`);
      expect(r.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      expect(r.stdout).toBe("");
    });
  }

  it("a wrong flag is bad input too", async () => {
    const r = await runCli(["validate", "--no-such-flag"]);
    expect(r.exitCode).toBe(2);
  });
});
