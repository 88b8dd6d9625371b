/**
 * The collection service for real: `attt serve` over HTTPS in front of a throwaway
 * PostgreSQL cluster (Debian's), with credentials made by `attt credential`.
 *
 * - Every abuse is refused and stores nothing: no credential, a malformed or unknown one,
 *   another unit's, a revoked one, a replayed record, an altered record, a 20 MB body,
 *   malformed JSON, a schema-invalid record, hostile strings in every field.
 * - The service's role may add evidence, not change or delete it.
 * - `attt check --evidence postgres://...` gives the verdict the same records give as files.
 * - The status page (Vietnamese, no script) shows the database's figures; headless
 *   Chromium renders it with JavaScript off and takes a screenshot.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleSpecs } from "../baselines/bundle-spec.js";
import { controlById } from "../baselines/controls/index.js";
import { syntheticEvidence, writeEvidence } from "../bench/synthetic-evidence.js";
import type { Evidence } from "../model/evidence.js";
import { bundledCatalogue } from "../model/load-catalogue.js";
import { loadInventory } from "../model/load-inventory.js";
import { checkProvince } from "../policies/check-province.js";
import type { Verdict } from "../policies/engine.js";
import { loadEvidenceFromDatabase } from "../service/read-evidence.js";
import { runCli } from "./helpers/cli.js";
import {
  call,
  makeCredential,
  type RunningService,
  type ServiceDatabase,
  selfSignedTls,
  serviceTestsUnavailable,
  startDatabase,
  startService,
} from "./helpers/evidence-service.js";
import { FRAGMENTS } from "./helpers/hostile.js";
import { tempDir } from "./helpers/vendor-tools.js";

const unavailable = serviceTestsUnavailable();
if (unavailable) console.warn(`SKIPPED: evidence service tests: ${unavailable}`);

const MINIMAL = join(import.meta.dirname, "fixtures/minimal/inventory.yaml");
const CHROMIUM = "/usr/bin/chromium";

/** The minimal inventory plus a school that never reports. */
function writeInventory(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "inventory.yaml"), readFileSync(MINIMAL));
  writeFileSync(
    join(dir, "silent.yaml"),
    `units:
  - id: th-im-lang
    name: "Trường Tiểu học Im Lặng"
    type: primary
    parent: so-gddt
    machines:
      - { role: office, os: windows-11, count: 3 }
`,
  );
  return dir;
}

describe.skipIf(unavailable !== undefined)("attt serve: the evidence collection service", () => {
  const work = tempDir("svc");
  const inventoryDir = writeInventory(join(work, "inventory"));
  const loaded = loadInventory(inventoryDir);
  const all = syntheticEvidence(loaded.inventory, { failShare: 0 });
  const ofUnit = (unit: string) => all.filter((r) => r.unit === unit);
  let db: ServiceDatabase;
  let svc: RunningService;
  let leLoi: { token: string; keyId: string };
  let so: { token: string; keyId: string };
  const count = () => Number(db.sql("SELECT count(*) FROM evidence"));
  const post = (record: unknown, token?: string) =>
    call(svc, "POST", "/api/v1/evidence", { token, body: JSON.stringify(record) });

  beforeAll(async () => {
    db = await startDatabase();
    leLoi = await makeCredential(db.ownerUrl, "thcs-le-loi", join(work, "cred"));
    so = await makeCredential(db.ownerUrl, "so-gddt", join(work, "cred"));
    svc = await startService({
      inventory: inventoryDir,
      dbUrl: db.serviceUrl,
      tls: selfSignedTls(join(work, "tls")),
    });
  });
  afterAll(async () => {
    await svc?.stop();
    db?.stop();
  });

  it("stores a record sent with its unit's credential, and says so only once it is committed", async () => {
    const record = ofUnit("thcs-le-loi")[0] as Evidence;
    const r = await post(record, leLoi.token);
    expect(r.status, r.body).toBe(201);
    const id = String(r.json().stored);
    expect(
      db.sql(`SELECT unit || ' ' || machine || ' ' || key_id FROM evidence WHERE id = ${Number(id)}`),
    ).toBe(`thcs-le-loi ${record.machine} ${leLoi.keyId}`);
    expect(JSON.parse(db.sql(`SELECT record FROM evidence WHERE id = ${Number(id)}`))).toEqual(record);
  });

  it("keeps the credential's secret only as a hash", () => {
    const secret = leLoi.token.split(".")[2] as string;
    const stored = db.sql(
      `SELECT encode(secret_hash, 'hex') FROM credential WHERE key_id = '${leLoi.keyId}'`,
    );
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(
      db.sql("SELECT string_agg(key_id || unit || encode(secret_hash, 'escape'), '') FROM credential"),
    ).not.toContain(secret);
  });

  describe("refuses, storing nothing", () => {
    const next = () => {
      // A fresh record each time (a new instant), so that only the abuse can be the reason.
      const r = structuredClone(ofUnit("thcs-le-loi")[1] as Evidence);
      r.collectedAt = `${loaded.inventory.province.asOf}T0${Math.floor(Math.random() * 10)}:${String(Math.floor(Math.random() * 60)).padStart(2, "0")}:${String(Math.floor(Math.random() * 60)).padStart(2, "0")}+07:00`;
      return r;
    };
    const refused = async (
      answer: Promise<{ status: number; body: string }>,
      status: number,
      error: RegExp,
    ) => {
      const before = count();
      const r = await answer;
      expect(r.status, r.body).toBe(status);
      expect(r.body).toMatch(error);
      expect(r.body).not.toMatch(/\bat .*\.ts:\d+/);
      expect(count()).toBe(before);
    };

    it("no credential", () => refused(post(next()), 401, /"error":"no-credential"/));
    it("a malformed credential", () =>
      refused(post(next(), "Bearer-ish nonsense"), 401, /"error":"malformed"/));
    it("an unknown credential (right shape, wrong secret)", () =>
      refused(post(next(), `${leLoi.token.slice(0, -4)}AAAA`), 401, /"error":"unknown"/));
    it("another unit's credential", () => refused(post(next(), so.token), 403, /"error":"wrong-unit"/));
    it("a record whose unit and bundle disagree", () => {
      const r = next();
      r.unit = "so-gddt";
      return refused(post(r, so.token), 403, /"error":"wrong-unit"/);
    });
    it("a revoked credential", async () => {
      const spare = await makeCredential(db.ownerUrl, "thcs-le-loi", join(work, "cred"));
      expect((await post(next(), spare.token)).status).toBe(201);
      const r = await runCli(["credential", "revoke", "--db", db.ownerUrl, "--key", spare.keyId]);
      expect(r.exitCode, r.stderr).toBe(0);
      await refused(post(next(), spare.token), 401, /"error":"revoked"/);
    });
    it("a replayed record", async () => {
      const r = next();
      expect((await post(r, leLoi.token)).status).toBe(201);
      await refused(post(r, leLoi.token), 409, /"error":"replay"/);
      // The same record with its keys in another order is the same record.
      const reordered = Object.fromEntries(Object.entries(r).reverse());
      await refused(post(reordered, leLoi.token), 409, /"error":"replay"/);
    });
    it("an altered record (a failure turned into a pass after it was sent)", async () => {
      const r = next();
      (r.results[0] as Evidence["results"][number]).status = "fail";
      expect((await post(r, leLoi.token)).status).toBe(201);
      (r.results[0] as Evidence["results"][number]).status = "pass";
      await refused(post(r, leLoi.token), 409, /"error":"altered"/);
    });
    it("a 20 MB body", () => {
      const big = JSON.stringify({ ...next(), os: "x".repeat(20 * 1024 * 1024) });
      return refused(
        call(svc, "POST", "/api/v1/evidence", { token: leLoi.token, body: big }),
        413,
        /"error":"too-large"/,
      );
    });
    it("malformed JSON", () =>
      refused(
        call(svc, "POST", "/api/v1/evidence", { token: leLoi.token, body: '{"schema": "attt.evidence/2",' }),
        400,
        /"error":"malformed"/,
      ));
    it("a body that is not JSON at all", () =>
      refused(
        call(svc, "POST", "/api/v1/evidence", {
          token: leLoi.token,
          body: "machine=pc01",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }),
        415,
        /"error":"not-json"/,
      ));
    it("a record missing a field, naming the field", async () => {
      const { machineId: _drop, ...rest } = next();
      await refused(post(rest, leLoi.token), 400, /"path":"machineId"/);
    });
    it("a record of an older schema, saying what to do", async () => {
      await refused(
        post({ ...next(), schema: "attt.evidence/1" }, leLoi.token),
        400,
        /audit again with a current bundle/,
      );
    });
    it("a control the catalogue does not have", async () => {
      const r = next();
      (r.results[0] as Evidence["results"][number]).control = "win.no-such.control";
      await refused(post(r, leLoi.token), 400, /"path":"results\[0\]\.control"/);
    });

    it("hostile strings in every field: refused with nothing stored, or stored exactly as sent", async () => {
      const base = next();
      const fields: Array<[string, (r: Evidence, v: string) => void]> = [
        ["schema", (r, v) => Object.assign(r, { schema: v })],
        ["machine", (r, v) => Object.assign(r, { machine: v })],
        ["netbios", (r, v) => Object.assign(r, { netbios: v })],
        ["machineId", (r, v) => Object.assign(r, { machineId: v })],
        ["unit", (r, v) => Object.assign(r, { unit: v })],
        ["role", (r, v) => Object.assign(r, { role: v })],
        ["os", (r, v) => Object.assign(r, { os: v })],
        ["bundle.id", (r, v) => Object.assign(r.bundle, { id: v })],
        ["bundle.sha256", (r, v) => Object.assign(r.bundle, { sha256: v })],
        ["collectedAt", (r, v) => Object.assign(r, { collectedAt: v })],
        ["results[0].control", (r, v) => Object.assign(r.results[0] as object, { control: v })],
        ["results[0].status", (r, v) => Object.assign(r.results[0] as object, { status: v })],
        ["results[0].observed", (r, v) => Object.assign(r.results[0] as object, { observed: v })],
        ["results[0].expected", (r, v) => Object.assign(r.results[0] as object, { expected: v })],
        ["results[0].detail", (r, v) => Object.assign(r.results[0] as object, { detail: v })],
      ];
      const hostile = [
        ...FRAGMENTS,
        "<script>alert(1)</script>",
        "'; DROP TABLE evidence; --",
        "x".repeat(3000),
      ];
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
      const controlChar = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
      const attempts: Array<{ field: string; value: string; record: Evidence }> = [];
      for (const [field, set] of fields)
        for (const value of hostile) {
          const r = structuredClone(base);
          // Each attempt a different machine, so that an accepted one is never a replay of another.
          r.machineId = (attempts.length + 1).toString(16).padStart(32, "0");
          set(r, `${field === "results[0].detail" || field === "os" ? "ok " : ""}${value}`);
          attempts.push({ field, value, record: r });
        }
      const before = count();
      const answers: Array<{ status: number; body: string; json: () => Record<string, unknown> }> = [];
      for (let i = 0; i < attempts.length; i += 25)
        answers.push(
          ...(await Promise.all(attempts.slice(i, i + 25).map((a) => post(a.record, leLoi.token)))),
        );
      const stored = new Map<number, Evidence>();
      for (const [i, a] of attempts.entries()) {
        const answer = answers[i] as (typeof answers)[number];
        const what = `${a.field}: ${JSON.stringify(a.value)}: ${answer.body}`;
        if (answer.status === 201) {
          // Never a control, bidi or zero-width character; outside free text, nothing but a name's characters.
          const free = ["results[0].observed", "results[0].expected", "results[0].detail"].includes(a.field);
          expect(controlChar.test(free ? a.value.replace(/[\t\n\r]/g, " ") : a.value), what).toBe(false);
          if (!["os", "results[0].observed", "results[0].expected", "results[0].detail"].includes(a.field))
            expect(a.value, what).toMatch(/^[A-Za-z0-9.:+-]*$/);
          stored.set(Number(answer.json().stored), a.record);
        } else expect([400, 403], what).toContain(answer.status);
      }
      // Nothing but the accepted ones was stored, each exactly as sent.
      expect(count()).toBe(before + stored.size);
      const rows = db.sql(
        `SELECT id, record FROM evidence WHERE id > 0 AND id IN (${[...stored.keys(), 0].join(",")})`,
      );
      for (const line of rows.split("\n").filter(Boolean)) {
        const [id, record] = [line.slice(0, line.indexOf("|")), line.slice(line.indexOf("|") + 1)];
        expect(JSON.parse(record)).toEqual(stored.get(Number(id)));
      }
      expect(attempts.length - stored.size).toBeGreaterThan(fields.length * 10);
      expect(stored.size).toBeGreaterThan(0);
      // The status page still renders, and no stored string became markup.
      const page = await call(svc, "GET", "/");
      expect(page.status).toBe(200);
      expect(page.body).not.toContain("<script>");
    });
  });

  it("the service's role may add evidence but not change or delete it, nor touch credentials", () => {
    const as = (q: string) => () => db.sql(`SET ROLE attt_service; ${q}`);
    expect(as("DELETE FROM evidence")).toThrow(/permission denied/);
    expect(as("UPDATE evidence SET unit = 'x'")).toThrow(/permission denied/);
    expect(as("UPDATE credential SET revoked_at = NULL")).toThrow(/permission denied/);
    expect(as("INSERT INTO credential (key_id, unit, secret_hash) VALUES ('0', 'x', '\\x00')")).toThrow(
      /permission denied/,
    );
  });

  it("rotation: the new credential works, the old one is refused", async () => {
    const fresh = await makeCredential(db.ownerUrl, "so-gddt", join(work, "cred"), "rotate");
    const [a, b] = ofUnit("so-gddt");
    expect((await post(b, so.token)).status).toBe(401);
    expect((await post(a, fresh.token)).status).toBe(201);
    so = fresh;
    const list = await runCli(["credential", "list", "--db", db.ownerUrl]);
    const rows = JSON.parse(list.stdout) as Array<{ keyId: string; unit: string; revokedAt: string | null }>;
    expect(rows.filter((r) => r.unit === "so-gddt" && r.revokedAt === null).map((r) => r.keyId)).toEqual([
      fresh.keyId,
    ]);
  });

  it("takes the exact request Test-Baseline.ps1 -Upload builds (Windows PowerShell 5.1 cannot run here)", async () => {
    const script = readFileSync(
      join(import.meta.dirname, "..", "templates", "windows", "Test-Baseline.ps1"),
      "utf8",
    );
    // The record's fields, in the order the script writes them, are the schema's.
    const block = script.slice(
      script.indexOf("$evidence = [ordered]@{"),
      script.indexOf("Write-Json -Value $evidence"),
    );
    const keys = [...block.matchAll(/^\s{4}(\w+) = /gm)].map((m) => m[1]);
    expect(keys).toEqual([
      "schema",
      "machine",
      "netbios",
      "machineId",
      "unit",
      "role",
      "os",
      "bundle",
      "collectedAt",
      "results",
    ]);
    expect(block).toContain("schema = 'attt.evidence/2'");
    // The request: TLS 1.2 switched on, the endpoint, the content type and the credential header.
    const send = script.slice(
      script.indexOf("function Send-Evidence"),
      script.indexOf("# ------", script.indexOf("function Send-Evidence")),
    );
    expect(send).toContain("[Net.SecurityProtocolType]::Tls12");
    expect(send).toContain("'{0}/api/v1/evidence' -f $Url.TrimEnd('/')");
    expect(send).toContain("-ContentType 'application/json; charset=utf-8'");
    expect(send).toContain("Authorization = ('Bearer {0}' -f ([string]$token).Trim())");
    expect(send).toContain("[IO.File]::ReadAllBytes($Path)");
    expect(send).toContain("-UseBasicParsing");
    // The body: the file Write-Json wrote, ConvertTo-Json's layout in Windows PowerShell 5.1 (CRLF,
    // four-space indents, two spaces after the colon, <>&' as \\u escapes), UTF-8 without BOM.
    const record = structuredClone(ofUnit("so-gddt")[2] as Evidence);
    record.machine = "Phong-KT-01.so-gddt.local";
    record.netbios = "PHONG-KT-01";
    record.machineId = "5e6f7a8b-1c2d-4e3f-9a0b-1c2d3e4f5a6b";
    (record.results[0] as Evidence["results"][number]).detail = "Giá trị <mong đợi> & 'thực tế'";
    const ps51 = (v: unknown, indent = ""): string => {
      const inner = `${indent}    `;
      if (Array.isArray(v)) return `[\r\n${v.map((x) => inner + ps51(x, inner)).join(",\r\n")}\r\n${indent}]`;
      if (v !== null && typeof v === "object")
        return `{\r\n${Object.entries(v)
          .map(([k, x]) => `${inner}"${k}":  ${ps51(x, inner)}`)
          .join(",\r\n")}\r\n${indent}}`;
      return JSON.stringify(v).replace(
        /[<>&']/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
      );
    };
    const body = Buffer.from(ps51(record), "utf8");
    expect(JSON.parse(body.toString("utf8"))).toEqual(record);
    const r = await call(svc, "POST", "/api/v1/evidence", {
      body,
      headers: {
        "content-type": "application/json; charset=utf-8",
        authorization: `Bearer ${so.token}  `.trim(),
      },
    });
    expect(r.status, r.body).toBe(201);
    expect(JSON.parse(db.sql(`SELECT record FROM evidence WHERE id = ${Number(r.json().stored)}`))).toEqual(
      record,
    );
  });

  describe("once the units have reported", () => {
    let shot: string;
    beforeAll(async () => {
      // Le Loi: both machines, one failing; the Department: 7 of 10; Im Lang: nothing.
      const leLoiRecords = ofUnit("thcs-le-loi");
      (leLoiRecords[1]?.results[0] as Evidence["results"][number]).status = "fail";
      // As Windows writes a MachineGuid, and with another offset: findings quote both as sent.
      const department = ofUnit("so-gddt").slice(0, 7);
      const guid = department[6] as Evidence;
      const id = guid.machineId.toUpperCase();
      guid.machineId = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
      guid.collectedAt = new Date(Date.parse(guid.collectedAt)).toISOString();
      for (const r of [...leLoiRecords, ...department]) {
        const answer = await post(r, r.unit === "so-gddt" ? so.token : leLoi.token);
        expect([201, 409], answer.body).toContain(answer.status);
      }
    });

    it("attt check reads the database with the verdict the same records give as files", async () => {
      const stored = db
        .sql("SELECT record FROM evidence ORDER BY id")
        .split("\n")
        .map((l) => JSON.parse(l) as Evidence);
      const dir = join(work, "export");
      writeEvidence(dir, stored);
      const base = { loaded, catalogue: bundledCatalogue(), waivers: [] };
      const fromDir = await checkProvince({ ...base, evidenceDir: dir });
      const fromDb = await checkProvince({ ...base, evidenceDir: db.serviceUrl });
      const withoutPlace = (v: Verdict) =>
        JSON.parse(JSON.stringify(v, (k, x) => (k === "location" ? undefined : x))) as Verdict;
      expect(withoutPlace(fromDb)).toEqual(withoutPlace(fromDir));
      // Read in pages (a province's table does not fit one answer): small pages give every record, in order.
      const known = {
        bundles: new Set(bundleSpecs(loaded.inventory).map((b) => b.id)),
        controls: new Set(controlById.keys()),
      };
      const paged = await loadEvidenceFromDatabase(db.serviceUrl, known, 3);
      expect(paged.length).toBeGreaterThan(3 * 2);
      expect(paged).toEqual(await loadEvidenceFromDatabase(db.serviceUrl, known));
      // Only what the evidence policy reads, as each record wrote it (check keeps no more of 100,000 machines).
      expect(paged.map((r) => r.evidence)).toEqual(
        stored.map(({ unit, machine, netbios, machineId, bundle, collectedAt, results }) => ({
          unit,
          machine,
          ...(netbios === undefined ? {} : { netbios }),
          machineId,
          bundle,
          collectedAt,
          results: results.map(({ control, status }) => ({ control, status })),
        })),
      );
      // And the verdict is about these records: Im Lang's 3 machines are missing.
      expect(fromDb.findings.some((f) => f.unit === "th-im-lang" && /sent no evidence/.test(f.message))).toBe(
        true,
      );
      // The CLI too: exit 1 (findings), not 2.
      const cli = await runCli([
        "check",
        inventoryDir,
        "--evidence",
        db.serviceUrl,
        "--format",
        "console",
        "--lang",
        "en",
      ]);
      expect(cli.exitCode, cli.stderr).toBe(1);
    });

    it("attt check asks for attt db migrate when the database's schema is older than it reads (exit 2)", async () => {
      db.sql("DELETE FROM schema_migration WHERE version = 2");
      try {
        const cli = await runCli(["check", inventoryDir, "--evidence", db.serviceUrl, "--lang", "en"]);
        expect(cli.exitCode, cli.stderr).toBe(2);
        expect(cli.stderr).toMatch(
          /schema is older than this attt \(version 1, not 2\): run attt db migrate/,
        );
        expect(cli.stderr).not.toMatch(/^\s+at /m);
      } finally {
        db.sql(
          "INSERT INTO schema_migration (version, name) VALUES (2, 'what attt check reads, as columns')",
        );
      }
    });

    it("the status page shows the database's figures, Vietnamese first, without JavaScript", async () => {
      const page = await call(svc, "GET", "/");
      expect(page.status).toBe(200);
      expect(page.body).not.toMatch(/<script/i);
      // From the database, independently of the service's code: each machine's latest record.
      const latest = db
        .sql(
          `SELECT unit, count(*), count(*) FILTER (WHERE NOT jsonb_path_exists(record, '$.results[*] ? (@.status != "pass")'))
             FROM (SELECT DISTINCT ON (unit, machine_id) unit, record FROM evidence
                   ORDER BY unit, machine_id, collected_at DESC) l GROUP BY unit ORDER BY unit`,
        )
        .split("\n")
        .map((l) => l.split("|"));
      // The page's rule: at most as many machines as the inventory counts; those beyond are "not in inventory".
      const expectedOf = (unit: string) =>
        loaded.inventory.units.find((u) => u.id === unit)?.machines.reduce((n, g) => n + g.count, 0) ?? 0;
      const fromDb = new Map(
        latest.map(([u, n, p]) => {
          const reported = Math.min(Number(n), expectedOf(u as string));
          const extra = Math.max(0, Number(n) - expectedOf(u as string));
          return [u as string, { reported, passing: Math.min(Number(p), reported), extra }];
        }),
      );
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--no-sandbox", "--disable-gpu"],
      });
      try {
        const context = await browser.newContext({
          javaScriptEnabled: false,
          ignoreHTTPSErrors: true,
          locale: "vi-VN",
        });
        const tab = await context.newPage();
        await tab.goto(svc.url);
        const rows = await tab.$$eval("tbody tr", (trs) =>
          trs.map((tr) => ({
            unit: tr.getAttribute("data-unit"),
            expected: Number(tr.querySelector('[data-field="expected"]')?.textContent),
            reported: Number(tr.querySelector('[data-field="reported"]')?.textContent),
            passing: Number(tr.querySelector('[data-field="passing"]')?.textContent),
            extra: Number(tr.querySelector('[data-field="extra"]')?.textContent),
            summary: tr.querySelector('[data-field="summary"]')?.textContent,
          })),
        );
        expect(rows.map((r) => r.unit)).toEqual(["th-im-lang", "so-gddt", "thcs-le-loi"]);
        for (const r of rows) {
          const d = fromDb.get(r.unit as string) ?? { reported: 0, passing: 0, extra: 0 };
          expect(r, r.unit ?? "").toEqual({
            unit: r.unit,
            expected: expectedOf(r.unit as string),
            ...d,
            // The school's sentence: "38/40 máy đạt".
            summary: `${d.passing}/${expectedOf(r.unit as string)} máy đạt`,
          });
        }
        expect(await tab.textContent("h1")).toContain("Tình trạng minh chứng an toàn thông tin");
        expect(await tab.textContent("#totals")).toMatch(/1 đơn vị chưa gửi/);
        shot = join(work, "status-page.png");
        await tab.screenshot({ path: shot, fullPage: true });
        console.log(`status page screenshot: ${shot}`);
      } finally {
        await browser.close();
      }
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe("PNG");
    });
  });
});
