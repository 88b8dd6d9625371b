/**
 * A synthetic province at the scale of the plans: 2,000 schools (one file each),
 * written as YAML the way a province would keep it, for benchmarks and scale tests.
 * Deterministic: a seeded generator, so every run writes the same bytes.
 *
 *   npx tsx bench/synthetic-province.ts OUT_DIR [SCHOOLS]
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { packageRoot } from "../model/package-root.js";
import { prng } from "./prng.js";

const TYPES = ["preschool", "primary", "lower-secondary", "upper-secondary", "continuing-education"] as const;
const PREFIX: Record<(typeof TYPES)[number], string> = {
  preschool: "Trường Mầm non",
  primary: "Trường Tiểu học",
  "lower-secondary": "Trường THCS",
  "upper-secondary": "Trường THPT",
  "continuing-education": "Trung tâm GDTX",
};
const NAMES = [
  "Lê Lợi",
  "Nguyễn Trãi",
  "Trần Hưng Đạo",
  "Hoa Sen",
  "Quang Trung",
  "Chu Văn An",
  "Phạm Ngũ Lão",
  "Hồng Bàng",
  "Lý Thường Kiệt",
  "Đoàn Thị Điểm",
];
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"];
const GIVEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Hương", "Khánh", "Lan", "Minh", "Ngọc", "Phúc", "Thảo"];

export interface SyntheticOptions {
  schools: number;
  /** Named hosts per lab (evidence benchmarks need names). */
  namedHosts: boolean;
  seed?: number;
}

/** Writes the province into `out` (the demo's data centre, Department, systems and vendors, plus `schools` unit files). */
export function writeSyntheticProvince(
  out: string,
  o: SyntheticOptions,
): { files: number; machines: number } {
  const rand = prng(o.seed ?? 2026);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const demo = join(packageRoot, "examples", "demo-province");
  mkdirSync(join(out, "units"), { recursive: true });
  // The shared parts (province, Department, data centre) are the demo's own; so are the
  // systems and vendors, less those that belong to the demo's schools.
  for (const f of ["province.yaml", "datacentre.yaml"])
    writeFileSync(join(out, f), readFileSync(join(demo, f)));
  const own = new Set(
    (parse(readFileSync(join(demo, "province.yaml"), "utf8")) as { units: Array<{ id: string }> }).units.map(
      (u) => u.id,
    ),
  );
  const systems = (
    parse(readFileSync(join(demo, "systems.yaml"), "utf8")) as {
      systems: Array<{ id: string; owner: string }>;
    }
  ).systems.filter((x) => own.has(x.owner));
  const kept = new Set(systems.map((x) => x.id));
  const vendors = (
    parse(readFileSync(join(demo, "vendors.yaml"), "utf8")) as { vendors: Array<{ systems?: string[] }> }
  ).vendors.map((v) => ({
    ...v,
    systems: (v.systems ?? []).filter((x) => kept.has(x)),
  }));
  writeFileSync(join(out, "systems.yaml"), stringify({ systems }));
  writeFileSync(join(out, "vendors.yaml"), stringify({ vendors }));
  let machines = 0;
  const budgets = [];
  for (let i = 1; i <= o.schools; i++) {
    const type = pick(TYPES);
    const id = `sch-${String(i).padStart(4, "0")}`;
    const staff = [];
    const people = 3 + Math.floor(rand() * 4);
    for (let p = 1; p <= people; p++) {
      const name = `${pick(FAMILY)} ${pick(["Văn", "Thị", "Đức", "Minh"])} ${pick(GIVEN)}`;
      const leaver = rand() < 0.05;
      staff.push({
        id: `${id}-p${p}`,
        name,
        unit: id,
        status: leaver ? pick(["retired", "resigned", "transferred"] as const) : "active",
        ...(leaver ? { since: "2026-06-30" } : {}),
        accounts: [
          { system: "csdl-nganh", username: `${id}.p${p}`, enabled: !leaver },
          { system: "windows-local", username: `gv${p}`, enabled: !leaver },
        ],
      });
    }
    const group = (role: string, os: string, count: number) => {
      machines += count;
      return {
        role,
        os,
        count,
        ...(o.namedHosts
          ? {
              hosts: Array.from({ length: count }, (_, h) => ({
                name: `${id}-${role}-${String(h + 1).padStart(2, "0")}`,
              })),
            }
          : {}),
      };
    };
    const unit = {
      id,
      name: `${PREFIX[type]} ${pick(NAMES)} số ${i}`,
      type,
      // 104 communes and wards, as Hưng Yên has after the 2025 merger (not drawn: the rest stays as it was).
      commune: i % 104 < 30 ? `Phường ${(i % 104) + 1}` : `Xã ${(i % 104) + 1}`,
      parent: "so-gddt-hung-yen",
      level: 2,
      securityOfficer: `${id}-p1`,
      sectorDbAdmin: `${id}-p2`,
      machines: [
        group("office", pick(["windows-10", "windows-11"]), 2 + Math.floor(rand() * 6)),
        group("teacher", "windows-11", 5 + Math.floor(rand() * 20)),
        group(
          "lab",
          pick(["windows-10", "windows-11", "ubuntu-22.04", "ubuntu-24.04"]),
          15 + Math.floor(rand() * 30),
        ),
      ],
    };
    writeFileSync(join(out, "units", `${id}.yaml`), stringify({ units: [unit], staff }));
    const it = 100_000_000 + Math.floor(rand() * 900) * 1_000_000;
    budgets.push({ unit: id, year: 2026, itTotal: it, security: Math.floor(it * (0.08 + rand() * 0.1)) });
  }
  writeFileSync(join(out, "budgets.yaml"), stringify({ budgets }));
  return { files: o.schools + 5, machines };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2];
  if (!out) {
    process.stderr.write("usage: tsx bench/synthetic-province.ts OUT_DIR [SCHOOLS]\n");
    process.exit(2);
  }
  const r = writeSyntheticProvince(out, { schools: Number(process.argv[3] ?? 2000), namedHosts: false });
  process.stdout.write(`wrote ${r.files} files, ${r.machines} machines to ${out}\n`);
}
