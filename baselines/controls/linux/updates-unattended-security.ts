import { defineControl } from "../../control.js";
import { file, pkg, systemd } from "../../settings.js";
import { CIS, NETWORKED_ROLES } from "./common.js";

/**
 * Security updates install themselves every day (unattended-upgrades). The
 * distribution's 50unattended-upgrades already limits them to the security
 * origins on Debian and Ubuntu; this file only switches the daily run on, and its
 * name sorts after 20auto-upgrades so it wins over a debconf answer of "no".
 *
 * Conffiles the kit owns (/etc/pam.d/su, /etc/login.defs, ...) differ from the package's:
 * without --force-confold, unattended-upgrades holds back every upgrade that ships a
 * new version of one of them; with it, the machine's version stays and the upgrade goes on.
 *
 * Not for classified machines: they have no network, and are patched from offline
 * media by the technician.
 */
export default defineControl({
  id: "linux.updates.unattended-security",
  title: { vi: "Tự động cài bản vá bảo mật", en: "Automatic security updates" },
  rationale: {
    vi: "Lỗ hổng đã công bố được vá trong vòng một ngày mà không cần ai nhớ làm.",
    en: "Published vulnerabilities are patched within a day without anyone having to remember.",
  },
  severity: "high",
  requirements: ["HY-EDU-S19", "QN-EDU-2"],
  references: { cis: `${CIS}: Ensure updates, patches, and additional security software are installed` },
  cis: ["1.2.2.1"],
  appliesTo: { os: ["linux"], roles: NETWORKED_ROLES },
  settings: () => [
    pkg("unattended-upgrades"),
    file(
      "/etc/apt/apt.conf.d/60attt-auto-upgrades",
      [
        "// Managed by attt-kit: edit the inventory and regenerate, not this file.\n",
        'APT::Periodic::Update-Package-Lists "1";\n',
        'APT::Periodic::Unattended-Upgrade "1";\n',
        'APT::Periodic::AutocleanInterval "7";\n',
        'Dpkg::Options {"--force-confold";};\n',
      ].join(""),
    ),
    systemd("apt-daily.timer", "enabled"),
    systemd("apt-daily-upgrade.timer", "enabled"),
  ],
});
