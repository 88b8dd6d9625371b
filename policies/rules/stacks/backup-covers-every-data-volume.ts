import type { StacksInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";
import { resources, subjectOf, workloads } from "./read-stacks.js";

const REQS = ["HY-PROV-17", "QN-EDU-6", "HY-EDU-S17"];

/**
 * HY-PROV-17, QN-EDU-6, HY-EDU-S17: every data volume is backed up by a job to an
 * append-only server, directly or, for a database, through a dump volume that a dump job
 * writes and a backup job reads; an offline copy job and a restore drill exist.
 */
export default definePolicy<StacksInput>({
  id: "dc.backup.covers-every-data-volume",
  title: {
    vi: "Sao lưu mọi ổ dữ liệu, có bản sao ngoại tuyến",
    en: "Every data volume backed up, with an offline copy",
  },
  requirements: REQS,
  severity: "critical",
  input: "stacks",
  check: (input) => {
    const findings: Issue[] = [];
    const containers = workloads(input);
    const role = (r: string) => containers.filter((c) => c.labels.get("attt.role") === r);
    const mounted = (c: (typeof containers)[number]) =>
      ((c.body.mounts ?? []) as Array<{ source: string }>).map((m) => m.source);
    const writes = (c: (typeof containers)[number]) =>
      ((c.body.mounts ?? []) as Array<{ source: string; read_only?: boolean }>)
        .filter((m) => !m.read_only)
        .map((m) => m.source);
    const volumes = resources(input, "docker_volume");
    const dumped = new Set(role("db-dump").flatMap(writes));
    const backedUp = new Set(role("backup-job").flatMap(mounted));
    // A dump volume that a dump job writes and a backup job reads covers the volumes it names.
    for (const d of volumes) {
      const name = String(d.body.name);
      if (!dumped.has(name) || !backedUp.has(name)) continue;
      for (const covered of (d.labels.get("attt.volume.dump-of") ?? "").split(",")) backedUp.add(covered);
    }
    const dataVolumes = volumes.filter((v) => v.labels.get("attt.volume.data") === "true");
    for (const v of dataVolumes) {
      if (backedUp.has(String(v.body.name))) continue;
      const service = v.labels.get("attt.service") ?? "?";
      findings.push({
        subject: subjectOf(v, "volume"),
        message: `data volume of service ${service} is not mounted by any backup job, nor dumped to a volume one backs up`,
        fix: "Mark the volume data: true in the inventory so the backup stack adds its job",
        vi: {
          message: `ổ dữ liệu của dịch vụ ${service} không được tác vụ sao lưu nào gắn vào, cũng không được dump sang một ổ đang được sao lưu`,
          fix: "Đánh dấu data: true cho ổ dữ liệu trong danh mục để stack sao lưu thêm tác vụ cho nó",
        },
      });
    }
    const servers = role("backup-server");
    if (servers.length === 0)
      findings.push({
        subject: "backup stack",
        message: "no backup server",
        fix: "Synthesize the backup stack",
        vi: { message: "không có máy chủ sao lưu", fix: "Tạo (synth) stack sao lưu" },
      });
    for (const s of servers) {
      if (!((s.body.command ?? []) as string[]).includes("--append-only")) {
        findings.push({
          subject: subjectOf(s),
          message: "the backup server does not run --append-only: a compromised client could delete backups",
          fix: "Run rest-server with --append-only",
          vi: {
            message:
              "máy chủ sao lưu không chạy với --append-only: một máy khách bị chiếm quyền có thể xóa các bản sao lưu",
            fix: "Chạy rest-server với --append-only",
          },
        });
      }
    }
    if (role("backup-offline-copy").length === 0)
      findings.push({
        subject: "backup stack",
        message: "no offline copy job",
        fix: "Set datacentre.backup.offline",
        vi: { message: "không có tác vụ tạo bản sao ngoại tuyến", fix: "Khai báo datacentre.backup.offline" },
      });
    if (role("restore-drill").length === 0)
      findings.push({
        subject: "backup stack",
        message: "no restore drill",
        fix: "Set datacentre.backup.restoreDrill",
        vi: { message: "không có diễn tập khôi phục", fix: "Khai báo datacentre.backup.restoreDrill" },
      });
    const ok = dataVolumes.map((v) => backedUp.has(String(v.body.name)));
    return { findings, measures: REQS.slice(0, 2).map((r) => share(r, ok)) };
  },
});
