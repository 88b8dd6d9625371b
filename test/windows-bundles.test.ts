// Windows bundles of the demo province: every GPO file read back by the toolkit's own
// readers and by Samba's independent parsers holds exactly the controls' values; the
// output is byte-identical across runs; scripts are UTF-8 with BOM and CRLF.

import { createHash } from "node:crypto";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeAuditCsv } from "../baselines/emit/windows/audit-csv.js";
import { decodeGptTmpl } from "../baselines/emit/windows/gpttmpl-inf.js";
import { md } from "../baselines/emit/windows/readme.js";
import { decodeRegistryPol } from "../baselines/emit/windows/registry-pol.js";
import { loadInventory } from "../model/load-inventory.js";
import { packageRoot } from "../model/package-root.js";
import { readDataTable } from "./helpers/ps-data.js";
import {
  asBuffer,
  fileEndingWith,
  parsePowerShell,
  sambaMissing,
  sambaReadMany,
  type WindowsBundle,
  windowsBundles,
} from "./helpers/windows.js";
import { expectedFor, type Row } from "./helpers/windows-expected.js";

const POL = "DomainSysvol/GPO/Machine/registry.pol";
const INF = "DomainSysvol/GPO/Machine/microsoft/windows nt/SecEdit/GptTmpl.inf";
const CSV = "DomainSysvol/GPO/Machine/microsoft/windows nt/Audit/audit.csv";
const USER_POL = "DomainSysvol/GPO/User/registry.pol";

function splitRegistryValuesLine(line: string): [string, string] {
  const m = /^(.*?)=(\d+,.*)$/.exec(line);
  if (!m) throw new Error(`not a [Registry Values] line: ${line}`);
  return [(m[1] ?? "").toUpperCase(), m[2] ?? ""];
}

let bundles: WindowsBundle[] = [];

/**
 * A script up to where the shared runtime starts: the data table is all these tests read,
 * and parsing the whole runtime of every bundle takes minutes on a loaded machine
 * (test/windows-scripts.test.ts parses whole scripts).
 */
function dataPart(script: string): string {
  const cut = script.indexOf("# attt-kit runtime (fixed code, shared by Apply, Test and Undo).");
  if (cut < 0) throw new Error("script without the shared runtime's header");
  return script.slice(0, cut);
}

// CI installs python3-samba; elsewhere the Samba cross-check is skipped, saying why.
const SAMBA_MISSING = sambaMissing();
if (SAMBA_MISSING) console.warn(`windows-bundles: Samba cross-check skipped: ${SAMBA_MISSING}`);

beforeAll(() => {
  const { inventory } = loadInventory(join(packageRoot, "examples", "demo-province"));
  bundles = windowsBundles(inventory);
});

describe("Windows bundles of the demo province", () => {
  it("covers every school role, each bundle with its GPO backup, three scripts and a README", () => {
    expect(bundles.length).toBeGreaterThan(10);
    expect(new Set(bundles.map((b) => b.spec.role))).toEqual(
      new Set(["office", "teacher", "lab", "classified"]),
    );
    for (const b of bundles) {
      const names = [...b.out.files.keys()];
      for (const f of [
        "Apply-Baseline.ps1",
        "Test-Baseline.ps1",
        "Undo-Baseline.ps1",
        "README.md",
        "gpo/manifest.xml",
      ]) {
        expect(names, `${b.spec.id} ${f}`).toContain(f);
      }
      expect(fileEndingWith(b, POL), b.spec.id).toBeDefined();
      expect(fileEndingWith(b, INF), b.spec.id).toBeDefined();
      expect(fileEndingWith(b, CSV), b.spec.id).toBeDefined();
    }
  });

  it("GPO files read back by the toolkit's readers hold exactly the controls' values", () => {
    for (const b of bundles) {
      const want = expectedFor(b.spec);
      const pol = decodeRegistryPol(fileEndingWith(b, POL) as Buffer);
      const polSeen = Object.fromEntries(
        pol.map((p) => [`${p.key}\\${p.value}`.toUpperCase(), { type: p.type, data: p.data }]),
      );
      expect(polSeen, b.spec.id).toEqual(want.pol);
      const userPol = decodeRegistryPol(fileEndingWith(b, USER_POL) as Buffer);
      expect(
        Object.fromEntries(
          userPol.map((p) => [`${p.key}\\${p.value}`.toUpperCase(), { type: p.type, data: p.data }]),
        ),
        b.spec.id,
      ).toEqual(want.userPol);

      const inf = decodeGptTmpl(fileEndingWith(b, INF) as Buffer).sections;
      expect(Object.fromEntries(inf["System Access"] ?? []), b.spec.id).toEqual(want.systemAccess);
      const regValues = Object.fromEntries(
        (inf["Registry Values"] ?? []).map(([k, v]) => [k.toUpperCase(), v]),
      );
      expect(regValues, b.spec.id).toEqual(want.registryValues);
      const services = Object.fromEntries(
        (inf["Service General Setting"] ?? []).map(([name, rest]) => [name, rest.split(",")[0]]),
      );
      expect(services, b.spec.id).toEqual(want.services);
      expect(Object.fromEntries(inf["Privilege Rights"] ?? []), b.spec.id).toEqual(want.privilegeRights);

      const audit = decodeAuditCsv(fileEndingWith(b, CSV) as Buffer);
      expect(Object.fromEntries(audit.map((a) => [a.guid, a.value])), b.spec.id).toEqual(want.audit);
    }
  });

  it.skipIf(SAMBA_MISSING !== null)(
    `GPO files read back by Samba's parsers hold exactly the controls' values${SAMBA_MISSING ? ` (skipped: ${SAMBA_MISSING})` : ""}`,
    () => {
      expect(bundles.length).toBeGreaterThan(10);
      // Identical files (many schools share a bundle's content) are parsed once.
      const unique = new Map<string, { kind: "pol" | "inf" | "csv"; bytes: Buffer }>();
      const hashOf = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
      for (const b of bundles) {
        for (const [kind, suffix] of [
          ["pol", POL],
          ["pol", USER_POL],
          ["inf", INF],
          ["csv", CSV],
        ] as const) {
          const bytes = fileEndingWith(b, suffix) as Buffer;
          unique.set(`${kind}:${hashOf(bytes)}`, { kind, bytes });
        }
      }
      const keys = [...unique.keys()];
      const parsed = new Map(sambaReadMany([...unique.values()]).map((r, i) => [keys[i] as string, r]));
      for (const b of bundles) {
        const want = expectedFor(b.spec);
        const read = (kind: string, suffix: string) =>
          parsed.get(`${kind}:${hashOf(fileEndingWith(b, suffix) as Buffer)}`);

        const pol = read("pol", POL) as {
          entries: Array<{ key: string; value: string; type: string; data: unknown }>;
        };
        expect(pol, b.spec.id).not.toHaveProperty("error");
        const polSeen = Object.fromEntries(
          pol.entries.map((p) => [`${p.key}\\${p.value}`.toUpperCase(), { type: p.type, data: p.data }]),
        );
        expect(polSeen, b.spec.id).toEqual(want.pol);
        const userPol = read("pol", USER_POL) as {
          entries: Array<{ key: string; value: string; type: string; data: unknown }>;
        };
        expect(userPol, b.spec.id).not.toHaveProperty("error");
        expect(
          Object.fromEntries(
            userPol.entries.map((p) => [
              `${p.key}\\${p.value}`.toUpperCase(),
              { type: p.type, data: p.data },
            ]),
          ),
          b.spec.id,
        ).toEqual(want.userPol);

        const inf = read("inf", INF) as { sections: Record<string, unknown[]> };
        expect(inf, b.spec.id).not.toHaveProperty("error");
        const access = Object.fromEntries(inf.sections["System Access"] as Array<[string, string]>);
        expect(access, b.spec.id).toEqual(want.systemAccess);
        const regValues = Object.fromEntries(
          (inf.sections["Registry Values"] as string[]).map(splitRegistryValuesLine),
        );
        expect(regValues, b.spec.id).toEqual(want.registryValues);
        const services = Object.fromEntries(
          (inf.sections["Service General Setting"] ?? []).map((x) => (x as string[]).slice(0, 2)),
        );
        expect(services, b.spec.id).toEqual(want.services);
        // Samba splits a right's holders at the commas; nobody is an empty list.
        const rights = Object.fromEntries(
          ((inf.sections["Privilege Rights"] ?? []) as Array<[string, string[]]>).map(([right, sids]) => [
            right,
            sids.filter((sid) => sid !== "").join(","),
          ]),
        );
        expect(rights, b.spec.id).toEqual(want.privilegeRights);
        expect(Object.keys(rights).length, b.spec.id).toBe(23);

        const csv = read("csv", CSV) as { header: string[]; rows: Array<Record<string, string>> };
        expect(csv, b.spec.id).not.toHaveProperty("error");
        const audit = Object.fromEntries(
          csv.rows.map((r) => [r["Subcategory GUID"], Number(r["Setting Value"])]),
        );
        expect(audit, b.spec.id).toEqual(want.audit);
      }
    },
  );

  it("classified bundles block all traffic, deny removable storage and allow only registered USB IDs", () => {
    const classified = bundles.filter((b) => b.spec.role === "classified");
    expect(classified.length).toBeGreaterThan(0);
    for (const b of classified) {
      const pol = decodeRegistryPol(fileEndingWith(b, POL) as Buffer);
      const get = (key: string, value: string) => pol.find((p) => p.key === key && p.value === value)?.data;
      for (const profile of ["DomainProfile", "PrivateProfile", "PublicProfile"]) {
        const key = `SOFTWARE\\Policies\\Microsoft\\WindowsFirewall\\${profile}`;
        expect(get(key, "DefaultInboundAction")).toBe(1);
        expect(get(key, "DefaultOutboundAction")).toBe(1);
        expect(get(key, "AllowLocalPolicyMerge")).toBe(0);
      }
      const approved = b.spec.groups.flatMap((g) =>
        g.hosts.flatMap((h) => h.approvedUsb.flatMap((d) => [d.device, d.disk])),
      );
      const list = "SOFTWARE\\Policies\\Microsoft\\Windows\\DeviceInstall\\Restrictions\\AllowInstanceIDs";
      const allowed = pol.filter((p) => p.key === list && !p.value.startsWith("**")).map((p) => p.data);
      expect(new Set(allowed)).toEqual(new Set(approved));
      expect(pol.some((p) => p.key === list && p.value === "**delvals.")).toBe(approved.length > 0);
      expect(get("SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services", "fDenyTSConnections")).toBe(
        1,
      );
      const inf = decodeGptTmpl(fileEndingWith(b, INF) as Buffer).sections;
      expect(inf["Service General Setting"]?.map(([n]) => n)).toEqual(
        expect.arrayContaining(["WlanSvc", "bthserv", "WwanSvc"]),
      );
    }
  });

  it("every bundle denies the FireWire (SBP-2) class as Microsoft's baseline does, classified bundles Bluetooth too, beside the removable-storage values, in registry.pol (own reader and Samba) and the scripts' data", () => {
    const restrictions = "SOFTWARE\\Policies\\Microsoft\\Windows\\DeviceInstall\\Restrictions";
    const classes = `${restrictions}\\DenyDeviceClasses`;
    const bluetooth = "{e0cbf06c-cd8b-4647-bb8a-263b43f0f974}";
    const firewire = "{d48179be-ec20-11d1-b6b8-00c04fa372a7}";
    type PolEntry = { key: string; value: string; type: string; data: unknown };
    const denyClassRows = (pol: PolEntry[]) =>
      pol
        .filter(
          (p) => p.key === classes || (p.key === restrictions && p.value.startsWith("DenyDeviceClasses")),
        )
        .map((p) => [p.key, p.value, p.type, p.data])
        .sort((a, b) => (String(a) < String(b) ? -1 : 1));
    // Entries are named by their class GUID; only the classified list is cleared first:
    // elsewhere an administrator's own numbered entries stay beside the toolkit's.
    const wanted = (listed: string[], cleared: boolean) =>
      [
        [restrictions, "DenyDeviceClasses", "REG_DWORD", 1],
        [restrictions, "DenyDeviceClassesRetroactive", "REG_DWORD", 1],
        ...(cleared ? [[classes, "**delvals.", "REG_SZ", " "]] : []),
        ...listed.map((c) => [classes, c, "REG_SZ", c]),
      ].sort((a, b) => (String(a) < String(b) ? -1 : 1));
    const pols = bundles.map((b) => fileEndingWith(b, POL) as Buffer);
    const samba = SAMBA_MISSING
      ? null
      : (sambaReadMany(pols.map((bytes) => ({ kind: "pol" as const, bytes }))) as Array<{
          entries: PolEntry[];
        }>);
    let classified = 0;
    bundles.forEach((b, i) => {
      const readers: Array<[string, PolEntry[]]> = [
        ["own", decodeRegistryPol(pols[i] as Buffer) as PolEntry[]],
      ];
      if (samba) readers.push(["samba", (samba[i] as { entries: PolEntry[] }).entries]);
      for (const [reader, pol] of readers) {
        const where = `${b.spec.id} (${reader})`;
        if (b.spec.role !== "classified") {
          // FireWire only: nothing else of Device Installation Restrictions.
          expect(
            pol.filter((p) => p.key.startsWith("SOFTWARE\\Policies\\Microsoft\\Windows\\DeviceInstall"))
              .length,
            where,
          ).toBe(3);
          expect(denyClassRows(pol), where).toEqual(wanted([firewire], false));
          continue;
        }
        expect(denyClassRows(pol), where).toEqual(wanted([bluetooth, firewire], true));
        // The removable-storage control's values on the same key are still there, and no
        // `**delvals.` clears the Restrictions key itself (it would take the other control's values).
        expect(
          pol.find((p) => p.key === restrictions && p.value === "DenyRemovableDevices")?.data,
          where,
        ).toBe(1);
        expect(
          pol.some((p) => p.key === restrictions && p.value.startsWith("**")),
          where,
        ).toBe(false);
        // Only Bluetooth and FireWire: keyboards, mice, USB and disks stay installable by class.
        expect(
          pol
            .filter((p) => p.key === classes && !p.value.startsWith("**"))
            .map((p) => p.data)
            .sort(),
          where,
        ).toEqual([bluetooth, firewire].sort());
      }
      const rows = readDataTable(
        parsePowerShell(dataPart(asBuffer(b.out.files.get("Test-Baseline.ps1") as string).toString("utf8"))),
      ).Settings as Row[];
      const probe = rows.filter((r) => r.Kind === "check" && r.Check === "device-class-off");
      const clear = rows.filter((r) => r.Kind === "registry-clear" && r.Path === classes);
      if (b.spec.role === "classified") {
        classified++;
        expect(probe, b.spec.id).toStrictEqual([
          {
            Controls: ["win.classified.wireless-off"],
            Kind: "check",
            Check: "device-class-off",
            ClassGuid: bluetooth,
            ClassName: "Bluetooth",
          },
        ]);
        // One row, merged when the bundle was generated, naming both controls that write the
        // list (wireless, DMA protection); it keeps exactly the list's values the bundle sets.
        expect(
          clear.map((r) => r.Controls),
          b.spec.id,
        ).toEqual([["win.classified.wireless-off", "win.device.dma-protection"]]);
        const listed = rows.filter((r) => r.Kind === "registry" && r.Path === classes).map((r) => r.Name);
        expect([...((clear[0]?.Keep as string[]) ?? [])].sort(), b.spec.id).toEqual([...listed].sort());
        expect(listed.length, b.spec.id).toBeGreaterThan(0);
      } else {
        expect(probe, b.spec.id).toEqual([]);
        // Never cleared outside classified: classes others deny stay denied.
        expect(clear, b.spec.id).toEqual([]);
      }
    });
    expect(classified).toBeGreaterThan(0);
  });

  it("the demo's classified unit allows each registered drive by its USB device and its disk, in registry.pol and Apply-Baseline's data", () => {
    const b = bundles.find((x) => x.spec.unit.id === "so-gddt-khao-thi" && x.spec.role === "classified");
    if (!b) throw new Error("no classified bundle for so-gddt-khao-thi");
    // Two of the unit's drives, as the inventory registers them (examples/demo-province/province.yaml).
    const drives = [
      [
        "USB\\VID_0951&PID_1666\\E0D55EA5741DF1B0B8F30F45",
        "USBSTOR\\Disk&Ven_Kingston&Prod_DataTraveler_3.0&Rev_PMAP\\E0D55EA5741DF1B0B8F30F45&0",
      ],
      [
        "USB\\VID_0781&PID_5581\\4C530001230519109042",
        "USBSTOR\\Disk&Ven_SanDisk&Prod_Ultra&Rev_1.00\\4C530001230519109042&0",
      ],
    ];
    const registered = b.spec.groups.flatMap((g) => g.hosts.flatMap((h) => h.approvedUsb));
    expect(registered).toHaveLength(6);
    const every = [...new Set(registered.flatMap((d) => [d.device, d.disk]))].sort();
    expect(every).toHaveLength(12);
    expect(every.filter((id) => id.startsWith("USB\\VID_"))).toHaveLength(6);
    expect(every.filter((id) => id.startsWith("USBSTOR\\"))).toHaveLength(6);

    const list = "SOFTWARE\\Policies\\Microsoft\\Windows\\DeviceInstall\\Restrictions\\AllowInstanceIDs";
    const pol = decodeRegistryPol(fileEndingWith(b, POL) as Buffer);
    const allowed = pol.filter((p) => p.key === list && !p.value.startsWith("**"));
    // Numbered 1..n in sorted order, each ID once (registry.pol orders the value names as text: 1, 10, 11, 12, 2, ...).
    const byNumber = (pairs: unknown[][]) => [...pairs].sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(byNumber(allowed.map((p) => [p.value, p.data]))).toEqual(
      every.map((id, i) => [String(i + 1), id]),
    );
    for (const [device, disk] of drives) {
      expect(allowed.map((p) => p.data)).toContain(device);
      expect(allowed.map((p) => p.data)).toContain(disk);
    }
    const restrictions = "SOFTWARE\\Policies\\Microsoft\\Windows\\DeviceInstall\\Restrictions";
    for (const value of ["DenyRemovableDevices", "AllowDenyLayered", "AllowInstanceIDs"])
      expect(pol.find((p) => p.key === restrictions && p.value === value)?.data, value).toBe(1);

    // Apply-Baseline.ps1 sets the same IDs, read back from its data table as PowerShell values.
    const apply = readDataTable(
      parsePowerShell(dataPart(asBuffer(b.out.files.get("Apply-Baseline.ps1") as string).toString("utf8"))),
    );
    const rows = (apply.Settings as Row[]).filter((r) => r.Kind === "registry" && r.Path === list);
    expect(byNumber(rows.map((r) => [r.Name, r.Data]))).toEqual(every.map((id, i) => [String(i + 1), id]));
    for (const [device, disk] of drives) {
      expect(rows.map((r) => r.Data)).toContain(device);
      expect(rows.map((r) => r.Data)).toContain(disk);
    }
  });

  it("RDP is off, or on only with NLA and a firewall rule scoped to the unit's admin networks", () => {
    for (const b of bundles) {
      const pol = decodeRegistryPol(fileEndingWith(b, POL) as Buffer);
      const ts = "SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services";
      const deny = pol.find((p) => p.key === ts && p.value === "fDenyTSConnections")?.data;
      const rule = pol.find((p) => p.key.endsWith("\\FirewallRules") && p.value === "attt-kit-rdp-in")?.data;
      const from = b.spec.unit.network.remoteAdminFrom;
      if (b.spec.role === "classified" || from.length === 0) {
        expect(deny, b.spec.id).toBe(1);
        expect(rule, b.spec.id).toBeUndefined();
      } else {
        expect(deny, b.spec.id).toBe(0);
        expect(pol.find((p) => p.key === ts && p.value === "UserAuthentication")?.data).toBe(1);
        expect(String(rule)).toMatch(
          /^v2\.30\|Action=Allow\|Active=TRUE\|Dir=In\|Protocol=6\|LPort=3389\|RA4=/,
        );
        expect((String(rule).match(/\|RA4=/g) ?? []).length).toBe(new Set(from).size);
      }
    }
  });

  it("is byte-identical across two runs", () => {
    const { inventory } = loadInventory(join(packageRoot, "examples", "demo-province"));
    const again = windowsBundles(inventory);
    expect(again.map((b) => b.spec.id)).toEqual(bundles.map((b) => b.spec.id));
    again.forEach((b, i) => {
      const first = bundles[i] as WindowsBundle;
      expect([...b.out.files.keys()]).toEqual([...first.out.files.keys()]);
      for (const [path, content] of b.out.files) {
        expect(
          asBuffer(content).equals(asBuffer(first.out.files.get(path) as string | Uint8Array)),
          `${b.spec.id}/${path}`,
        ).toBe(true);
      }
    });
  });

  it("writes scripts as UTF-8 with a BOM and CRLF line ends, and keeps Vietnamese intact", () => {
    for (const b of bundles) {
      const vietnamese = {
        "Apply-Baseline.ps1": "Trước khi đổi bất cứ gì",
        "Test-Baseline.ps1": "Không thay đổi gì trên máy",
        "Undo-Baseline.ps1": "Trả máy về trạng thái",
      };
      for (const [name, phrase] of Object.entries(vietnamese)) {
        const bytes = asBuffer(b.out.files.get(name) as string);
        expect([...bytes.subarray(0, 3)], `${b.spec.id}/${name}`).toEqual([0xef, 0xbb, 0xbf]);
        const text = bytes.toString("utf8");
        expect(text.replace(/\r\n/g, ""), `${b.spec.id}/${name}`).not.toMatch(/[\r\n]/);
        expect(text).toContain(phrase);
      }
      expect(asBuffer(b.out.files.get("Apply-Baseline.ps1") as string).toString("utf8")).toContain(
        `UnitName = '${b.spec.unit.name.replace(/'/g, "''")}'`,
      );
    }
  });

  it("README is Vietnamese first, then English, and lists every control with its plan requirements", () => {
    for (const b of bundles) {
      const readme = String(b.out.files.get("README.md"));
      const vi = readme.indexOf("## Tiếng Việt");
      const en = readme.indexOf("## English");
      expect(vi).toBeGreaterThan(0);
      expect(en).toBeGreaterThan(vi);
      for (const { control } of b.spec.controls) {
        const row = readme.split("\n").find((l) => l.startsWith(`| \`${control.id}\``));
        expect(row, `${b.spec.id} ${control.id}`).toBeDefined();
        for (const req of control.requirements) expect(row).toContain(req);
      }
      expect(readme).toContain("Import-GPO -BackupId '{");
    }
  });

  it("README (classified): every registered drive by both IDs; how to find both, and to remove the disk and its USB device", () => {
    const classified = bundles.filter((b) => b.spec.role === "classified");
    expect(classified.length).toBeGreaterThan(0);
    for (const b of bundles) {
      const readme = String(b.out.files.get("README.md"));
      if (b.spec.role !== "classified") {
        expect(readme, b.spec.id).not.toContain("pnputil");
        expect(readme, b.spec.id).not.toContain("Registered USB drives");
        continue;
      }
      const vi = readme.slice(readme.indexOf("## Tiếng Việt"), readme.indexOf("## English"));
      const en = readme.slice(readme.indexOf("## English"));
      const drives = [
        ...new Map(
          b.spec.groups
            .flatMap((g) => g.hosts.flatMap((h) => h.approvedUsb))
            .map((d) => [`${d.device}\n${d.disk}`, d] as const),
        ).values(),
      ];
      expect(drives.length, b.spec.id).toBeGreaterThan(0);
      expect(vi).toContain(
        `- USB đã đăng ký được phép (${drives.length}), mỗi ổ theo mã thiết bị USB và mã ổ đĩa:\n`,
      );
      expect(en).toContain(
        `- Registered USB drives allowed (${drives.length}), each by its USB device ID and its disk ID:\n`,
      );
      for (const d of drives) {
        expect(vi).toContain(`\n  - thiết bị USB ${md(d.device)}; ổ đĩa ${md(d.disk)}\n`);
        expect(en).toContain(`\n  - USB device ${md(d.device)}; disk ${md(d.disk)}\n`);
      }
      // Previously installed drives: the disk and the USB device it sits on, by hand or with pnputil.
      expect(vi).toContain(
        '- Sau khi áp dụng, gỡ mọi USB đã từng cắm vào máy, cả hai phần của mỗi ổ (bỏ sót một phần thì ổ chưa đăng ký vẫn dùng được): trong Device Manager chọn View > Show hidden devices, rồi Uninstall device ở ổ trong Disk drives và ở thiết bị USB chứa nó, USB Mass Storage Device trong Universal Serial Bus controllers. Trên Windows 10 2004 trở lên có thể dùng lệnh, trong cửa sổ Run as administrator, với mã lấy ở Properties > Details > Device instance path: `pnputil /remove-device "<mã>"`, trước hết cho mã ổ đĩa (`USBSTOR\\…`), rồi cho mã thiết bị USB (`USB\\VID_…`).\n',
      );
      expect(en).toContain(
        "- After applying, remove every USB drive ever plugged into this machine, both parts of each drive (leave one and an unregistered drive keeps working): in Device Manager choose View > Show hidden devices, then Uninstall device on the drive under Disk drives and on the USB device it sits on, USB Mass Storage Device under Universal Serial Bus controllers. On Windows 10 2004 or later a command does it, in a Run as administrator window, with the ID from Properties > Details > Device instance path: `pnputil /remove-device \"<ID>\"`, first with the disk's ID (`USBSTOR\\…`), then with the USB device's (`USB\\VID_…`).\n",
      );
      // Registering a drive: both IDs, where Device Manager shows each, and the inventory shape.
      expect(vi).toContain(
        "- Đăng ký một USB: cắm vào một máy Windows khác (máy này chặn cài thiết bị mới), mở Device Manager và chép hai mã ở Properties > Details > Device instance path: của USB Mass Storage Device trong Universal Serial Bus controllers (`USB\\VID_…&PID_…\\<số sê-ri>`) và của ổ trong Disk drives (`USBSTOR\\Disk&Ven_…\\<số sê-ri>&0`). Ghi cả hai vào kiểm kê, ở máy sẽ dùng ổ: `approvedUsb: [{ device: 'USB\\VID_…', disk: 'USBSTOR\\…' }]`, rồi tạo và áp dụng lại gói. Thiếu mã thiết bị USB thì Windows chặn cả ổ. Dùng USB có số sê-ri: mã dạng `…\\7&2a1b3c4d&0&1` (USB không có số sê-ri) đổi theo máy và cổng cắm.\n",
      );
      expect(en).toContain(
        "- To register a USB drive: plug it into another Windows machine (this one refuses new devices), open Device Manager and copy two IDs from Properties > Details > Device instance path: that of USB Mass Storage Device under Universal Serial Bus controllers (`USB\\VID_…&PID_…\\<serial>`) and that of the drive under Disk drives (`USBSTOR\\Disk&Ven_…\\<serial>&0`). Put both in the inventory, on the machine that will use the drive: `approvedUsb: [{ device: 'USB\\VID_…', disk: 'USBSTOR\\…' }]`, then generate and apply the bundle again. Without the USB device's ID Windows refuses the whole drive. Use drives with a serial number: an ID ending like `…\\7&2a1b3c4d&0&1` (no serial) changes with the machine and the port.\n",
      );
      // The old advice (uninstall under Disk drives only) left the USB device installed.
      expect(readme).not.toContain("Disk drives > Uninstall device");
    }
  });

  it("README: copying says the folder's contents go directly into C:\\attt, where every command looks", () => {
    for (const b of bundles) {
      const readme = String(b.out.files.get("README.md"));
      const folder = b.spec.id.split("/")[1] as string;
      expect(folder).toMatch(/^windows-/);
      expect(readme).not.toContain("Copy the whole bundle folder");
      expect(readme).toContain(
        `copy **the files and folders inside** the bundle folder \`${folder}\` into it (not the \`${folder}\` folder itself): you must have \`C:\\attt\\Apply-Baseline.ps1\` and \`C:\\attt\\gpo\\\`, not \`C:\\attt\\${folder}\\Apply-Baseline.ps1\``,
      );
      expect(readme).toContain(`chép **các tệp và thư mục bên trong** thư mục gói \`${folder}\``);
      // Every command the README gives runs a script or reads the GPO directly under C:\attt.
      for (const m of readme.matchAll(/C:\\attt\\([^\s`']+)/g)) {
        const rel = (m[1] as string).replace(/\\/g, "/");
        if (rel.startsWith("evidence-") || rel.startsWith(`${folder}/`)) continue;
        const top = rel.split("/")[0] as string;
        expect(
          [...b.out.files.keys()].some((p) => p === top || p.startsWith(`${top}/`)),
          `${b.spec.id}: ${rel}`,
        ).toBe(true);
      }
    }
  });
});
