/** Docker engine hardening: /etc/docker/daemon.json. */
import { defineVendorTemplate } from "../define.js";
import { DockerDaemonValues, version } from "./schema.js";

/** Docker's own shape for one default ulimit. */
const ulimit = (name: string, limit: { soft: number; hard: number }) => ({
  Name: name,
  Soft: limit.soft,
  Hard: limit.hard,
});

export const dockerDaemon = defineVendorTemplate({
  name: "docker-daemon",
  description: {
    vi: "Docker: chặn liên lạc giữa các container, no-new-privileges, live-restore, xoay vòng nhật ký, userns-remap",
    en: "Docker daemon.json: no inter-container traffic, no-new-privileges, live-restore, rotated logs, userns-remap",
  },
  version,
  schema: DockerDaemonValues,
  files: [{ source: "daemon.json.hbs", output: "daemon.json", language: "json" }],
  context: (v: DockerDaemonValues) => ({
    defaultUlimits: {
      nofile: ulimit("nofile", v.ulimits.nofile),
      ...(v.ulimits.nproc ? { nproc: ulimit("nproc", v.ulimits.nproc) } : {}),
    },
    // dockerd reads every log option as a string.
    logOpts: {
      "max-size": `${v.logs.maxSizeMegabytes}m`,
      "max-file": String(v.logs.maxFiles),
      compress: String(v.logs.compress),
    },
    labels: [...v.labels].sort(),
    usernsRemap: v.usernsRemap ?? undefined,
  }),
});
