import { defineControl } from "../../control.js";
import { file, iniFlagOff } from "../../settings.js";
import { CIS, LINUX_ROLES, OWNED_HEADER } from "./common.js";
import { BANNER } from "./login-banner.js";

/**
 * The GNOME desktop (GDM, Debian's and Ubuntu's default) as CIS wants it, through dconf's
 * system databases: the login screen shows the same legal notice as the console and no
 * list of users to pick from; the screen locks after 15 minutes idle (10 from level 3)
 * and at once when the screensaver starts; inserted media never run anything. The locks
 * files stop a user from switching these off in their own settings. Removable media
 * still mount on school desktops (teachers bring USB sticks; CIS asks otherwise only of
 * servers); servers and classified machines do not even mount them. XDMCP, which sends
 * a whole desktop session unencrypted, must not be enabled.
 *
 * Written on every machine, with a desktop or not (without dconf nothing reads them,
 * and a desktop installed later is locked down from its first start); apply.sh compiles
 * them with `dconf update` where dconf is installed.
 */
const gvariantString = (s: string): string =>
  `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`;

export default defineControl({
  id: "linux.desktop.gdm-lockdown",
  title: {
    vi: "Màn hình đăng nhập GNOME: cảnh báo, ẩn danh sách người dùng, khoá màn hình, không tự chạy thiết bị gắn ngoài",
    en: "GNOME login screen and desktop: banner, no user list, screen lock, no autorun",
  },
  rationale: {
    vi: "Máy dùng chung bị bỏ quên không thành lối vào; USB lạ không tự chạy chương trình; không lộ tên tài khoản tại màn hình đăng nhập.",
    en: "A shared machine left unattended is no way in, an unknown USB stick runs nothing, and the login screen gives away no account names.",
  },
  severity: "medium",
  requirements: ["HP-EDU-2", "QN-EDU-2"],
  references: {
    cis: `${CIS}: GNOME Display Manager (banner, disable-user-list, idle lock, lock not overridable, automount and autorun off, XDMCP off)`,
  },
  cis: ["1.7.2", "1.7.3", "1.7.4", "1.7.5", "1.7.6", "1.7.7", "1.7.8", "1.7.9", "1.7.10"],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: (ctx) => {
    const noMount = ctx.role === "server" || ctx.role === "classified";
    const idle = ctx.level >= 3 ? 600 : 900;
    const media = [
      "[org/gnome/desktop/media-handling]\n",
      "autorun-never=true\n",
      ...(noMount ? ["automount=false\n", "automount-open=false\n"] : []),
    ];
    const locked = [
      "/org/gnome/desktop/session/idle-delay\n",
      "/org/gnome/desktop/screensaver/lock-delay\n",
      "/org/gnome/desktop/screensaver/lock-enabled\n",
      "/org/gnome/desktop/media-handling/autorun-never\n",
      ...(noMount
        ? [
            "/org/gnome/desktop/media-handling/automount\n",
            "/org/gnome/desktop/media-handling/automount-open\n",
          ]
        : []),
    ];
    return [
      file("/etc/dconf/profile/user", `${OWNED_HEADER}user-db:user\nsystem-db:local\n`),
      file(
        "/etc/dconf/profile/gdm",
        `${OWNED_HEADER}user-db:user\nsystem-db:gdm\nfile-db:/usr/share/gdm/greeter-dconf-defaults\n`,
      ),
      file(
        "/etc/dconf/db/gdm.d/01-attt-login-screen",
        [
          OWNED_HEADER,
          "[org/gnome/login-screen]\n",
          "banner-message-enable=true\n",
          `banner-message-text=${gvariantString(BANNER.trimEnd())}\n`,
          "disable-user-list=true\n",
        ].join(""),
      ),
      file(
        "/etc/dconf/db/local.d/01-attt-lockdown",
        [
          OWNED_HEADER,
          "[org/gnome/desktop/session]\n",
          `idle-delay=uint32 ${idle}\n`,
          "\n[org/gnome/desktop/screensaver]\n",
          "lock-enabled=true\n",
          "lock-delay=uint32 5\n",
          "\n",
          ...media,
        ].join(""),
      ),
      file("/etc/dconf/db/local.d/locks/01-attt-lockdown", `${OWNED_HEADER}${locked.join("")}`),
      // XDMCP's switch is Enable in gdm3's [xdmcp] section ([debug] has a key of that name too).
      iniFlagOff(["/etc/gdm3/daemon.conf", "/etc/gdm3/custom.conf"], "xdmcp", "Enable"),
    ];
  },
});
