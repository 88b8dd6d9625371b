import { defineControl } from "../../control.js";
import { file, mount, mounted, systemd } from "../../settings.js";
import { CIS, LINUX_ROLES, OWNED_HEADER } from "./common.js";

/**
 * /tmp and /dev/shm, the two folders every user can write to, mounted so that device
 * files, set-user-ID programs and any program placed there are ignored. Neither needs
 * a reinstallation: /tmp becomes a RAM-backed tmpfs through systemd's own tmp.mount
 * (Debian 13 does this by default; Debian 12 and Ubuntu ship the unit unused), and
 * /dev/shm, which systemd mounts before any unit runs, is remounted with the options by
 * a small service at every boot. apply.sh remounts /dev/shm at once but mounts the /tmp
 * tmpfs only from the next boot (a fresh /tmp now would hide the admin's tmux and
 * ssh-agent sockets): it and the README tell staff to restart. A machine whose
 * /etc/fstab already mounts /tmp (a partition of its own, what CIS prefers) keeps it:
 * that line gets the options (remounted at once: nothing is hidden), and tmp.mount is
 * not installed (in /etc/systemd/system it would win over the unit systemd makes from
 * /etc/fstab and hide the partition). apt runs its packages' configuration scripts from
 * a folder of its own, since /tmp no longer runs programs.
 */
const OPTIONS = ["nodev", "nosuid", "noexec"];

const TMP_MOUNT = [
  OWNED_HEADER,
  "[Unit]\n",
  "Description=Temporary Directory /tmp (attt-kit: nodev, nosuid, noexec)\n",
  "Documentation=https://systemd.io/TEMPORARY_DIRECTORIES\n",
  "ConditionPathIsSymbolicLink=!/tmp\n",
  "DefaultDependencies=no\n",
  "Conflicts=umount.target\n",
  "Before=local-fs.target umount.target\n",
  "After=swap.target\n",
  "\n[Mount]\n",
  "What=tmpfs\n",
  "Where=/tmp\n",
  "Type=tmpfs\n",
  // %% is a literal % in a unit file: half the RAM at most, as systemd's own unit.
  `Options=mode=1777,strictatime,${OPTIONS.join(",")},size=50%%,nr_inodes=1m\n`,
  "\n[Install]\n",
  "WantedBy=local-fs.target\n",
].join("");

const SHM_SERVICE = [
  OWNED_HEADER,
  "[Unit]\n",
  "Description=attt-kit: /dev/shm remounted nodev, nosuid, noexec\n",
  "DefaultDependencies=no\n",
  "ConditionPathIsMountPoint=/dev/shm\n",
  "Before=sysinit.target\n",
  "\n[Service]\n",
  "Type=oneshot\n",
  "RemainAfterExit=yes\n",
  `ExecStart=/bin/mount -o remount,${OPTIONS.join(",")} /dev/shm\n`,
  // Stopped by undo.sh: /dev/shm gets systemd's own options back without a restart.
  "ExecStop=/bin/mount -o remount,exec,suid,dev /dev/shm\n",
  "\n[Install]\n",
  "WantedBy=sysinit.target\n",
].join("");

/**
 * apt unpacks packages' debconf scripts into /tmp and runs them: with /tmp noexec that
 * fails ("Can't exec /tmp/xxx.config"). apt uses a folder of root's instead, made again
 * 0700 before every dpkg run (DPkg::Pre-Invoke runs before the templates are unpacked).
 */
const APT_TEMPDIR = [
  "// Managed by attt-kit: /tmp is mounted noexec (linux.filesystems.tmp-shm).\n",
  'APT::ExtractTemplates::TempDir "/var/lib/attt/apt-tmp";\n',
  'DPkg::Pre-Invoke {"install -d -m 0700 -o root -g root /var/lib/attt/apt-tmp";};\n',
].join("");

export default defineControl({
  id: "linux.filesystems.tmp-shm",
  title: {
    vi: "/tmp và /dev/shm gắn với nodev, nosuid, noexec",
    en: "/tmp and /dev/shm mounted nodev, nosuid, noexec",
  },
  rationale: {
    vi: "Thư mục ai cũng ghi được là nơi mã độc được thả vào rồi chạy; noexec, nosuid, nodev chặn việc đó.",
    en: "Folders everyone can write to are where malware is dropped and run; noexec, nosuid and nodev stop that.",
  },
  severity: "medium",
  requirements: ["HY-PROV-09", "QN-EDU-2"],
  references: {
    cis: `${CIS}: Ensure /tmp and /dev/shm are separate partitions (tmpfs counts) mounted nodev, nosuid, noexec`,
  },
  cis: [
    "1.1.2.1.1",
    "1.1.2.1.2",
    "1.1.2.1.3",
    "1.1.2.1.4",
    "1.1.2.2.1",
    "1.1.2.2.2",
    "1.1.2.2.3",
    "1.1.2.2.4",
  ],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: () => [
    mount("/tmp", OPTIONS, file("/etc/systemd/system/tmp.mount", TMP_MOUNT)),
    file("/etc/systemd/system/attt-dev-shm-options.service", SHM_SERVICE),
    file("/etc/apt/apt.conf.d/60attt-apt-tempdir", APT_TEMPDIR),
    systemd("attt-dev-shm-options.service", "enabled"),
    mounted("/tmp", OPTIONS),
    mounted("/dev/shm", OPTIONS),
  ],
});
