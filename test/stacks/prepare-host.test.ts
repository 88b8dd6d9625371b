/**
 * The generated prepare-host.sh, run as stacks/README.md says, on a fresh Debian 12 root
 * (the cached test root, in a chroot) with the real Docker engine's socket: packages,
 * groups, directories and config, secrets, host jobs, images, in that order. The first
 * run stops where the operator must act (TLS certificates), the second completes, the
 * third changes nothing. On a swarm (the same root, another data centre) only the first
 * host generates secrets; another refuses until it holds the same ones (secrets.sha256).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, cpSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { swarmInventory } from "../../bench/synthetic-swarm.js";
import { synthToDir } from "../../stacks/synth.js";
import { baseImage, dockerUnavailableReason, everyImage, selfSignedCert } from "../helpers/dc-docker.js";
import { fixtureInventory } from "../helpers/dc-inventory.js";
import { type ScratchRoot, scratchRoot } from "../helpers/linux-root.js";

const DC = "dc-prep";
const SWARM_DC = "dc-prep-swarm";
const reason = dockerUnavailableReason();
if (reason) console.log(`host preparation test skipped: ${reason}`);
const suite = reason ? describe.skip : describe;

suite("prepare-host.sh on a fresh Debian host", () => {
  let scratch: ScratchRoot;
  let root = "";
  const mounts: string[] = [];
  const secrets = `/etc/attt/${DC}/secrets`;
  const inRoot = (path: string) => join(root, path);
  /** Runs the script in the chroot; `isolated` puts it in a network namespace of its own (nft). */
  const prepare = (isolated: boolean) =>
    execa(
      isolated ? "unshare" : "chroot",
      [...(isolated ? ["--net", "chroot"] : []), root, "bash", "/root/out/prepare-host.sh"],
      { reject: false, all: true, timeout: 900_000, env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" } },
    );
  const sha = (path: string) =>
    createHash("sha256")
      .update(readFileSync(inRoot(path)))
      .digest("hex");

  beforeAll(async () => {
    const image = await baseImage();
    scratch = scratchRoot();
    root = scratch.root;
    const inventory = fixtureInventory({
      offlinePath: `/mnt/${DC}-offline`,
      mutate: (dc) => {
        dc.id = DC;
      },
    });
    const out = join(scratch.dir, "out");
    synthToDir(inventory, out, { images: everyImage(image) });
    cpSync(out, inRoot("root/out"), { recursive: true });
    const swarmOut = join(scratch.dir, "out-swarm");
    synthToDir(
      swarmInventory(
        fixtureInventory({
          offlinePath: `/mnt/${SWARM_DC}-offline`,
          mutate: (dc) => {
            dc.id = SWARM_DC;
          },
        }),
        3,
      ),
      swarmOut,
      { images: everyImage(image) },
    );
    cpSync(swarmOut, inRoot("root/out-swarm"), { recursive: true });
    copyFileSync("/etc/resolv.conf", inRoot("etc/resolv.conf"));
    // The host's Docker engine, as the chroot's own.
    writeFileSync(inRoot("run/docker.sock"), "");
    for (const [source, target, type] of [
      ["proc", "proc", "proc"],
      ["/dev", "dev", "bind"],
      ["/var/run/docker.sock", "run/docker.sock", "bind"],
    ] as const) {
      execFileSync(
        "mount",
        type === "bind" ? ["--bind", source, inRoot(target)] : ["-t", type, source, inRoot(target)],
      );
      mounts.unshift(inRoot(target));
    }
  }, 1_500_000);

  afterAll(() => {
    for (const m of mounts) execFileSync("umount", ["-l", m]);
    scratch?.remove();
  });

  it("installs the packages, makes the group and directories, generates secrets, then stops for the TLS certificates", async () => {
    const first = await prepare(false);
    expect(first.exitCode, first.all).toBe(2);
    for (const svc of ["files", "portal", "records-db", "records-web"])
      expect(first.all).toContain(`missing ${secrets}/tls/${svc}/server.key`);
    for (const p of ["docker.io", "rsync", "apache2-utils", "cron", "nftables", "openssl"]) {
      const r = await execa("chroot", [root, "dpkg", "-s", p], { reject: false });
      expect(r.exitCode, p).toBe(0);
    }
    expect(readFileSync(inRoot("etc/group"), "utf8")).toMatch(/^attt-backup:x:10100:$/m);
    expect(readFileSync(inRoot(`opt/attt/${DC}/config/firewall/rules.nft`), "utf8")).toBe(
      readFileSync(inRoot("root/out/config/firewall/rules.nft"), "utf8"),
    );
    const mode = (path: string) => {
      const s = statSync(inRoot(path));
      return `${s.uid}:${s.gid} ${(s.mode & 0o7777).toString(8)}`;
    };
    expect(mode(secrets)).toBe("0:0 750");
    expect(mode(`${secrets}/backup/repository-password`)).toBe("0:10100 640");
    expect(mode(`${secrets}/postgres/records-db/password`)).toBe("0:999 640");
    expect(mode(`${secrets}/tls/records-db`)).toBe("0:999 750");
    expect(mode(`/mnt/${DC}-offline`)).toBe("0:0 755");
    // The client credential: the password in client-repository is the one htpasswd holds.
    const url = readFileSync(inRoot(`${secrets}/backup/client-repository`), "utf8");
    const password = /^rest:http:\/\/client:([^@]+)@attt-backup-server:8000\/dc-prep\/$/.exec(url)?.[1];
    expect(password).toBeDefined();
    const verify = await execa(
      "chroot",
      [root, "htpasswd", "-v", "-i", `${secrets}/backup/htpasswd`, "client"],
      {
        input: password,
        reject: false,
      },
    );
    expect(verify.exitCode, verify.stderr).toBe(0);
    // Nothing is installed on the host before the secrets are complete.
    expect(() => statSync(inRoot(`etc/cron.d/attt-${DC}`))).toThrow();
  }, 1_200_000);

  it("completes once the certificates are there, and a third run changes nothing", async () => {
    for (const [svc, gid] of [
      ["files", 101],
      ["portal", 101],
      ["records-db", 999],
      ["records-web", 101],
    ] as const)
      selfSignedCert(inRoot(`${secrets}/tls/${svc}`), svc, gid);
    const second = await prepare(true);
    expect(second.exitCode, second.all).toBe(0);
    for (const f of [`usr/local/sbin/attt-${DC}-offline-copy`, `usr/local/sbin/attt-${DC}-container-state`])
      expect((statSync(inRoot(f)).mode & 0o777).toString(8), f).toBe("755");
    expect(readFileSync(inRoot(`etc/cron.d/attt-${DC}`), "utf8")).toBe(
      readFileSync(inRoot(`root/out/config/host/cron.d/attt-${DC}`), "utf8"),
    );
    const before = ["backup/repository-password", "backup/htpasswd", "postgres/records-db/password"].map(
      (f) => sha(`${secrets}/${f}`),
    );
    const third = await prepare(true);
    expect(third.exitCode, third.all).toBe(0);
    expect(
      ["backup/repository-password", "backup/htpasswd", "postgres/records-db/password"].map((f) =>
        sha(`${secrets}/${f}`),
      ),
    ).toEqual(before);
  }, 600_000);

  describe("on a swarm: one set of secrets for every host", () => {
    const swarmSecrets = `/etc/attt/${SWARM_DC}/secrets`;
    /** prepare-host.sh of the swarm output, on a host whose hostname is `host`. */
    const prepareAs = (host: string) =>
      execa(
        "unshare",
        [
          "--net",
          "--uts",
          "chroot",
          root,
          "bash",
          "-c",
          'hostname "$1" && exec bash /root/out-swarm/prepare-host.sh',
          "-",
          host,
        ],
        { reject: false, all: true, timeout: 600_000, env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" } },
      );
    const generated = ["backup/repository-password", "backup/htpasswd", "postgres/records-db/password"];
    const exists = (path: string) => {
      try {
        return statSync(inRoot(path)).size > 0;
      } catch {
        return false;
      }
    };

    it("refuses on another host before the first host's secrets are there, generating none", async () => {
      const r = await prepareAs("dc-swarm-02");
      expect(r.exitCode, r.all).toBe(2);
      expect(r.all).toContain(
        "lỗi: máy dc-swarm-02 chưa có bản sao thư mục bí mật của máy đầu tiên dc-swarm-01",
      );
      expect(r.all).toContain(
        `tar -C ${swarmSecrets} -cpf - . | ssh root@dc-swarm-02 tar -C ${swarmSecrets}`,
      );
      for (const f of generated) expect(exists(`${swarmSecrets}/${f}`), f).toBe(false);
    }, 600_000);

    it("refuses a hostname that is not a host of the inventory", async () => {
      const r = await prepareAs("dc-other");
      expect(r.exitCode, r.all).toBe(2);
      expect(r.all).toMatch(/^lỗi: tên máy \(hostname\) "dc-other" không phải ID máy nào/m);
    }, 600_000);

    it("generates them on the first host with their hashes; another host with the same files goes on, one with a different file is refused", async () => {
      const first = await prepareAs("dc-swarm-01");
      expect(first.exitCode, first.all).toBe(2); // the TLS certificates are still missing
      const list = readFileSync(inRoot(`${swarmSecrets}/secrets.sha256`), "utf8");
      for (const f of [...generated, "backup/client-repository"])
        expect(list).toContain(`${sha(`${swarmSecrets}/${f}`)}  ${f}\n`);
      for (const [svc, gid] of [
        ["files", 101],
        ["portal", 101],
        ["records-db", 999],
        ["records-web", 101],
      ] as const)
        selfSignedCert(inRoot(`${swarmSecrets}/tls/${svc}`), svc, gid);
      // Same filesystem: the other host now holds exactly the first host's files, as after the copy.
      const before = generated.map((f) => sha(`${swarmSecrets}/${f}`));
      const other = await prepareAs("dc-swarm-02");
      expect(other.exitCode, other.all).toBe(0);
      expect(other.all).toContain("then ./deploy.sh on dc-swarm-01 only");
      expect(other.all).toContain("docker swarm join --token");
      expect(generated.map((f) => sha(`${swarmSecrets}/${f}`))).toEqual(before);
      // A host whose database password differs from the first host's (a copy from elsewhere).
      writeFileSync(inRoot(`${swarmSecrets}/postgres/records-db/password`), "another-password");
      const stale = await prepareAs("dc-swarm-03");
      expect(stale.exitCode, stale.all).toBe(2);
      expect(stale.all).toContain("does not match secrets.sha256");
      expect(readFileSync(inRoot(`${swarmSecrets}/postgres/records-db/password`), "utf8")).toBe(
        "another-password",
      );
    }, 600_000);
  });

  it("refuses a host group that shares a secret's group ID and has members", async () => {
    // Debian's own group of gid 999 (systemd-journal), or a new one, gains a member.
    const groups = readFileSync(inRoot("etc/group"), "utf8").split("\n");
    const at = groups.findIndex((l) => l.split(":")[2] === "999");
    if (at >= 0) groups[at] = `${groups[at]}${groups[at]?.endsWith(":") ? "" : ","}alice`;
    else groups.splice(groups.length - 1, 0, "dbreaders:x:999:alice");
    writeFileSync(inRoot("etc/group"), groups.join("\n"));
    const r = await prepare(true);
    expect(r.exitCode, r.all).toBe(2);
    expect(r.all).toMatch(
      /group \S+ \(gid 999\) has members (\S+,)?alice, who could read the secrets of service records-db/,
    );
  }, 600_000);
});
