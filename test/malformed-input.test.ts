// biome-ignore-all lint/suspicious/noTemplateCurlyInString: hostile inputs hold Terraform template text on purpose
/**
 * Malformed and hostile input of every kind a user hands the toolkit (inventory files,
 * evidence records, waivers, vendor values), each through the real `attt` program as a
 * user runs it, over an output a previous run wrote:
 *
 * - exit 2, and an `error:` line naming the file, the line (0 only for a problem with a
 *   whole file: unreadable, too large) and the field, with what was expected;
 * - "nothing was written", no stack trace, nothing on stdout;
 * - the previous output byte for byte as it was.
 *
 * The cases run in-process (bin/program.ts, the same commands and error reporting as
 * bin/attt.ts): a process per case would cost minutes. A sample of them runs as a real
 * process too, and must print the same.
 *
 * Records (issue 10's record register) are not an input yet: no cases for them here.
 */
import { execFileSync } from "node:child_process";
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticEvidence } from "../bench/synthetic-evidence.js";
import type { Evidence } from "../model/evidence.js";
import { loadInventory } from "../model/load-inventory.js";
import { MAX_EVIDENCE_BYTES, MAX_YAML_BYTES } from "../model/read-input.js";
import { runCli } from "./helpers/cli.js";
import { runCliInProcess } from "./helpers/cli-inprocess.js";

const ROOT = join(import.meta.dirname, "..");
const MINIMAL_DIR = join(ROOT, "test/fixtures/minimal");
const MINIMAL = readFileSync(join(MINIMAL_DIR, "inventory.yaml"), "utf8");
const VENDOR = (name: string) => readFileSync(join(ROOT, "examples/vendor-values", `${name}.yaml`), "utf8");
const WAIVERS = [
  "waivers:",
  "  - id: inv.accounts.leavers-disabled",
  "    scope: unit thcs-le-loi",
  '    reason: "The school\'s only technician is on leave until the end of term; the Department disables accounts meanwhile"',
  "    approver: Trần Văn An",
  '    expires: "2026-12-31"',
  "",
].join("\n");

const work = mkdtempSync(join(tmpdir(), "attt-malformed-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Kind = "inventory" | "evidence" | "waivers" | "vendor";

interface Case {
  name: string;
  kind: Kind;
  /** Vendor cases: the template the values are for. */
  template?: string;
  /** Writes the input into `dir`; returns the text of the file the problem is in (for `lineOf`). */
  make: (dir: string) => string | undefined;
  want: {
    /** The end of the file name the problem names. */
    file: string;
    /** The first line holding this text is the line expected; absent: a whole-file problem (line 0). */
    lineOf?: string;
    /** The field; "" for a whole-file problem. */
    path: string;
    expected: RegExp;
  };
}

// ------------------------------------------------------------------ helpers

function replaced(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`case edit: "${from}" not in the text`);
  return text.replace(from, to);
}

/** The input layout of each kind, written into a fresh directory of a case. */
const inventoryDir = (dir: string) => join(dir, "inventory");
const evidenceDir = (dir: string) => join(dir, "evidence");
const waiversFile = (dir: string) => join(dir, "waivers.yaml");
const valuesFile = (dir: string) => join(dir, "values.yaml");

function writeInventory(dir: string, text: string, extra: Record<string, string> = {}): string {
  mkdirSync(inventoryDir(dir), { recursive: true });
  writeFileSync(join(inventoryDir(dir), "inventory.yaml"), text);
  for (const [name, content] of Object.entries(extra)) writeFileSync(join(inventoryDir(dir), name), content);
  return text;
}

const inv = (from: string, to: string) => (dir: string) => writeInventory(dir, replaced(MINIMAL, from, to));

/** Every machine of the minimal inventory passing: the records a province sends. */
const goodRecords = (): Evidence[] =>
  syntheticEvidence(loadInventory(MINIMAL_DIR).inventory, { failShare: 0 }) as Evidence[];

/** The good records, thcs-le-loi-lab-01's replaced by `text`, written one field a line. */
function evidence(edit: (pretty: string) => string, name = "bad.json") {
  return (dir: string): string => {
    const records = goodRecords();
    const victim = records.find((r) => r.machine === "thcs-le-loi-lab-01") as Evidence;
    mkdirSync(evidenceDir(dir), { recursive: true });
    for (const r of records)
      if (r !== victim) writeFileSync(join(evidenceDir(dir), `${r.machine}.json`), JSON.stringify(r));
    const text = edit(JSON.stringify(victim, null, 2));
    writeFileSync(join(evidenceDir(dir), name), text);
    return text;
  };
}
const ev = (from: string, to: string) => evidence((t) => replaced(t, from, to));

/** The good records plus a directory entry made by `add` (a link, a directory ...). */
function evidenceWith(add: (evDir: string) => void) {
  return (dir: string): undefined => {
    mkdirSync(evidenceDir(dir), { recursive: true });
    for (const r of goodRecords())
      writeFileSync(join(evidenceDir(dir), `${r.machine}.json`), JSON.stringify(r));
    add(evidenceDir(dir));
    return undefined;
  };
}

const waiver = (from: string, to: string) => (dir: string) => {
  const text = replaced(WAIVERS, from, to);
  writeFileSync(waiversFile(dir), text);
  return text;
};
const waiverText = (text: string) => (dir: string) => {
  writeFileSync(waiversFile(dir), text);
  return text;
};

const vendor = (template: string, from: string, to: string) => (dir: string) => {
  const text = replaced(VENDOR(template), from, to);
  writeFileSync(valuesFile(dir), text);
  return text;
};
const vendorText = (text: string) => (dir: string) => {
  writeFileSync(valuesFile(dir), text);
  return text;
};

/** A file far larger than the limit, written sparsely (no disk used). */
function hugeFile(path: string, bytes: number, head = ""): void {
  writeFileSync(path, head);
  truncateSync(path, bytes);
}

// ------------------------------------------------------------------ the cases

const WHOLE = { path: "" };
const cases: Case[] = [
  // ---------------------------------------------------------------- inventory
  ...[
    ["count is a word", "count: 10", 'count: "ten"', "units[0].machines[0].count", /number/],
    ["count is .nan", "count: 10", "count: .nan", "units[0].machines[0].count", /number/],
    ["count is 1e400", "count: 10", "count: 1e400", "units[0].machines[0].count", /number|integer/],
    ["count is negative", "count: 10", "count: -1", "units[0].machines[0].count", />=0|0/],
    [
      "level 9",
      "    level: 3\n    securityOfficer",
      "    level: 9\n    securityOfficer",
      "units[0].level",
      /5/,
    ],
    ["unknown unit type", "type: lower-secondary", "type: university", "units[1].type", /one of/],
    ["unknown OS", "os: windows-10", "os: windows-xp", "units[1].machines[0].os", /one of/],
    ["unknown role", "role: lab", "role: kiosk", "units[1].machines[0].role", /one of/],
    [
      "misspelt field",
      'name: "Trần Văn An"',
      'name: "Trần Văn An"\n    nmae: x',
      "staff[0].nmae",
      /known field/,
    ],
    ["impossible date", 'asOf: "2026-11-20"', 'asOf: "2026-02-30"', "province.asOf", /calendar date/],
    [
      "date as timestamp tag",
      'asOf: "2026-11-20"',
      "asOf: !!timestamp 2026-11-20",
      "province.asOf",
      /plain YAML value/,
    ],
    ["unknown plan", "plans: [HY-EDU, HY-PROV]", "plans: [HY-EDU, XX-EDU]", "province.plans[1]", /one of/],
    ["plans not a list", "plans: [HY-EDU, HY-PROV]", "plans: HY-EDU", "province.plans", /list/],
    ["ID with capitals", "id: thcs-le-loi", "id: THCS-Le-Loi", "units[1].id", /ID of lowercase/],
    ["subnet not CIDR", "subnet: 10.9.3.0/24", "subnet: 10.9.3.0", "datacentre.zones[2].subnet", /CIDR/],
    ["port 70000", "port: 8080, reason", "port: 70000, reason", "datacentre.flows[0].port", /65535/],
    [
      "short reason",
      'reason: "reverse proxy to the web app"',
      'reason: "ok"',
      "datacentre.flows[0].reason",
      /5/,
    ],
    [
      "endpoint http",
      "endpoint: unix:///var/run/docker.sock",
      "endpoint: http://docker:2375",
      "datacentre.hosts[0].endpoint",
      /unix:\/\/\//,
    ],
    [
      "endpoint with ${",
      "endpoint: unix:///var/run/docker.sock",
      "endpoint: 'unix:///var/run/docker.sock${file(\"/etc/shadow\")}'",
      "datacentre.hosts[0].endpoint",
      /unix:\/\/\//,
    ],
    [
      "endpoint with %{",
      "endpoint: unix:///var/run/docker.sock",
      "endpoint: 'ssh://a@b%{if true}x%{endif}'",
      "datacentre.hosts[0].endpoint",
      /unix:\/\/\//,
    ],
    [
      "image with ${",
      "      kind: postgres\n",
      "      kind: postgres\n      image: 'postgres:16${file(\"/etc/shadow\")}'\n",
      "datacentre.services[0].image",
      /image reference/,
    ],
    [
      "image with a space",
      "      kind: postgres\n",
      "      kind: postgres\n      image: 'postgres 16'\n",
      "datacentre.services[0].image",
      /image reference/,
    ],
    [
      "TLS file with a quote",
      "endpoint: unix:///var/run/docker.sock",
      "endpoint: tcp://10.9.4.5:2376\n      tls: { caFile: '/etc/a\"b.pem', certFile: /c.pem, keyFile: /k.pem }",
      "datacentre.hosts[0].tls.caFile",
      /PEM file/,
      "tls: {",
    ],
    [
      "TLS file with %{",
      "endpoint: unix:///var/run/docker.sock",
      "endpoint: tcp://10.9.4.5:2376\n      tls: { caFile: /ca.pem, certFile: /c.pem, keyFile: '/k%{ if true }.pem' }",
      "datacentre.hosts[0].tls.keyFile",
      /PEM file/,
      "tls: {",
    ],
    [
      "tcp without TLS",
      "endpoint: unix:///var/run/docker.sock",
      "endpoint: tcp://10.9.4.5:2376",
      "datacentre.hosts[0].tls",
      /tls/,
      "- id: dc-host-1",
    ],
    [
      "cdktf token in a reason",
      'reason: "reverse proxy to the web app"',
      'reason: "proxy ${TfToken[TOKEN.1]} x"',
      "datacentre.flows[0].reason",
      /TfToken/,
    ],
    [
      "WSUS URL of 5,000 characters",
      "    securityOfficer: tran-van-an\n",
      `    securityOfficer: tran-van-an\n    network: { wsus: "https://wsus.example/${"a".repeat(5000)}" }\n`,
      "units[0].network.wsus",
      /2,048/,
    ],
    [
      "WSUS not http",
      "    securityOfficer: tran-van-an\n",
      "    securityOfficer: tran-van-an\n    network: { wsus: 'ftp://wsus.example' }\n",
      "units[0].network.wsus",
      /http/,
    ],
    [
      "remote admin not CIDR",
      "    securityOfficer: tran-van-an\n",
      "    securityOfficer: tran-van-an\n    network: { remoteAdminFrom: [everyone] }\n",
      "units[0].network.remoteAdminFrom[0]",
      /CIDR/,
    ],
    [
      "duplicate zone ID",
      "- { id: backup, kind: backup",
      "- { id: mgmt, kind: backup",
      "datacentre.zones[4].id",
      /used once/,
    ],
    [
      "duplicate service ID",
      "  backup:\n    schedule",
      "    - { id: records-db, kind: web, zone: app, level: 3, port: 8080 }\n  backup:\n    schedule",
      "datacentre.services[1].id",
      /used once/,
    ],
    [
      "duplicate Docker host ID",
      "      endpoint: unix:///var/run/docker.sock\n",
      "      endpoint: unix:///var/run/docker.sock\n    - { id: dc-host-1, endpoint: 'ssh://x@10.9.4.9' }\n",
      "datacentre.hosts[1].id",
      /used once/,
    ],
    [
      "duplicate unit ID",
      "  - id: thcs-le-loi\n    name",
      "  - id: so-gddt # again\n    name",
      "units[1].id",
      /used once/,
      "so-gddt # again",
    ],
    [
      "unknown reference",
      "securityOfficer: pham-van-cuong",
      "securityOfficer: nobody",
      "units[1].securityOfficer",
      /person/,
    ],
    [
      "a key twice",
      "    level: 3\n    securityOfficer",
      "    level: 3\n    level: 2\n    securityOfficer",
      "",
      /valid YAML/,
    ],
    ["tab indentation", "    type: department", "\ttype: department", "", /valid YAML/, "\ttype"],
    [
      "unknown tag !shell",
      'name: "Trần Văn An"',
      "name: !shell rm -rf /",
      "staff[0].name",
      /plain YAML value/,
    ],
    ["a binary tag", 'name: "Trần Văn An"', "name: !!binary aGVsbG8=", "staff[0].name", /plain YAML value/],
    ["an alias to nothing", 'name: "Trần Văn An"', "name: *nobody", "", /anchor|valid YAML/],
    [
      "a line break in a user name",
      "username: an.tv",
      'username: "an\\ntv"',
      "staff[0].accounts[0].username",
      /control/,
    ],
    ["a lone surrogate", 'name: "Trần Văn An"', 'name: "Tr\\uD800n"', "staff[0].name", /half a character/],
    ["budget year 1999", "year: 2026", "year: 1999", "budgets[0].year", /2020/],
    ["a section that is a list", "budgets:\n", "budgets: 5\nbudgets_:\n", "budgets", /list/],
  ].map(
    ([name, from, to, path, expected, lineOf]): Case => ({
      name: name as string,
      kind: "inventory",
      make: inv(from as string, to as string),
      want: {
        file: "inventory.yaml",
        lineOf:
          (lineOf as string | undefined) ??
          (to as string).split("\n").find((l) => l.trim() && !(from as string).includes(l.trim())) ??
          (to as string),
        path: path as string,
        expected: expected as RegExp,
      },
    }),
  ),
  {
    name: "a second file with a province section",
    kind: "inventory",
    make: (dir) => {
      const second =
        'province: { id: khac, name: "Tỉnh Khác", plans: [HY-EDU], asOf: "2026-11-20", department: so-gddt }\n';
      writeInventory(dir, MINIMAL, { "zz.yaml": second });
      return second;
    },
    want: { file: "zz.yaml", lineOf: "province:", path: "province", expected: /one province section/ },
  },
  {
    name: "an inventory file too large",
    kind: "inventory",
    make: (dir) => {
      writeInventory(dir, MINIMAL);
      hugeFile(join(inventoryDir(dir), "huge.yaml"), MAX_YAML_BYTES + 1, "units:\n");
      return undefined;
    },
    want: { file: "huge.yaml", ...WHOLE, expected: /at most 16\.0 MB|at most 16 MB/ },
  },
  {
    name: "an inventory file that is a dangling link",
    kind: "inventory",
    make: (dir) => {
      writeInventory(dir, MINIMAL);
      symlinkSync(join(dir, "nowhere.yaml"), join(inventoryDir(dir), "gone.yaml"));
      return undefined;
    },
    want: { file: "gone.yaml", ...WHOLE, expected: /readable YAML file/ },
  },
  {
    name: "an inventory file that is a symbolic link loop",
    kind: "inventory",
    make: (dir) => {
      writeInventory(dir, MINIMAL);
      symlinkSync("loop.yaml", join(inventoryDir(dir), "loop.yaml"));
      return undefined;
    },
    want: {
      file: "loop.yaml",
      ...WHOLE,
      expected: /inventory file or directory, found a symbolic link loop/,
    },
  },
  {
    name: "an inventory file with a NUL byte",
    kind: "inventory",
    make: (dir) => writeInventory(dir, MINIMAL, { "nul.yaml": "units:\n  - \0\n" }) && undefined,
    want: { file: "nul.yaml", ...WHOLE, expected: /YAML text file/ },
  },
  {
    name: "an inventory file not in UTF-8",
    kind: "inventory",
    make: (dir) => {
      writeInventory(dir, MINIMAL);
      writeFileSync(join(inventoryDir(dir), "latin1.yaml"), Buffer.from([0x75, 0x3a, 0x20, 0xe9, 0x0a]));
      return undefined;
    },
    want: { file: "latin1.yaml", ...WHOLE, expected: /UTF-8/ },
  },
  {
    name: "an inventory file of comments only",
    kind: "inventory",
    make: (dir) =>
      writeInventory(dir, MINIMAL, { "empty.yaml": `${"#".repeat(80)}\n# nothing\n` }) && undefined,
    want: { file: "empty.yaml", ...WHOLE, expected: /at least one section/ },
  },

  // ---------------------------------------------------------------- evidence
  ...[
    [
      "a wrong status",
      '"status": "pass"',
      '"status": "ok"',
      "results[0].status",
      /one of "pass"/,
      '"status": "ok"',
    ],
    [
      "status written twice (the failure hidden)",
      '"status": "pass"',
      '"status": "fail",\n      "status": "pass"',
      "",
      /second time/,
      '"status": "pass"',
    ],
    [
      "machine written twice",
      '"machine": "',
      '"machine": "other",\n  "machine": "',
      "",
      /second time/,
      '"machine": "thcs',
    ],
    [
      "an unknown schema",
      '"schema": "attt.evidence/2"',
      '"schema": "attt.evidence/9"',
      "schema",
      /attt\.evidence\/2/,
      "evidence/9",
    ],
    [
      "collectedAt not a date",
      '"collectedAt": "',
      '"collectedAt": "yesterday", "x_": "',
      "collectedAt",
      /ISO 8601/,
      "yesterday",
    ],
    [
      "an unknown field",
      '"schema": "attt.evidence/2"',
      '"schema": "attt.evidence/2",\n  "extra": true',
      "extra",
      /known field/,
      '"extra"',
    ],
    ["a short sha256", '"sha256": "', '"sha256": "abc", "x": "', "bundle.sha256", /64 hex/, '"abc"'],
    ["an unknown role", '"role": "lab"', '"role": "kiosk"', "role", /one of/, "kiosk"],
    ["results not a list", '"results": [', '"results": 5, "r": [', "results", /list/, '"results": 5'],
    [
      "a control ID of the wrong form",
      '"control": "win.',
      '"control": "WIN.',
      "results[0].control",
      /control ID/,
      "WIN.",
    ],
    [
      "a detail of 3,000 characters",
      '"status": "pass"',
      `"status": "pass", "detail": "${"x".repeat(3000)}"`,
      "results[0].detail",
      /2000/,
      '"detail"',
    ],
    [
      "unit not an ID",
      '"unit": "thcs-le-loi"',
      '"unit": "THCS Lê Lợi"',
      "unit",
      /ID of lowercase/,
      "THCS Lê",
    ],
  ].map(
    ([name, from, to, path, expected, lineOf]): Case => ({
      name: name as string,
      kind: "evidence",
      make: ev(from as string, to as string),
      want: {
        file: "bad.json",
        lineOf: lineOf as string,
        path: path as string,
        expected: expected as RegExp,
      },
    }),
  ),
  {
    name: "a key twice and an unknown control (crashed with a TypeError)",
    kind: "evidence",
    make: evidence((t) =>
      replaced(
        replaced(t, '"status": "pass"', '"status": "fail",\n      "status": "pass"'),
        '"control": "win.',
        '"control": "win.no-such.',
      ),
    ),
    want: { file: "bad.json", lineOf: '"status": "pass"', path: "", expected: /second time/ },
  },
  {
    name: "an unknown control",
    kind: "evidence",
    make: ev('"control": "win.', '"control": "win.no-such.'),
    want: {
      file: "bad.json",
      lineOf: '"control": "win.no-such.',
      path: "results[0].control",
      expected: /control of the catalogue/,
    },
  },
  {
    name: "an unknown bundle",
    kind: "evidence",
    make: ev('"id": "thcs-le-loi/', '"id": "thcs-le-loi/x-'),
    want: {
      file: "bad.json",
      lineOf: '"id": "thcs-le-loi/x-',
      path: "bundle.id",
      expected: /bundle of this province/,
    },
  },
  {
    name: "the unit of another bundle",
    kind: "evidence",
    make: ev('"unit": "thcs-le-loi"', '"unit": "so-gddt"'),
    want: { file: "bad.json", lineOf: '"unit": "so-gddt"', path: "unit", expected: /unit of bundle/ },
  },
  {
    name: "a missing field",
    kind: "evidence",
    make: evidence((t) => t.replace(/\n {2}"os": "[^"]*",/, "")),
    want: { file: "bad.json", lineOf: "{", path: "os", expected: /string/ },
  },
  {
    name: "not JSON",
    kind: "evidence",
    make: evidence(() => '{ "schema": "attt.evidence/2", '),
    want: { file: "bad.json", lineOf: '"schema"', path: "", expected: /valid YAML/ },
  },
  {
    name: "a list, not a record",
    kind: "evidence",
    make: evidence(() => "[1, 2]\n"),
    want: { file: "bad.json", lineOf: "[1, 2]", path: "", expected: /mapping/ },
  },
  {
    name: "a record with a YAML tag",
    kind: "evidence",
    make: evidence((t) => replaced(t, '"role": "lab"', '"role": !shell "lab"')),
    want: { file: "bad.json", lineOf: "!shell", path: "role", expected: /plain YAML value/ },
  },
  {
    name: "a record with a NUL byte",
    kind: "evidence",
    make: evidence((t) => replaced(t, '"role": "lab"', '"role": "lab\0"')),
    want: { file: "bad.json", ...WHOLE, expected: /text file/ },
  },
  {
    name: "an empty record file",
    kind: "evidence",
    make: evidence(() => ""),
    want: { file: "bad.json", ...WHOLE, expected: /at least one section/ },
  },
  {
    name: "a record too large",
    kind: "evidence",
    make: evidenceWith((d) => hugeFile(join(d, "huge.json"), MAX_EVIDENCE_BYTES + 1, "{")),
    want: { file: "huge.json", ...WHOLE, expected: /at most 4\.0 MB/ },
  },
  {
    name: "a directory named x.json",
    kind: "evidence",
    make: evidenceWith((d) => mkdirSync(join(d, "x.json"))),
    want: { file: "x.json", ...WHOLE, expected: /readable evidence/ },
  },
  {
    name: "a dangling link",
    kind: "evidence",
    make: evidenceWith((d) => symlinkSync(join(d, "nowhere"), join(d, "gone.json"))),
    want: { file: "gone.json", ...WHOLE, expected: /readable evidence/ },
  },
  {
    name: "a named pipe (reading it would wait for a writer)",
    kind: "evidence",
    make: evidenceWith((d) => execFileSync("mkfifo", [join(d, "pipe.json")])),
    want: { file: "pipe.json", ...WHOLE, expected: /readable evidence .*pipe/ },
  },
  {
    name: "a symbolic link loop",
    kind: "evidence",
    make: evidenceWith((d) => symlinkSync(join(d, "loop.json"), join(d, "loop.json"))),
    want: { file: "loop.json", ...WHOLE, expected: /readable evidence/ },
  },

  // ---------------------------------------------------------------- waivers
  ...[
    ["an unknown ID form", "id: inv.accounts.leavers-disabled", "id: leavers", "waivers[0].id", /policy ID/],
    [
      "a reason too short",
      `reason: "The school's only`,
      `reason: "short"\n    x_: "The school's only`,
      "waivers[0].reason",
      /20 characters/,
    ],
    [
      "a reason that says nothing",
      `reason: "The school's only`,
      `reason: "n/a                       "\n    x_: "The school's only`,
      "waivers[0].reason",
      /explains/,
    ],
    ["an impossible expiry", 'expires: "2026-12-31"', 'expires: "2026-13-01"', "waivers[0].expires", /date/],
    [
      "an expiry with a time",
      'expires: "2026-12-31"',
      'expires: "2026-12-31T00:00"',
      "waivers[0].expires",
      /YYYY-MM-DD/,
    ],
    [
      "an expiry as a timestamp tag",
      'expires: "2026-12-31"',
      "expires: !!timestamp 2026-12-31",
      "waivers[0].expires",
      /plain YAML value/,
    ],
    ["an approver of one letter", "approver: Trần Văn An", "approver: A", "waivers[0].approver", /3/],
    [
      "an unknown field",
      "approver: Trần Văn An",
      "approver: Trần Văn An\n    approvedBy: x",
      "waivers[0].approvedBy",
      /known field/,
      "approvedBy",
    ],
    [
      "a key twice",
      "approver: Trần Văn An",
      "approver: Trần Văn An\n    approver: x",
      "",
      /second time/,
      "approver: x",
    ],
    ["a scope of nothing", "scope: unit thcs-le-loi", 'scope: ""', "waivers[0].scope", /1/],
    ["waivers not a list", "waivers:\n  - id", "waivers: 5\nx:\n  - id", "waivers", /list/],
    [
      "an unknown tag",
      "scope: unit thcs-le-loi",
      "scope: !shell unit",
      "waivers[0].scope",
      /plain YAML value/,
    ],
  ].map(
    ([name, from, to, path, expected, lineOf]): Case => ({
      name: name as string,
      kind: "waivers",
      make: waiver(from as string, to as string),
      want: {
        file: "waivers.yaml",
        lineOf:
          (lineOf as string | undefined) ??
          ((to as string).split("\n").find((l) => !l.includes("x_:") && !l.startsWith("x:")) as string),
        path: path as string,
        expected: expected as RegExp,
      },
    }),
  ),
  {
    name: "waivers: two documents",
    kind: "waivers",
    make: waiverText(`${WAIVERS}---\nwaivers: []\n`),
    want: { file: "waivers.yaml", lineOf: "---", path: "", expected: /one YAML document/ },
  },
  {
    name: "waivers: an alias bomb",
    kind: "waivers",
    make: waiverText(
      `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n${WAIVERS}`,
    ),
    want: { file: "waivers.yaml", lineOf: "c: &c", path: "", expected: /alias/ },
  },
  {
    name: "waivers: comments only",
    kind: "waivers",
    make: waiverText(`${"#".repeat(60)}\n`),
    want: { file: "waivers.yaml", ...WHOLE, expected: /at least one section/ },
  },
  {
    name: "waivers: too large",
    kind: "waivers",
    make: (dir) => {
      hugeFile(waiversFile(dir), MAX_YAML_BYTES + 10, "waivers:\n");
      return undefined;
    },
    want: { file: "waivers.yaml", ...WHOLE, expected: /at most 16/ },
  },
  {
    name: "waivers: a directory",
    kind: "waivers",
    make: (dir) => {
      mkdirSync(waiversFile(dir));
      return undefined;
    },
    want: { file: "waivers.yaml", ...WHOLE, expected: /readable YAML file/ },
  },

  // ---------------------------------------------------------------- vendor values
  ...[
    ["log-forwarding", "a port that is a word", "port: 6514", 'port: "tls"', "soc.port", /number/],
    [
      "log-forwarding",
      "an unknown protocol",
      "protocol: syslog-tls",
      "protocol: carrier-pigeon",
      "soc.protocol",
      /one of/,
    ],
    [
      "log-forwarding",
      "an unknown field",
      "forwardLocalSyslog: true",
      "forwardLocalSyslog: true\nforwardEverything: true",
      "forwardEverything",
      /known field/,
    ],
    [
      "log-forwarding",
      "a key twice",
      "forwardLocalSyslog: true",
      "forwardLocalSyslog: true\nforwardLocalSyslog: false",
      "",
      /second time/,
    ],
    [
      "log-forwarding",
      "an unknown facility",
      "facility: local6\n    severity: info",
      "facility: local9\n    severity: info",
      "files[0].facility",
      /one of/,
    ],
    [
      "log-forwarding",
      "a tag",
      "maxDiskSpaceMegabytes: 2048",
      "maxDiskSpaceMegabytes: !shell 2048",
      "queue.maxDiskSpaceMegabytes",
      /plain YAML value/,
    ],
    [
      "log-forwarding",
      "maxDiskSpace .inf",
      "maxDiskSpaceMegabytes: 2048",
      "maxDiskSpaceMegabytes: .inf",
      "queue.maxDiskSpaceMegabytes",
      /./,
    ],
    ["postgresql", "a port of 0", "port: 5432", "port: 0", "server.port", /1/],
    [
      "postgresql",
      "an address that is not one",
      "listenAddresses: [10.70.30.11]",
      "listenAddresses: [everywhere]",
      "server.listenAddresses[0]",
      /./,
    ],
    [
      "postgresql",
      "an unknown TLS version",
      "minProtocol: TLSv1.2",
      "minProtocol: SSLv3",
      "tls.minProtocol",
      /one of/,
    ],
    ["postgresql", "rules not a list", "  rules:\n", "  rules: 5\n  rules_:\n", "access.rules", /list/],
    [
      "postgresql",
      "a values file of another template",
      "template: postgresql",
      "template: reverse-proxy",
      "template",
      /postgresql/,
    ],
    [
      "reverse-proxy",
      "an unknown TLS profile",
      "profile: intermediate",
      "profile: anything",
      "tls.profile",
      /one of/,
    ],
    [
      "reverse-proxy",
      "an upstream port of 99999",
      "- { host: 10.70.20.11, port: 8080 }",
      "- { host: 10.70.20.11, port: 99999 }",
      "upstream.servers[0].port",
      /65535/,
    ],
    ["reverse-proxy", "a negative burst", "burst: 40", "burst: -4", "rateLimit.burst", /./],
    [
      "reverse-proxy",
      "a timestamp tag",
      "httpsPort: 443",
      "httpsPort: !!timestamp 2026-01-01",
      "site.httpsPort",
      /plain YAML value/,
    ],
  ].map(
    ([template, name, from, to, path, expected]): Case => ({
      name: `${template}: ${name}`,
      kind: "vendor",
      template: template as string,
      make: vendor(template as string, from as string, to as string),
      want: {
        file: "values.yaml",
        lineOf:
          (to as string)
            .split("\n")
            .find((l) => !l.includes("_:") && !(from as string).split("\n").includes(l)) ?? (to as string),
        path: path as string,
        expected: expected as RegExp,
      },
    }),
  ),
  {
    name: "docker-daemon: comments only",
    kind: "vendor",
    template: "docker-daemon",
    make: vendorText("# nothing here\n#\n"),
    want: { file: "values.yaml", ...WHOLE, expected: /at least one section/ },
  },
  {
    name: "docker-daemon: not UTF-8",
    kind: "vendor",
    template: "docker-daemon",
    make: (dir) => {
      writeFileSync(valuesFile(dir), Buffer.from([0x61, 0x3a, 0x20, 0xff, 0x0a]));
      return undefined;
    },
    want: { file: "values.yaml", ...WHOLE, expected: /UTF-8/ },
  },
  {
    name: "incident-report: a list at the top",
    kind: "vendor",
    template: "incident-report",
    make: vendorText("- template: incident-report\n"),
    want: { file: "values.yaml", lineOf: "- template", path: "", expected: /mapping/ },
  },
  {
    name: "backup-policy: a dangling link",
    kind: "vendor",
    template: "backup-policy",
    make: (dir) => {
      symlinkSync(join(dir, "nowhere.yaml"), valuesFile(dir));
      return undefined;
    },
    want: { file: "values.yaml", ...WHOLE, expected: /readable YAML file/ },
  },
];

// ------------------------------------------------------------------ running them

/** The command of each kind, over the output a previous good run wrote in `out`. */
function commandOf(c: Case, dir: string, out: string): string[] {
  switch (c.kind) {
    case "inventory":
      return ["synth", inventoryDir(dir), "--out", out];
    case "evidence":
      return ["check", MINIMAL_DIR, "--evidence", evidenceDir(dir), "--out", out];
    case "waivers":
      return ["check", MINIMAL_DIR, "--waivers", waiversFile(dir), "--out", out];
    case "vendor":
      return ["template", "render", c.template as string, "--values", valuesFile(dir), "--out", out];
  }
}

/** Every entry under `dir` with its content: what must not change. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, r));
      if (st.isSymbolicLink()) out[r] = `-> ${readlinkSync(join(dir, r))}`;
      else if (st.isDirectory()) {
        out[r] = "dir";
        walk(r);
      } else out[r] = readFileSync(join(dir, r), "utf8");
    }
  };
  walk("");
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The `error:` line a case must print: file, line (or none), field, and what was expected. */
function wantedLine(c: Case, text: string | undefined): RegExp {
  const file = `[^\\n]*${escapeRe(c.want.file)}`;
  if (c.want.lineOf === undefined) return new RegExp(`^error: ${file}: expected `, "m");
  const line = (text ?? "").split("\n").findIndex((l) => l.includes(c.want.lineOf as string)) + 1;
  if (line === 0) throw new Error(`${c.name}: "${c.want.lineOf}" is in no line of the input`);
  const field = c.want.path ? ` ${escapeRe(c.want.path)}:` : "";
  return new RegExp(`^error: ${file}:${line}:\\d+:${field} expected `, "m");
}

/** Outputs of a good run of each command, made once; every case must leave its own intact. */
const outputs = new Map<string, { dir: string; before: Record<string, string> }>();
async function existingOutput(c: Case): Promise<string> {
  const key = c.kind === "vendor" ? `vendor-${c.template}` : c.kind === "inventory" ? "synth" : "check";
  const ready = outputs.get(key);
  if (ready) return ready.dir;
  const dir = join(work, `out-${key}`);
  const args =
    key === "synth"
      ? ["synth", MINIMAL_DIR, "--out", dir]
      : key === "check"
        ? ["check", MINIMAL_DIR, "--out", dir]
        : [
            "template",
            "render",
            c.template as string,
            "--values",
            join(ROOT, "examples/vendor-values", `${c.template}.yaml`),
            "--out",
            dir,
          ];
  const r = await runCliInProcess(args);
  expect(r.exitCode, r.stderr).toBeLessThan(2); // check exits 1 on the minimal inventory's findings
  outputs.set(key, { dir, before: snapshot(dir) });
  return dir;
}

describe("malformed input: exit 2, file:line and field, nothing written, the previous output intact", () => {
  beforeAll(() => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  let n = 0;
  for (const c of cases) {
    it(`${c.kind}: ${c.name}`, async () => {
      const dir = join(work, `case-${++n}`);
      mkdirSync(dir);
      const text = c.make(dir);
      const out = await existingOutput(c);
      const r = await runCliInProcess(commandOf(c, dir, out));
      expect(r.exitCode, r.stderr).toBe(2);
      const wanted = wantedLine(c, text);
      const line = r.stderr.split("\n").find((l) => wanted.test(l));
      expect(line, `wanted ${wanted}; got:\n${r.stderr}`).toBeDefined();
      expect(line?.replace(/^.*? expected /, "")).toMatch(c.want.expected);
      // The same problem in Vietnamese first, in its own words (not a generic "invalid value").
      const place =
        line
          ?.replace(/^error: /, "")
          .split(" expected ")[0]
          ?.split(" ")[0] ?? "";
      const vi = r.stderr.split("\n").find((l) => l.startsWith(`lỗi: ${place}`));
      expect(vi, r.stderr).toBeDefined();
      expect(vi, `${vi}\n${line}`).not.toMatch(
        / (giá trị không hợp lệ|tệp không đọc được hoặc không hợp lệ)/,
      );
      expect(r.stderr).toMatch(/problem\(s\); nothing was written\.\n$/);
      expect(r.stderr).not.toMatch(/^\s+at |internal error|TypeError|ENOENT|EISDIR|ELOOP|EACCES/m);
      expect(r.stdout).toBe("");
      const existing = outputs.get(
        c.kind === "vendor" ? `vendor-${c.template}` : c.kind === "inventory" ? "synth" : "check",
      );
      expect(snapshot(out)).toEqual(existing?.before);
    }, 60_000);
  }
});

describe("the same refusals from the real process", () => {
  // One case of each kind, and the ones that once crashed: what a user sees is what the suite saw.
  const sample = [
    "inventory: duplicate zone ID",
    "inventory: an inventory file too large",
    "evidence: a key twice and an unknown control (crashed with a TypeError)",
    "evidence: a directory named x.json",
    "waivers: an expiry as a timestamp tag",
    "vendor: log-forwarding: a key twice",
  ];
  const cased = sample.map((name) => cases.find((x) => `${x.kind}: ${x.name}` === name) as Case);
  const dirs = sample.map((_, i) => join(work, `process-${i}`));
  const seen: string[] = [];
  // In-process runs share this process's stdout and stderr: one after another, first.
  beforeAll(async () => {
    for (const [i, c] of cased.entries()) {
      mkdirSync(dirs[i] as string);
      c.make(dirs[i] as string);
      seen.push(
        (await runCliInProcess(commandOf(c, dirs[i] as string, join(dirs[i] as string, "out")))).stderr,
      );
    }
  });
  for (const [i, name] of sample.entries()) {
    it.concurrent(name, async () => {
      const c = cased[i] as Case;
      expect(c, name).toBeDefined();
      const out = join(dirs[i] as string, "out");
      const real = await runCli(commandOf(c, dirs[i] as string, out));
      expect(real.exitCode).toBe(2);
      expect(real.stderr).toBe(seen[i]?.trimEnd()); // execa drops the last line break
      expect(() => readdirSync(out)).toThrow(); // nothing written
    }, 120_000);
  }
});
