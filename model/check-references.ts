/**
 * Checks that only make sense on the whole, merged province: IDs that must be
 * unique, references that must resolve, dates that must be possible.
 */

import { checkSwarm } from "./check-swarm.js";
import { type Inventory, LOCAL_ACCOUNT_SYSTEMS } from "./inventory.js";
import type { Origins } from "./origins.js";
import type { Problem } from "./problems.js";

export function checkReferences(inv: Inventory, origins: Origins, problems: Problem[]): void {
  const push = (entity: object, field: PropertyKey[], expected: string, found: string) =>
    problems.push(origins.problem(entity, field, expected, found));

  /** Builds an ID index, reporting duplicates at the second occurrence. */
  const index = <T extends { id: string }>(what: string, items: T[]): Map<string, T> => {
    const map = new Map<string, T>();
    for (const item of items) {
      const first = map.get(item.id);
      if (first) {
        push(
          item,
          ["id"],
          `a ${what} ID used once`,
          `"${item.id}" again (first at ${origins.where(first).file}:${origins.where(first).line})`,
        );
      } else map.set(item.id, item);
    }
    return map;
  };

  const units = index("unit", inv.units);
  const systems = index("system", inv.systems);
  const people = index("person", inv.staff);
  const vendors = index("vendor", inv.vendors);
  const dc = inv.datacentre;
  const zones = index("zone", dc.zones);
  const services = index("service", dc.services);
  index("Docker host", dc.hosts);

  const ref = (
    entity: object,
    field: PropertyKey[],
    what: string,
    map: Map<string, unknown>,
    id: string | undefined,
  ) => {
    if (id !== undefined && !map.has(id))
      push(entity, field, `the ID of a ${what} in the inventory`, `unknown ${what} "${id}"`);
  };
  const asOf = inv.province.asOf;
  const notFuture = (entity: object, field: PropertyKey[], date: string | null | undefined) => {
    if (date && date > asOf)
      push(entity, field, `a date on or before the inventory's asOf (${asOf})`, `"${date}", in the future`);
  };

  // Province and data centre
  const dept = units.get(inv.province.department);
  if (!dept) ref(inv.province, ["department"], "unit", units, inv.province.department);
  else if (dept.type !== "department")
    push(inv.province, ["department"], "a unit of type department", `"${dept.id}" of type ${dept.type}`);
  ref(dc, ["owner"], "unit", units, dc.owner);
  checkSwarm(dc, origins, problems);

  // Units
  const hostnames = new Map<string, object>();
  for (const unit of inv.units) {
    ref(unit, ["parent"], "unit", units, unit.parent);
    if (unit.parent === unit.id) push(unit, ["parent"], "another unit", "the unit itself");
    ref(unit, ["securityOfficer"], "person", people, unit.securityOfficer);
    ref(unit, ["sectorDbAdmin"], "person", people, unit.sectorDbAdmin);
    unit.machines.forEach((group, g) => {
      if (group.role === "server" && group.sharedData === undefined)
        push(
          unit,
          ["machines", g],
          "sharedData: true or false (whether the server holds shared or sector data) for a server",
          "nothing",
        );
      if (group.role !== "server" && group.sharedData !== undefined)
        push(
          unit,
          ["machines", g, "sharedData"],
          "sharedData only on a server (role: server)",
          `role ${group.role}`,
        );
      if (group.role === "classified" && group.count > 0 && unit.noClassifiedMachines)
        push(
          unit,
          ["noClassifiedMachines"],
          "no noClassifiedMachines: true on a unit that lists classified machines",
          `${group.count} classified machines`,
        );
      if (group.hosts.length > group.count) {
        push(
          unit,
          ["machines", g, "hosts"],
          `at most count (${group.count}) named hosts`,
          `${group.hosts.length}`,
        );
      }
      group.hosts.forEach((host, h) => {
        const key = host.name.toLowerCase();
        if (hostnames.has(key))
          push(
            unit,
            ["machines", g, "hosts", h, "name"],
            "a hostname used once in the province",
            `"${host.name}" again`,
          );
        else hostnames.set(key, unit);
        if (host.approvedUsb.length > 0 && group.role !== "classified") {
          push(
            unit,
            ["machines", g, "hosts", h, "approvedUsb"],
            "approved USB devices only on classified machines",
            `role ${group.role}`,
          );
        }
        host.approvedUsb.forEach((drive, d) => {
          const serial = usbSerial(drive.device);
          const instance = drive.disk.slice(drive.disk.lastIndexOf("\\") + 1);
          if (
            serial !== null &&
            drive.disk.startsWith("USBSTOR\\") &&
            !instance.toUpperCase().startsWith(`${serial.toUpperCase()}&`)
          ) {
            push(
              unit,
              ["machines", g, "hosts", h, "approvedUsb", d, "disk"],
              `the disk of the same drive as device, whose USBSTOR ID ends with the device's serial: \\${serial}&0`,
              `"${drive.disk}"`,
            );
          }
        });
      });
    });
  }
  // Parent chains must end (no cycles).
  for (const unit of inv.units) {
    const seen = new Set<string>();
    let cur: string | undefined = unit.id;
    while (cur && units.has(cur)) {
      if (seen.has(cur)) {
        push(unit, ["parent"], "a chain of parents that ends at the Department", "a cycle");
        break;
      }
      seen.add(cur);
      cur = units.get(cur)?.parent;
    }
  }

  // Information systems
  for (const sys of inv.systems) {
    ref(sys, ["owner"], "unit", units, sys.owner);
    ref(sys, ["hostedBy"], "unit", units, sys.hostedBy);
    ref(sys, ["service"], "data-centre service", services, sys.service);
    ref(sys, ["vendor"], "vendor", vendors, sys.vendor);
    ref(sys, ["protection", "onSiteStaff"], "person", people, sys.protection.onSiteStaff);
    if (sys.hosting === "unit-server" && !sys.hostedBy)
      push(sys, ["hostedBy"], "the unit whose server hosts it (hosting: unit-server)", "nothing");
    if (sys.hosting !== "unit-server" && sys.hostedBy)
      push(sys, ["hostedBy"], "no hostedBy unless hosting is unit-server", `hosting ${sys.hosting}`);
    if (sys.hosting === "provincial-dc" && !sys.service)
      push(sys, ["service"], "the data-centre service that runs it (hosting: provincial-dc)", "nothing");
    notFuture(sys, ["levelApprovedOn"], sys.levelApprovedOn);
    notFuture(sys, ["lastAssessmentOn"], sys.lastAssessmentOn);
    sys.reviews.forEach((r, i) => {
      notFuture(sys, ["reviews", i, "on"], r.on);
      notFuture(sys, ["reviews", i, "fixedOn"], r.fixedOn);
      if (r.fixedOn && r.fixedOn < r.on)
        push(sys, ["reviews", i, "fixedOn"], `a date on or after the review (${r.on})`, `"${r.fixedOn}"`);
    });
  }

  // Staff
  for (const person of inv.staff) {
    ref(person, ["unit"], "unit", units, person.unit);
    if (person.status !== "active" && !person.since) {
      push(person, ["since"], `the date the person ${person.status}`, "nothing");
    }
    notFuture(person, ["since"], person.since);
    person.accounts.forEach((acc, a) => {
      if (!(LOCAL_ACCOUNT_SYSTEMS as readonly string[]).includes(acc.system) && !systems.has(acc.system)) {
        push(
          person,
          ["accounts", a, "system"],
          `an information system ID or one of ${LOCAL_ACCOUNT_SYSTEMS.join(", ")}`,
          `unknown system "${acc.system}"`,
        );
      }
    });
  }

  // Trainings: every attendee is a person of the staff list, listed once
  index("training", inv.trainings);
  for (const t of inv.trainings) {
    notFuture(t, ["date"], t.date);
    ref(t, ["unit"], "unit", units, t.unit);
    if (t.students > 0 && !t.unit)
      push(t, ["unit"], "the school whose students attended (students > 0)", "nothing");
    const seen = new Set<string>();
    t.attendees.forEach((a, i) => {
      ref(t, ["attendees", i], "person", people, a);
      if (seen.has(a)) push(t, ["attendees", i], "each attendee listed once", `"${a}" again`);
      seen.add(a);
    });
  }

  // Incidents: reported after they were found, and not in the future
  index("incident", inv.incidents);
  const moment = (s: string) => Date.parse(s);
  // asOf is a calendar day in Vietnam (UTC+7): a moment is in the future after its end there.
  const asOfEnd = Date.parse(`${asOf}T23:59:59+07:00`);
  for (const inc of inv.incidents) {
    ref(inc, ["unit"], "unit", units, inc.unit);
    ref(inc, ["system"], "system", systems, inc.system);
    for (const field of ["detectedAt", "reportedToPolice", "reportedToDepartment"] as const) {
      const at = inc[field];
      if (at && moment(at) > asOfEnd)
        push(inc, [field], `a moment on or before the inventory's asOf (${asOf})`, `"${at}", in the future`);
      if (at && field !== "detectedAt" && moment(at) < moment(inc.detectedAt))
        push(inc, [field], `a moment after the incident was detected (${inc.detectedAt})`, `"${at}"`);
    }
  }

  // Budgets
  const budgetKeys = new Set<string>();
  for (const b of inv.budgets) {
    ref(b, ["unit"], "unit", units, b.unit);
    const key = `${b.unit}/${b.year}`;
    if (budgetKeys.has(key))
      push(b, ["year"], "one budget per unit and year", `a second budget for ${b.unit} in ${b.year}`);
    budgetKeys.add(key);
    if (b.security > b.itTotal) push(b, ["security"], `at most itTotal (${b.itTotal})`, String(b.security));
  }

  // Vendors
  for (const v of inv.vendors) {
    v.systems.forEach((s, i) => {
      ref(v, ["systems", i], "system", systems, s);
    });
  }

  // Data-centre zones, flows and services
  const zoneOrInternet = new Map<string, unknown>([...zones, ["internet", true]]);
  dc.flows.forEach((f, i) => {
    ref(dc, ["flows", i, "from"], "zone (or internet)", zoneOrInternet, f.from);
    ref(dc, ["flows", i, "to"], "zone (or internet)", zoneOrInternet, f.to);
    if (f.from === f.to) push(dc, ["flows", i, "to"], "a zone other than from", `"${f.to}"`);
    if (f.service) {
      const svc = services.get(f.service);
      if (!svc) ref(dc, ["flows", i, "service"], "data-centre service", services, f.service);
      else if (svc.zone !== f.to)
        push(dc, ["flows", i, "service"], `a service in zone "${f.to}"`, `"${svc.id}" in zone "${svc.zone}"`);
    }
  });
  dc.services.forEach((svc, i) => {
    ref(dc, ["services", i, "zone"], "zone", zones, svc.zone);
    ref(dc, ["services", i, "system"], "system", systems, svc.system);
    const ids = new Set<string>();
    svc.volumes.forEach((v, j) => {
      if (ids.has(v.id))
        push(dc, ["services", i, "volumes", j, "id"], "a volume ID used once per service", `"${v.id}" again`);
      ids.add(v.id);
    });
  });
  if (!dc.zones.some((z) => z.kind === "backup"))
    push(dc, ["zones"], "a zone of kind backup (the isolated backup zone)", "none");
  if (!dc.zones.some((z) => z.kind === "monitoring" || z.kind === "management")) {
    push(dc, ["zones"], "a zone of kind monitoring or management", "none");
  }
}

/**
 * The serial number in a USB device's instance ID (USB\VID_0951&PID_1666\<serial>), or
 * null when Windows made the instance up because the device reports no serial
 * (5&1a2b3c4d&0&2: an `&` in it). usbstor names the disk below a device with a serial
 * `<serial>&<LUN>`, so a drive whose disk ID does not start with it pairs the USB
 * device of one drive with the disk of another, and one of them would stay refused.
 */
export function usbSerial(device: string): string | null {
  const instance = device.slice(device.lastIndexOf("\\") + 1);
  return instance === "" || instance.includes("&") ? null : instance;
}
