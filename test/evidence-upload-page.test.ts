/**
 * The school's upload page (`/tai-len`) for real: `attt serve` over HTTPS in front of a
 * throwaway PostgreSQL cluster. Records sent as files or in a zip take the API's path:
 * what is taken is read back by `attt check --evidence postgres://...`, what is refused
 * stores nothing and the answer page says why, in Vietnamese. Hostile names and contents,
 * a zip bomb, names that leave the zip, no or another's credential, too many files: all
 * refused. The page works in headless Chromium with JavaScript off (screenshot in the
 * test's temporary directory), and the answer's "N/M máy đạt" is the database's.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { zipSync } from "fflate";
import { parse } from "parse5";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticEvidence, writeEvidence } from "../bench/synthetic-evidence.js";
import type { Evidence } from "../model/evidence.js";
import { bundledCatalogue } from "../model/load-catalogue.js";
import { loadInventory } from "../model/load-inventory.js";
import { checkProvince } from "../policies/check-province.js";
import type { Verdict } from "../policies/engine.js";
import { UPLOAD_LIMITS } from "../service/upload-files.js";
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
import { tempDir } from "./helpers/vendor-tools.js";

const unavailable = serviceTestsUnavailable();
if (unavailable) console.warn(`SKIPPED: upload page tests: ${unavailable}`);

const MINIMAL = join(import.meta.dirname, "fixtures/minimal/inventory.yaml");
const CHROMIUM = "/usr/bin/chromium";
const UNIT = "so-gddt";

type Part = { field: string; value: string } | { field: string; filename: string; bytes: Uint8Array };

/** A multipart/form-data body as a browser builds it (quotes, CR and LF in names percent-encoded). */
function formData(parts: Part[]): { body: Buffer; type: string } {
  const boundary = `----attt${Math.random().toString(16).slice(2)}`;
  const esc = (s: string) => s.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const head =
      "value" in p
        ? `Content-Disposition: form-data; name="${esc(p.field)}"\r\n\r\n`
        : `Content-Disposition: form-data; name="${esc(p.field)}"; filename="${esc(p.filename)}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    chunks.push(Buffer.from(`--${boundary}\r\n${head}`, "utf8"));
    chunks.push("value" in p ? Buffer.from(p.value, "utf8") : Buffer.from(p.bytes));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

/** The answer page's rows: file name, stored or refused, and the detail cell's text. */
function answerRows(html: string): Array<{ name: string; result: string; detail: string }> {
  const rows: Array<{ name: string; result: string; detail: string }> = [];
  type Node = {
    nodeName: string;
    attrs?: Array<{ name: string; value: string }>;
    childNodes?: Node[];
    value?: string;
  };
  const text = (n: Node): string =>
    n.nodeName === "#text" ? (n.value ?? "") : (n.childNodes ?? []).map(text).join("");
  const walk = (n: Node) => {
    const result = n.attrs?.find((a) => a.name === "data-result")?.value;
    if (n.nodeName === "tr" && result) {
      const cells = (n.childNodes ?? []).filter((c) => c.nodeName === "td");
      rows.push({ name: text(cells[0] as Node), result, detail: text(cells[2] as Node) });
    }
    for (const c of n.childNodes ?? []) walk(c);
  };
  walk(parse(html) as unknown as Node);
  return rows;
}

describe.skipIf(unavailable !== undefined)("attt serve: the school's upload page", () => {
  const work = tempDir("upload-page");
  const inventoryDir = join(work, "inventory");
  mkdirSync(inventoryDir, { recursive: true });
  writeFileSync(join(inventoryDir, "inventory.yaml"), readFileSync(MINIMAL));
  const loaded = loadInventory(inventoryDir);
  const all = syntheticEvidence(loaded.inventory, { failShare: 0 });
  const mine = all.filter((r) => r.unit === UNIT);
  const others = all.filter((r) => r.unit !== UNIT);
  const expected = mine.length;
  /** Every record the service acknowledged, to compare with what the database holds. */
  const accepted: Evidence[] = [];
  let db: ServiceDatabase;
  let svc: RunningService;
  let cred: { token: string; keyId: string; file: string };
  const count = () => Number(db.sql("SELECT count(*) FROM evidence"));
  const json = (r: unknown) => new TextEncoder().encode(JSON.stringify(r));
  const upload = (parts: Part[]) => {
    const f = formData(parts);
    return call(svc, "POST", "/tai-len", { body: f.body, headers: { "content-type": f.type } });
  };
  const withCredential = (files: Part[]): Part[] => [{ field: "ma", value: cred.token }, ...files];
  /** The unit's figures straight from the database: each machine's latest record, all controls passing. */
  const fromDatabase = () => {
    const [n, p] = db
      .sql(
        `SELECT count(*) || '|' || count(*) FILTER (WHERE NOT jsonb_path_exists(record, '$.results[*] ? (@.status != "pass")'))
           FROM (SELECT DISTINCT ON (machine_id) record FROM evidence WHERE unit = '${UNIT}'
                 ORDER BY machine_id, collected_at DESC) l`,
      )
      .split("|")
      .map(Number);
    const reported = Math.min(n as number, expected);
    return { reported, passing: Math.min(p as number, reported) };
  };

  beforeAll(async () => {
    db = await startDatabase();
    cred = await makeCredential(db.ownerUrl, UNIT, join(work, "cred"));
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

  it("the form is Vietnamese, plain HTML (multipart, no script)", async () => {
    const page = await call(svc, "GET", "/tai-len");
    expect(page.status).toBe(200);
    expect(page.body).not.toMatch(/<script/i);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain("Gửi minh chứng an toàn thông tin");
  });

  it("several files: each one taken or refused on its own, with the reason; a refused one stores nothing", async () => {
    const failing = structuredClone(mine[1] as Evidence);
    (failing.results[0] as Evidence["results"][number]).status = "fail";
    const invalid = { ...structuredClone(mine[2] as Evidence), machineId: undefined };
    const scripted = structuredClone(mine[3] as Evidence);
    scripted.machine = "<script>alert(1)</script>";
    const before = count();
    const r = await upload(
      withCredential([
        { field: "tep", filename: "may-01.json", bytes: json(mine[0]) },
        { field: "tep", filename: "may-02.json", bytes: json(failing) },
        { field: "tep", filename: "thieu-truong.json", bytes: json(invalid) },
        { field: "tep", filename: "script.json", bytes: json(scripted) },
        { field: "tep", filename: "don-vi-khac.json", bytes: json(others[0]) },
        { field: "tep", filename: "khong-phai-json.json", bytes: new TextEncoder().encode("machine=pc01") },
        { field: "tep", filename: "ghi-chu.txt", bytes: new TextEncoder().encode("hello") },
        { field: "tep", filename: "<img src=x onerror=alert(1)>.json", bytes: json(mine[0]) },
      ]),
    );
    expect(r.status, r.body).toBe(200);
    expect(r.body).not.toMatch(/<script|<img/i);
    const rows = answerRows(r.body);
    expect(rows.map((x) => [x.name, x.result])).toEqual([
      ["may-01.json", "stored"],
      ["may-02.json", "stored"],
      ["thieu-truong.json", "refused"],
      ["script.json", "refused"],
      ["don-vi-khac.json", "refused"],
      ["khong-phai-json.json", "refused"],
      ["ghi-chu.txt", "refused"],
      ["<img src=x onerror=alert(1)>.json", "refused"],
    ]);
    const detail = Object.fromEntries(rows.map((x) => [x.name, x.detail]));
    expect(detail["thieu-truong.json"]).toMatch(/không đúng lược đồ minh chứng.*machineId/s);
    expect(detail["script.json"]).toMatch(/không đúng lược đồ|machine/);
    expect(detail["don-vi-khac.json"]).toMatch(/chỉ gửi được minh chứng của đơn vị so-gddt/);
    expect(detail["khong-phai-json.json"]).toMatch(/không phải JSON hợp lệ/);
    expect(detail["ghi-chu.txt"]).toMatch(/không phải tệp \.json/);
    expect(detail["<img src=x onerror=alert(1)>.json"]).toMatch(/đã được nhận trước đó/);
    accepted.push(mine[0] as Evidence, failing);
    expect(count()).toBe(before + 2);
    expect(r.body).toContain("Tệp bị từ chối không được lưu");
  });

  it("a zip of records (in folders): taken; a zip bomb, names leaving the zip and nested zips refused", async () => {
    const bomb = new Uint8Array(16 * UPLOAD_LIMITS.recordBytes); // 16 MiB of zeros, a few kB zipped
    const zip = zipSync(
      {
        "phong-may/may-03.json": json(mine[3]),
        "phong-may/may-04.json": json(mine[4]),
        "may-05.json": json(mine[5]),
        "../../../etc/cron.d/x.json": json(mine[6]),
        "/tmp/tuyet-doi.json": json(mine[6]),
        "C:\\Windows\\win.json": json(mine[6]),
        "bom.json": bomb,
        "long-nhau.zip": zipSync({ "a.json": json(mine[6]) }),
        "doc-\u202egnp.json": json(mine[6]),
      },
      { level: 9 },
    );
    expect(zip.length).toBeLessThan(200_000);
    const before = count();
    const r = await upload(withCredential([{ field: "tep", filename: "truong.zip", bytes: zip }]));
    expect(r.status, r.body).toBe(200);
    const rows = answerRows(r.body);
    const result = Object.fromEntries(rows.map((x) => [x.name, x.result]));
    expect(result).toEqual({
      "truong.zip/phong-may/may-03.json": "stored",
      "truong.zip/phong-may/may-04.json": "stored",
      "truong.zip/may-05.json": "stored",
      "truong.zip/../../../etc/cron.d/x.json": "refused",
      "truong.zip//tmp/tuyet-doi.json": "refused",
      "truong.zip/C:\\Windows\\win.json": "refused",
      "truong.zip/bom.json": "refused",
      "truong.zip/long-nhau.zip": "refused",
      "truong.zip/doc-\ufffdgnp.json": "refused",
    });
    const detail = Object.fromEntries(rows.map((x) => [x.name, x.detail]));
    expect(detail["truong.zip/bom.json"]).toMatch(/bom zip/);
    expect(detail["truong.zip/../../../etc/cron.d/x.json"]).toMatch(/chỉ ra ngoài thư mục/);
    expect(detail["truong.zip/doc-\ufffdgnp.json"]).toMatch(/ký tự điều khiển, đảo chiều/);
    accepted.push(mine[3] as Evidence, mine[4] as Evidence, mine[5] as Evidence);
    expect(count()).toBe(before + 3);
  });

  it("a zip entry that lies about its size is cut at the size it declared, never inflated further", async () => {
    const zip = zipSync({ "noi-doi.json": new Uint8Array(8 * 1024 * 1024).fill(32) }, { level: 9 });
    // Declare 100 bytes in the local header and the central directory.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let i = 0; i + 4 <= zip.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) view.setUint32(i + 22, 100, true);
      if (sig === 0x02014b50) view.setUint32(i + 24, 100, true);
    }
    const before = count();
    const r = await upload(withCredential([{ field: "tep", filename: "noi-doi.zip", bytes: zip }]));
    expect(r.status, r.body).toBe(200);
    expect(answerRows(r.body).map((x) => x.result)).toEqual(["refused"]);
    expect(count()).toBe(before);
  });

  it("no credential, an unknown one, another unit's: refused before any file is read, nothing stored", async () => {
    const before = count();
    const none = await upload([{ field: "tep", filename: "may-06.json", bytes: json(mine[6]) }]);
    expect(none.status).toBe(401);
    expect(none.body).toContain("cần gửi kèm khóa tải minh chứng");
    const unknown = await upload([
      { field: "ma", value: `${cred.token.slice(0, -4)}AAAA` },
      { field: "tep", filename: "may-06.json", bytes: json(mine[6]) },
    ]);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toContain("khóa tải minh chứng không hợp lệ");
    const other = await makeCredential(db.ownerUrl, "thcs-le-loi", join(work, "cred"));
    const wrong = await upload([
      { field: "ma", value: other.token },
      { field: "tep", filename: "may-06.json", bytes: json(mine[6]) },
    ]);
    expect(wrong.status).toBe(200);
    expect(answerRows(wrong.body).map((x) => x.detail)).toEqual([
      expect.stringMatching(/chỉ gửi được minh chứng của đơn vị thcs-le-loi/),
    ]);
    expect(count()).toBe(before);
  });

  it(`more than ${UPLOAD_LIMITS.files} files: the ones past the limit are not read, and the page says so`, async () => {
    const before = count();
    const files: Part[] = Array.from({ length: UPLOAD_LIMITS.files + 5 }, (_, i) => ({
      field: "tep",
      filename: `tep-${i}.txt`,
      bytes: new Uint8Array([120]),
    }));
    const r = await upload(withCredential(files));
    expect(r.status, r.body).toBe(200);
    expect(answerRows(r.body)).toHaveLength(UPLOAD_LIMITS.files);
    expect(r.body).toMatch(/chỉ nhận tối đa 200 tệp/);
    expect(count()).toBe(before);
  });

  it("in headless Chromium without JavaScript: the credential file and two records, and the unit's N/M máy đạt from the database", async () => {
    const dir = join(work, "browser");
    mkdirSync(dir, { recursive: true });
    const files = [mine[6], mine[7]].map((r, i) => {
      const f = join(dir, `may-0${i + 7}.json`);
      writeFileSync(f, JSON.stringify(r, null, 2));
      return f;
    });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu"],
    });
    let shot = "";
    try {
      const context = await browser.newContext({
        javaScriptEnabled: false,
        ignoreHTTPSErrors: true,
        locale: "vi-VN",
      });
      const tab = await context.newPage();
      await tab.goto(`${svc.url}/tai-len`);
      expect(await tab.textContent("h1")).toBe("Gửi minh chứng an toàn thông tin");
      expect(await tab.textContent('label[for="khoa"]')).toContain("Tệp khóa của đơn vị");
      expect(await tab.textContent('label[for="tep"]')).toContain("Tệp minh chứng");
      await tab.setInputFiles("#khoa", cred.file);
      await tab.setInputFiles("#tep", files);
      await Promise.all([tab.waitForNavigation(), tab.click("button[type=submit]")]);
      expect(await tab.textContent("h1")).toContain("Kết quả gửi minh chứng");
      expect(await tab.$$eval("tr[data-result=stored]", (trs) => trs.length)).toBe(2);
      accepted.push(mine[6] as Evidence, mine[7] as Evidence);
      const { reported, passing } = fromDatabase();
      // 6 machines sent records, one failing: the database's figures, and the page's sentence.
      expect({ reported, passing }).toEqual({ reported: 7, passing: 6 });
      const summary = await tab.$eval("#summary", (p) => ({
        text: p.textContent,
        reported: p.getAttribute("data-reported"),
        passing: p.getAttribute("data-passing"),
        expected: p.getAttribute("data-expected"),
      }));
      expect(summary).toEqual({
        text: `${passing}/${expected} máy đạt (${reported}/${expected} máy đã gửi minh chứng trong kỳ)`,
        reported: String(reported),
        passing: String(passing),
        expected: String(expected),
      });
      shot = join(work, "upload-answer.png");
      await tab.screenshot({ path: shot, fullPage: true });
      console.log(`upload page screenshot: ${shot}`);
    } finally {
      await browser.close();
    }
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe("PNG");
  });

  it("attt credential create --url takes a plain https address only (the launchers read it from the file)", async () => {
    for (const url of [
      "http://attt.example.vn",
      "https://x.vn/$(reboot)",
      "https://x.vn/a b",
      "https://x.vn/\nattt1.x",
    ]) {
      const out = join(work, `bad-${Math.random().toString(16).slice(2)}.credential`);
      const r = await runCli([
        "credential",
        "create",
        "--db",
        db.ownerUrl,
        "--unit",
        UNIT,
        "--out",
        out,
        "--url",
        url,
      ]);
      expect(r.exitCode, url).toBe(2);
      expect(r.stderr).toMatch(/--url must be the service's https address/);
      expect(() => readFileSync(out)).toThrow();
    }
  });

  it("the launcher's summary (GET /api/v1/summary) says the same, and attt check reads every accepted record", async () => {
    const s = await call(svc, "GET", "/api/v1/summary", { token: cred.token });
    expect(s.status, s.body).toBe(200);
    const { reported, passing } = fromDatabase();
    expect(s.json()).toMatchObject({
      unit: UNIT,
      expected,
      reported,
      passing,
      headline: `${passing}/${expected} máy đạt`,
    });
    expect((await call(svc, "GET", "/api/v1/summary")).status).toBe(401);
    // The database holds exactly the acknowledged records, and check gives the verdict they give as files.
    const stored = db
      .sql("SELECT record FROM evidence ORDER BY id")
      .split("\n")
      .map((l) => JSON.parse(l) as Evidence);
    const byMachine = (a: Evidence, b: Evidence) => a.machineId.localeCompare(b.machineId);
    expect(stored.sort(byMachine)).toEqual([...accepted].sort(byMachine));
    const dir = join(work, "export");
    writeEvidence(dir, accepted);
    // In-process, as the CLI runs it (test/evidence-service.test.ts runs the CLI itself).
    const base = { loaded, catalogue: bundledCatalogue(), waivers: [] };
    const verdict = async (evidenceDir: string) =>
      JSON.parse(
        JSON.stringify(await checkProvince({ ...base, evidenceDir }), (k, x) =>
          k === "location" ? undefined : x,
        ),
      ) as Verdict;
    const fromDb = await verdict(db.serviceUrl);
    expect(fromDb).toEqual(await verdict(dir));
    expect(fromDb.findings.some((f) => f.unit === UNIT && /sent no evidence/.test(f.message))).toBe(true);
  });
});
