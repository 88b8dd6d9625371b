/**
 * Which audit counts for which machine of the inventory.
 *
 * - One machine is one machine ID (Windows MachineGuid, Linux /etc/machine-id) within a
 *   unit: of its audits, the latest inside the reporting period counts; earlier ones are
 *   superseded (audited before and after a fix counts once, as after).
 * - Evidence dated after asOf is never counted; a machine whose latest audit is older
 *   than the period is stale. Both are findings.
 * - A record meets the inventory by unit and host name, case-insensitive, in full or in
 *   the 15-character NetBIOS form Windows cuts names to; a NetBIOS form several named
 *   machines share matches none of them.
 * - Two machines reporting one named host: the latest audit counts, the others are a
 *   finding. Machines the inventory does not name fill the bundle's unnamed machines (its
 *   count beyond the named hosts); beyond those they are unknown machines, a finding,
 *   never counted: a school never shows more machines than it has.
 * Nothing here aborts: every oddity is a finding of the unit it belongs to.
 */
import type { BundleSpec } from "../../baselines/bundle-spec.js";
import { type AuditSummary, normalMachineId } from "../../model/evidence.js";
import { hostKey, NETBIOS_LENGTH, netbiosKey } from "../../model/machine-names.js";
import type { Issue } from "../policy.js";
import { type ReportingPeriod, timingOf } from "./reporting-period.js";

export interface EvidenceRecord {
  file: string;
  evidence: AuditSummary;
}

/** A record counted for one machine of a bundle: a named host, or one of its unnamed machines. */
export interface Counted {
  spec: BundleSpec;
  record: EvidenceRecord;
}

export interface Matched {
  counted: Counted[];
  /** Per bundle ID: named hosts that sent nothing current, and unnamed machines not accounted for. */
  missing: Map<string, { named: string[]; unnamed: number }>;
  /** Per bundle ID: what is wrong with who reported (requirements are the caller's). */
  findings: Array<{ spec: BundleSpec; issue: Issue }>;
}

export function matchMachines(
  specs: BundleSpec[],
  records: EvidenceRecord[],
  period: ReportingPeriod,
): Matched {
  const specById = new Map(specs.map((s) => [s.id, s]));
  const findings: Matched["findings"] = [];
  const note = (spec: BundleSpec, issue: Omit<Issue, "unit">) =>
    findings.push({ spec, issue: { ...issue, unit: spec.unit.id } });

  // 1. One record per machine: its latest current audit; future and stale ones are findings.
  const byMachine = new Map<string, EvidenceRecord[]>();
  for (const r of records) {
    const key = `${r.evidence.unit}\u0000${normalMachineId(r.evidence.machineId)}`;
    pushTo(byMachine, key, r);
  }
  const latest: EvidenceRecord[] = [];
  for (const key of [...byMachine.keys()].sort()) {
    const audits = (byMachine.get(key) ?? []).sort(newestFirst);
    // Each audit's timing once (it was worked out three times).
    const timing = audits.map((r) => timingOf(r.evidence.collectedAt, period));
    const current = audits.filter((_, i) => timing[i] === "current");
    for (const r of audits.filter((_, i) => timing[i] === "future")) {
      const spec = specById.get(r.evidence.bundle.id);
      if (spec) note(spec, futureIssue(r, period));
    }
    if (current[0]) latest.push(current[0]);
    else {
      const stale = audits.find((_, i) => timing[i] === "stale");
      const spec = stale && specById.get(stale.evidence.bundle.id);
      if (stale && spec) note(spec, staleIssue(stale, period));
    }
  }

  // 2. Per bundle: named hosts first (full name, then an unambiguous NetBIOS form), then unnamed machines.
  const bySpec = new Map<string, EvidenceRecord[]>();
  for (const r of latest) pushTo(bySpec, r.evidence.bundle.id, r);
  const namedInUnit = new Map<string, BundleSpec>();
  for (const s of specs)
    for (const g of s.groups) for (const h of g.hosts) namedInUnit.set(`${s.unit.id} ${hostKey(h.name)}`, s);

  const counted: Counted[] = [];
  const missing: Matched["missing"] = new Map();
  for (const spec of specs) {
    const hosts = [...new Set(spec.groups.flatMap((g) => g.hosts.map((h) => hostKey(h.name))))].sort();
    const named = new Set(hosts);
    const byNetbios = new Map<string, string[]>();
    for (const h of hosts) pushTo(byNetbios, netbiosKey(h), h);
    const claims = new Map<string, EvidenceRecord[]>();
    const unnamed: EvidenceRecord[] = [];
    const ambiguous = new Map<string, EvidenceRecord[]>();
    for (const r of bySpec.get(spec.id) ?? []) {
      const host = hostKey(r.evidence.machine);
      const short = netbiosKey(r.evidence.netbios ?? r.evidence.machine);
      const sharing = host.length <= NETBIOS_LENGTH ? (byNetbios.get(short) ?? []) : [];
      let claimed: string | undefined;
      if (named.has(host)) claimed = host;
      else if (sharing.length === 1) claimed = sharing[0];
      else if (sharing.length > 1) {
        pushTo(ambiguous, short, r);
        continue;
      }
      if (claimed) pushTo(claims, claimed, r);
      else unnamed.push(r);
    }
    for (const [short, rs] of ambiguous)
      note(spec, ambiguousIssue(spec, short, rs, byNetbios.get(short) ?? []));
    for (const host of [...claims.keys()].sort()) {
      const [winner, ...others] = (claims.get(host) ?? []).sort(newestFirst);
      if (!winner) continue;
      counted.push({ spec, record: winner });
      if (others.length) note(spec, duplicateIssue(host, winner, others));
    }
    const expected = spec.groups.reduce((n, g) => n + g.count, 0);
    const capacity = Math.max(0, expected - named.size);
    sortByName(unnamed);
    for (const r of unnamed.slice(0, capacity)) counted.push({ spec, record: r });
    for (const r of unnamed.slice(capacity))
      note(
        spec,
        unknownIssue(spec, r, capacity, namedInUnit.get(`${spec.unit.id} ${hostKey(r.evidence.machine)}`)),
      );
    missing.set(spec.id, {
      named: hosts.filter((h) => !claims.has(h)),
      unnamed: Math.max(0, capacity - unnamed.length),
    });
  }
  return { counted, missing, findings };
}

/** One collator for every comparison: what localeCompare does, without building one per call. */
const compare = new Intl.Collator().compare;

/** By host name, then machine ID (each normalised once, not at every comparison). */
function sortByName(records: EvidenceRecord[]): void {
  const keys = new Map(
    records.map((r) => [r, { host: hostKey(r.evidence.machine), id: normalMachineId(r.evidence.machineId) }]),
  );
  records.sort((a, b) => {
    const x = keys.get(a) as { host: string; id: string };
    const y = keys.get(b) as { host: string; id: string };
    return compare(x.host, y.host) || compare(x.id, y.id);
  });
}

/** Appends in place: copying the list at every record made grouping quadratic in a group's size. */
function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Latest collectedAt first; ties broken by file so the choice never depends on reading order. */
function newestFirst(a: EvidenceRecord, b: EvidenceRecord): number {
  return (
    Date.parse(b.evidence.collectedAt) - Date.parse(a.evidence.collectedAt) || a.file.localeCompare(b.file)
  );
}

const idOf = (r: EvidenceRecord) => r.evidence.machineId;

function futureIssue(r: EvidenceRecord, p: ReportingPeriod): Omit<Issue, "unit"> {
  const e = r.evidence;
  return {
    subject: `machine ${e.machine}`,
    message: `${e.machine} sent evidence dated ${e.collectedAt}, after ${p.to}: not counted`,
    fix: "Correct the machine's clock (time synchronisation), then audit it again",
    vi: {
      message: `${e.machine} gửi minh chứng đề ngày ${e.collectedAt}, sau ngày ${p.to}: không được tính`,
      fix: "Chỉnh đồng hồ của máy (đồng bộ thời gian), rồi kiểm tra lại",
    },
    location: r.file,
  };
}

function staleIssue(r: EvidenceRecord, p: ReportingPeriod): Omit<Issue, "unit"> {
  const e = r.evidence;
  return {
    subject: `machine ${e.machine}`,
    message: `${e.machine}'s latest evidence (${e.collectedAt}) is older than the reporting period ${p.from} to ${p.to}: not counted`,
    fix: "Audit the machine again and send its evidence",
    vi: {
      message: `Minh chứng mới nhất của ${e.machine} (${e.collectedAt}) cũ hơn kỳ báo cáo ${p.from} đến ${p.to}: không được tính`,
      fix: "Kiểm tra lại máy và gửi minh chứng mới",
    },
    location: r.file,
  };
}

function duplicateIssue(host: string, winner: EvidenceRecord, others: EvidenceRecord[]): Omit<Issue, "unit"> {
  const ids = [winner, ...others].map(idOf).join(", ");
  const n = others.length + 1;
  return {
    subject: `machine ${host}`,
    message: `${n} different machines report as ${host} (machine IDs ${ids}): only the latest audit (${idOf(winner)}) counts`,
    fix: "Give every machine its own name, the inventory's, then audit them again",
    vi: {
      message: `${n} máy khác nhau cùng báo tên ${host} (mã máy ${ids}): chỉ lần kiểm tra mới nhất (${idOf(winner)}) được tính`,
      fix: "Đặt cho mỗi máy một tên riêng, đúng như trong kiểm kê, rồi kiểm tra lại",
    },
    location: winner.file,
  };
}

function ambiguousIssue(
  spec: BundleSpec,
  short: string,
  rs: EvidenceRecord[],
  hosts: string[],
): Omit<Issue, "unit"> {
  const nb = short.toUpperCase();
  const list = hosts.join(", ");
  return {
    subject: `bundle ${spec.id}`,
    message: `${rs.length} record(s) name only ${nb}, the 15-character NetBIOS form shared by ${list}: not counted`,
    fix: "Audit with the current Test-Baseline.ps1 (it reports the full DNS name), or rename the machines so their first 15 characters differ (attt validate lists them)",
    vi: {
      message: `${rs.length} bản ghi chỉ ghi tên ${nb}, dạng NetBIOS 15 ký tự chung của ${list}: không được tính`,
      fix: "Kiểm tra bằng Test-Baseline.ps1 hiện hành (ghi tên DNS đầy đủ), hoặc đổi tên máy để 15 ký tự đầu khác nhau (attt validate liệt kê các máy này)",
    },
    location: rs[0]?.file,
  };
}

function unknownIssue(
  spec: BundleSpec,
  r: EvidenceRecord,
  capacity: number,
  listedUnder: BundleSpec | undefined,
): Omit<Issue, "unit"> {
  const e = r.evidence;
  const why =
    listedUnder && listedUnder.id !== spec.id
      ? {
          en: `the inventory lists it under ${listedUnder.id}, but it was audited with ${spec.id}`,
          vi: `kiểm kê ghi máy này thuộc ${listedUnder.id}, nhưng máy được kiểm tra theo gói ${spec.id}`,
        }
      : {
          en: `it is not in the inventory of ${spec.unit.name}, whose ${capacity} unnamed ${spec.role} machine(s) are already counted`,
          vi: `máy không có trong kiểm kê của ${spec.unit.name}, và ${capacity} máy ${spec.role} không ghi tên đã được tính đủ`,
        };
  return {
    subject: `machine ${e.machine}`,
    message: `${e.machine} (machine ID ${e.machineId}) is not counted: ${why.en}`,
    fix: "Add the machine to the inventory (units[].machines[].hosts) with its own name, or audit it with its own bundle",
    vi: {
      message: `${e.machine} (mã máy ${e.machineId}) không được tính: ${why.vi}`,
      fix: "Thêm máy vào kiểm kê (units[].machines[].hosts) với tên riêng của máy, hoặc kiểm tra máy theo đúng gói của nó",
    },
    location: r.file,
  };
}
