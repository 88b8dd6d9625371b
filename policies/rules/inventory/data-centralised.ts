import type { InventoryInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";

const REQS = ["HY-EDU-T2", "HY-EDU-S03", "HY-PROV-16"];

/**
 * HY-EDU-T2, HY-EDU-S03, HY-PROV-16: shared and sector data lives in the provincial data
 * centre (or a compliant cloud), never on a school's own server. The population: the
 * systems holding shared data, and the units' own servers (role server) that hold shared
 * data, each of which is a copy kept off the data centre.
 */
export default definePolicy<InventoryInput>({
  id: "inv.data.centralised",
  title: {
    vi: "Dữ liệu dùng chung được lưu trữ tập trung",
    en: "Shared data stored centrally, not on school servers",
  },
  requirements: REQS,
  severity: "high",
  input: "inventory",
  check: ({ inventory, where }) => {
    const findings: Issue[] = [];
    const shared = inventory.systems.filter((s) => s.sharedData);
    // A compliant cloud is one a vendor of the inventory supplies for this system (its contract).
    const cloudOk = (sys: (typeof shared)[number]) =>
      sys.vendor !== undefined &&
      inventory.vendors.some((v) => v.id === sys.vendor && v.systems.includes(sys.id));
    const centralised = (sys: (typeof shared)[number]) =>
      sys.hosting === "provincial-dc" || (sys.hosting === "cloud" && cloudOk(sys));
    for (const sys of shared) {
      if (sys.hosting === "cloud" && !cloudOk(sys)) {
        findings.push({
          subject: `system ${sys.id}`,
          unit: sys.owner,
          message: `${sys.name} holds shared data in a cloud no vendor of the inventory supplies for it (vendor: ${sys.vendor ?? "none"})`,
          fix: "Name the cloud's provider as the system's vendor, and list the system among that vendor's systems in vendors.yaml (its contract)",
          vi: {
            message: `${sys.name} lưu dữ liệu dùng chung trên hạ tầng đám mây không có nhà cung cấp nào trong danh mục cung cấp cho hệ thống (vendor: ${sys.vendor ?? "không có"})`,
            fix: "Ghi nhà cung cấp hạ tầng đám mây làm vendor của hệ thống, và liệt kê hệ thống trong systems của nhà cung cấp đó ở vendors.yaml (theo hợp đồng)",
          },
          location: where(sys, sys.vendor ? ["vendor"] : ["hosting"]),
        });
        continue;
      }
      if (sys.hosting !== "unit-server") continue;
      findings.push({
        subject: `system ${sys.id}`,
        unit: sys.hostedBy ?? sys.owner,
        message: `${sys.name} holds shared data on the own server of unit ${sys.hostedBy}`,
        fix: "Move the data to the provincial data centre (add a data-centre service for it) and retire the school's server",
        vi: {
          message: `${sys.name} lưu dữ liệu dùng chung trên máy chủ riêng của đơn vị ${sys.hostedBy}`,
          fix: "Chuyển dữ liệu về Trung tâm dữ liệu tỉnh (thêm một dịch vụ của trung tâm dữ liệu cho hệ thống) và ngừng dùng máy chủ của trường",
        },
        location: where(sys, ["hosting"]),
      });
    }
    // A server already counted through the shared system it hosts (hostedBy) is not counted twice.
    const hosting = new Set(shared.filter((s) => s.hosting === "unit-server").map((s) => s.hostedBy));
    const servers = inventory.units
      .filter((unit) => !hosting.has(unit.id))
      .flatMap((unit) =>
        unit.machines.flatMap((group, g) =>
          group.role === "server" && group.sharedData ? [{ unit, group, g }] : [],
        ),
      );
    for (const { unit, group, g } of servers) {
      findings.push({
        subject: `unit ${unit.id}`,
        unit: unit.id,
        message: `${unit.name} keeps shared data on ${group.count} own server(s) (role server, sharedData: true)`,
        fix: "Move the data to the provincial data centre and retire the server, or set sharedData: false once it holds none",
        vi: {
          message: `${unit.name} lưu dữ liệu dùng chung trên ${group.count} máy chủ riêng của đơn vị (role server, sharedData: true)`,
          fix: "Chuyển dữ liệu về Trung tâm dữ liệu tỉnh và ngừng dùng máy chủ, hoặc đặt sharedData: false khi máy chủ không còn lưu dữ liệu dùng chung",
        },
        location: where(unit, ["machines", g, "sharedData"]),
      });
    }
    const ok = [...shared.map(centralised), ...servers.map(() => false)];
    return { findings, measures: REQS.map((r) => share(r, ok)) };
  },
});
