# ---------------------------------------------------------------- apply

ATTT_MODE=apply
BUNDLE_DIR=$(cd "$(dirname "$0")" && pwd)
CURRENT_CONTROL=
PHASE=

# Runs the data section once per phase: packages, then files, then what those
# files need activated, then units. Each data call acts only in its own phase.
CHANGED_FILES=0
CHANGED_UNITS=0
PACKAGES_TO_INSTALL=
PACKAGES_TO_REMOVE=
PENDING_ACTIONS=
PAM_PROFILES=
NOT_APPLIED=0

control() { CURRENT_CONTROL=$1; }

# -- backups: the first copy of a file is never overwritten, so applying twice
# keeps the state from before the first run; undo.sh puts it back.
backup() {
  local p=$1
  if [ -e "$BK/saved$p" ] || [ -L "$BK/saved$p" ] || [ -e "$BK/absent$p" ]; then return 0; fi
  if [ -e "$R$p" ] || [ -L "$R$p" ]; then
    mkdir -p "$(dirname "$BK/saved$p")"
    cp -a "$R$p" "$BK/saved$p"
  else
    mkdir -p "$(dirname "$BK/absent$p")"
    : >"$BK/absent$p"
  fi
}

# Creates the parent directories of $1, recording each one it creates for undo.sh.
make_parents() {
  local d missing=
  d=$(dirname "$1")
  while [ ! -d "$R$d" ]; do
    missing="$d${missing:+
$missing}"
    d=$(dirname "$d")
  done
  [ -n "$missing" ] || return 0
  printf '%s\n' "$missing" | while IFS= read -r d; do
    mkdir -p "$BK/newdir$d"
    : >"$BK/newdir$d/.attt-created"
    mkdir -m 0755 "$R$d"
  done
}

# Writes $2 (a file) to path $1 of the target with mode $3, atomically (rename).
install_file() {
  local p=$1 src=$2 mode=$3 tmp
  backup "$p"
  make_parents "$p"
  tmp=$(dirname "$R$p")/.attt-new.$$
  cp "$src" "$tmp"
  chown 0:0 "$tmp"
  chmod "$mode" "$tmp"
  mv -f "$tmp" "$R$p"
  CHANGED_FILES=$((CHANGED_FILES + 1))
  say "  đã thay đổi / changed: $p"
}

queue_action() {
  case " $PENDING_ACTIONS " in
    *" $1 "*) ;;
    *) PENDING_ACTIONS="$PENDING_ACTIONS $1" ;;
  esac
}

want_package() {
  [ "$PHASE" = packages ] || return 0
  check_package_name "$1"
  if [ "$2" = present ] && ! package_installed "$1"; then
    PACKAGES_TO_INSTALL="$PACKAGES_TO_INSTALL $1"
  elif [ "$2" = absent ] && package_installed "$1"; then
    PACKAGES_TO_REMOVE="$PACKAGES_TO_REMOVE $1"
  fi
}

# want_file PATH SOURCE MODE SHA256 ACTION
want_file() {
  case $PHASE in
    verify) verify_bundle_file "$@" ;;
    guard) guard_file "$@" ;;
    files) apply_file "$@" ;;
  esac
}

# apply_file PATH SOURCE MODE SHA256 ACTION [NOT_WHILE]
apply_file() {
  local p=$1 src=$BUNDLE_DIR/$2 mode=$3 sum=$4 action=$5 not_while=${6:-} using
  check_path "$p"
  if [ "$(file_state "$R$p")" = "$(short_mode "$mode") 0:0 $sum" ]; then return 0; fi
  case $not_while in
    '') ;;
    wireless-in-use)
      using=$(wireless_in_use | paste -sd ',' - | sed 's/,/, /g')
      if [ -n "$using" ]; then
        say "  CHƯA ÁP DỤNG: máy đang dùng mạng không dây ($using); chặn Wi-Fi sẽ làm mất mạng từ lần khởi động sau. Hãy nối mạng dây rồi chạy lại ($CURRENT_CONTROL)" \
          "  NOT APPLIED: the machine is using a wireless network ($using); blocking Wi-Fi would cut it off from the next boot. Wire it, then run again ($CURRENT_CONTROL)"
        NOT_APPLIED=$((NOT_APPLIED + 1))
        return 0
      fi
      ;;
    *) die "dữ liệu gói hỏng: điều kiện lạ $not_while" "bundle data: unknown condition $not_while" ;;
  esac
  install_file "$p" "$src" "$mode"
  [ -z "$action" ] || queue_action "$action"
}

# want_kv PATH KEY VALUE SEPARATOR COMPARE: one "key<sep>value" line in a file the
# distribution owns; the first active line for the key is replaced, later ones dropped.
want_kv() {
  [ "$PHASE" = files ] || return 0
  local p=$1 key=$2 value=$3 sep=$4 tmp
  check_path "$p"
  if [ -f "$R$p" ] && [ "$(kv_value "$R$p" "$key")" = "$value" ] &&
    [ "$(kv_count "$R$p" "$key")" = 1 ]; then
    return 0
  fi
  backup "$p"
  make_parents "$p"
  tmp=$(dirname "$R$p")/.attt-new.$$
  if [ -f "$R$p" ]; then
    cp -p "$R$p" "$tmp"
    K=$key L="$key$sep$value" awk '
      BEGIN { k = ENVIRON["K"]; line = ENVIRON["L"]; done = 0 }
      {
        s = $0; sub(/^[ \t]+/, "", s)
        if (substr(s, 1, 1) != "#") {
          if (match(s, /[ \t=]/)) key = substr(s, 1, RSTART - 1); else key = s
          if (key == k) { if (!done) print line; done = 1; next }
        }
        print
      }
      END { if (!done) print line }' "$R$p" >"$tmp"
  else
    printf '%s%s%s\n' "$key" "$sep" "$value" >"$tmp"
    chown 0:0 "$tmp"
    chmod 0644 "$tmp"
  fi
  mv -f "$tmp" "$R$p"
  CHANGED_FILES=$((CHANGED_FILES + 1))
  say "  đã thay đổi / changed: $p ($key)"
}

# Number of active lines for a key.
kv_count() {
  K=$2 awk '
    BEGIN { k = ENVIRON["K"]; n = 0 }
    {
      s = $0; sub(/^[ \t]+/, "", s)
      if (substr(s, 1, 1) == "#") next
      if (match(s, /[ \t=]/)) key = substr(s, 1, RSTART - 1); else key = s
      if (key == k) n++
    }
    END { print n }' "$1"
}

# want_mode PATH MAXMODE GROUP: a file or directory the distribution ships, owned by
# root and GROUP, its mode without any bit beyond MAXMODE. Only mode and owner change,
# never the content (/etc/shadow changes with every password); the first state seen is
# kept in $BK/modes for undo.sh.
want_mode() {
  [ "$PHASE" = files ] || return 0
  local p=$1 max=$2 gid st key
  check_path "$p"
  gid=$(group_id "$3")
  st=$(mode_state "$R$p")
  if [ -n "$gid" ] && mode_ok "$st" "$max" "$gid"; then return 0; fi
  if [ -z "$gid" ] || [ "$st" = symlink ]; then
    say "  CHƯA ÁP DỤNG: $p là liên kết hoặc không có nhóm $3 ($CURRENT_CONTROL)" \
      "  NOT APPLIED: $p is a symbolic link or there is no group $3 ($CURRENT_CONTROL)"
    NOT_APPLIED=$((NOT_APPLIED + 1))
    return 0
  fi
  key=$BK/modes/$(unit_key "$p")
  if [ ! -f "$key" ]; then
    mkdir -p "$BK/modes"
    printf '%s\n%s\n' "$st" "$p" >"$key"
  fi
  # chown first: it clears set-ID bits, which chmod then leaves as MAXMODE allows.
  chown "0:$gid" "$R$p"
  chmod "$(printf '%o' $((8#${st%% *} & 8#$max)))" "$R$p"
  CHANGED_FILES=$((CHANGED_FILES + 1))
  say "  đã thay đổi / changed: $p (quyền / mode $(stat -c '%a %u:%g' "$R$p"))"
}

# want_mount PATH OPTIONS UNIT SOURCE MODE SHA256: PATH mounted with OPTIONS. When
# /etc/fstab mounts PATH (a partition of its own), its line gets the options and UNIT
# is left out: installed in /etc/systemd/system, it would hide that partition.
# Otherwise UNIT, a file of the bundle, is installed and enabled.
REMOUNT_PATHS=
want_mount() {
  case $PHASE in
    verify) verify_bundle_file "$3" "$4" "$5" "$6" ;;
    files)
      if fstab_mounts "$1"; then fstab_add_options "$1" "$2"; else apply_file "$3" "$4" "$5" "$6" systemd; fi
      ;;
    units) fstab_mounts "$1" || apply_unit "${3##*/}" enabled next-boot ;;
  esac
}

# Adds OPTIONS ($2) to every active /etc/fstab line for mount point $1, dropping their
# opposites (exec for noexec), and keeps the rest of the line, spacing included.
fstab_add_options() {
  local p=$1 want=$2 tmp
  check_path "$p"
  [ -n "$(options_missing "$(fstab_options "$p")" "$want")" ] || return 0
  tmp=$R/etc/.attt-new.$$
  cp -p "$R/etc/fstab" "$tmp"
  P=$p W=$want awk '
    BEGIN { n = split(ENVIRON["W"], w, ","); for (i = 1; i <= n; i++) { want[w[i]] = 1; o = w[i]; sub(/^no/, "", o); drop[o] = 1 } }
    function merged(opts,  k, m, i, out) {
      m = split(opts, k, ",")
      for (i = 1; i <= m; i++) if (k[i] != "" && !(k[i] in drop) && !(k[i] in want)) out = out (out == "" ? "" : ",") k[i]
      for (i = 1; i <= n; i++) out = out (out == "" ? "" : ",") w[i]
      return out
    }
    /^[ \t]*#/ || NF < 3 || $2 != ENVIRON["P"] { print; next }
    {
      rest = $0; out = ""
      for (f = 1; f <= 4 && f <= NF; f++) {
        match(rest, /^[ \t]*[^ \t]+/)
        word = substr(rest, 1, RLENGTH); rest = substr(rest, RLENGTH + 1)
        if (f == 4) { match(word, /^[ \t]*/); word = substr(word, 1, RLENGTH) merged(substr(word, RLENGTH + 1)) }
        out = out word
      }
      if (NF == 3) out = out "\t" merged("defaults")
      print out rest
    }' "$R/etc/fstab" >"$tmp"
  backup /etc/fstab
  mv -f "$tmp" "$R/etc/fstab"
  REMOUNT_PATHS="$REMOUNT_PATHS $p"
  queue_action fstab
  CHANGED_FILES=$((CHANGED_FILES + 1))
  say "  đã thay đổi / changed: /etc/fstab ($p: $want)"
}

# want_modes_under DIR MAXMODE EXCEPT: every regular file below DIR (log files) without
# a bit beyond MAXMODE, but those named as a pattern of EXCEPT. Narrow only; owner and
# group stay; the first mode seen is kept in $BK/modes for undo.sh, as want_mode does.
want_modes_under() {
  [ "$PHASE" = files ] || return 0
  local entry f p key
  check_path "$1"
  while IFS= read -r -d '' entry; do
    f=${entry#* }
    p=${f#"$R"}
    key=$BK/modes/$(unit_key "$p")
    if [ ! -f "$key" ]; then
      mkdir -p "$BK/modes"
      printf '%s\n%s\n' "$(mode_state "$f")" "$p" >"$key"
    fi
    chmod "$(printf '%o' $((8#${entry%% *} & 8#$2)))" "$f"
    CHANGED_FILES=$((CHANGED_FILES + 1))
    say "  đã thay đổi / changed: $p (quyền / mode ${entry%% *} -> $(stat -c '%a' "$f"))"
  done < <(files_beyond "$1" "$2" "$3")
}

# pam_profile NAME: a pam-auth-update profile of the bundle. pam_module TYPE MODULE:
# a module the generated common-TYPE must then contain.
pam_profile() {
  [ "$PHASE" = activate ] || return 0
  PAM_PROFILES="$PAM_PROFILES $1"
}
pam_module() {
  [ "$PHASE" = activate ] || return 0
  pam_has_module "$R/etc/pam.d/common-$1" "$2" || queue_action pam
}

# The files pam-auth-update rewrites: saved before it runs, so undo.sh restores them exactly.
PAM_GENERATED="/etc/pam.d/common-auth /etc/pam.d/common-account /etc/pam.d/common-password /etc/pam.d/common-session /etc/pam.d/common-session-noninteractive /var/lib/pam/auth /var/lib/pam/account /var/lib/pam/password /var/lib/pam/session /var/lib/pam/session-noninteractive /var/lib/pam/seen"

run_action() {
  case $1 in
    pam)
      local f
      for f in $PAM_GENERATED; do backup "$f"; done
      say "  pam-auth-update --package (profiles:$PAM_PROFILES)"
      in_root env DEBIAN_FRONTEND=noninteractive pam-auth-update --package >/dev/null
      ;;
    sysctl)
      if is_live; then sysctl --system >/dev/null || say "  sysctl --system báo lỗi" "  sysctl --system reported errors"; fi
      ;;
    auditd)
      if is_live && command -v augenrules >/dev/null; then
        # augenrules keeps the rules it replaces as audit.rules.prev: undo.sh restores both.
        backup /etc/audit/audit.rules
        backup /etc/audit/audit.rules.prev
        augenrules --load >/dev/null ||
          say "  augenrules --load lỗi: luật có hiệu lực khi auditd khởi động lại" "  augenrules --load failed: the rules apply at the next auditd start"
      fi
      ;;
    sshd)
      if is_live && command -v sshd >/dev/null; then
        # sshd -t needs its privilege-separation directory, which exists only while
        # ssh.service runs (RuntimeDirectory): a baseline that stopped SSH left none.
        [ -d /run/sshd ] || install -d -m 0755 /run/sshd
        # A broken sshd configuration must never reach a running server: it would lock admins out.
        sshd -t || die "sshd -t từ chối cấu hình mới; chạy undo.sh để khôi phục cấu hình cũ" \
          "sshd -t rejects the new configuration; run undo.sh to restore the previous one"
        systemctl try-reload-or-restart ssh.service 2>/dev/null || true
      fi
      ;;
    nftables)
      if is_live && command -v nft >/dev/null; then
        nft -c -f /etc/nftables.conf || die "nft từ chối /etc/nftables.conf; chạy undo.sh để khôi phục cấu hình cũ" \
          "nft rejects /etc/nftables.conf; run undo.sh to restore the previous one"
        nft -f /etc/nftables.conf
      fi
      ;;
    rsyslog)
      if is_live; then systemctl try-restart rsyslog.service 2>/dev/null || true; fi
      ;;
    journald)
      if is_live; then
        systemctl restart systemd-journald.service 2>/dev/null ||
          say "  không khởi động lại được systemd-journald: cấu hình có hiệu lực sau khi khởi động lại máy" \
            "  could not restart systemd-journald: the configuration applies at the next boot"
      fi
      ;;
    fstab)
      # systemd makes its mount units from /etc/fstab; a mounted folder takes the new
      # options at once (mount reads them from /etc/fstab).
      if is_live; then
        systemctl daemon-reload || true
        local p
        for p in $REMOUNT_PATHS; do
          ! findmnt -n --mountpoint "$p" >/dev/null 2>&1 || mount -o remount "$p" ||
            say "  không gắn lại được $p: tùy chọn mới có hiệu lực sau khi khởi động lại" "  could not remount $p: the new options apply at the next boot"
        done
      fi
      ;;
    timesyncd)
      if is_live; then systemctl try-restart systemd-timesyncd.service 2>/dev/null || true; fi
      ;;
    sudoers)
      # A sudoers file sudo cannot parse stops every sudo: checked in the root too.
      in_root visudo -c -q >/dev/null || die "visudo từ chối cấu hình sudo mới; chạy undo.sh để khôi phục" \
        "visudo rejects the new sudo configuration; run undo.sh to restore the previous one"
      ;;
    grub)
      # The kernel command line changes at the next boot, through GRUB's configuration.
      if is_live && command -v update-grub >/dev/null && [ -f /boot/grub/grub.cfg ]; then
        update-grub 2>/dev/null || say "  update-grub lỗi: tham số khởi động chưa đổi" "  update-grub failed: the boot parameters are unchanged"
      fi
      ;;
    dconf)
      # dconf reads compiled databases: without dconf (no desktop) nothing reads the keyfiles.
      if [ -x "$R/usr/bin/dconf" ]; then
        backup /etc/dconf/db/local
        backup /etc/dconf/db/gdm
        in_root dconf update || say "  dconf update lỗi: cài đặt màn hình chưa có hiệu lực" "  dconf update failed: the desktop settings are not in force yet"
      fi
      ;;
    systemd)
      # Unit files the bundle ships (or changed) are read before units are enabled.
      if is_live; then systemctl daemon-reload || true; fi
      ;;
    *) die "dữ liệu gói hỏng: hành động lạ $1" "bundle data: unknown action $1" ;;
  esac
}

want_unit() {
  case $PHASE in
    guard) guard_unit "$@" ;;
    units) apply_unit "$@" ;;
  esac
}

# Before anything changes: does the bundle switch SSH off on this machine?
SSH_GOES_OFF=no
guard_unit() {
  case $1:$2 in
    ssh.service:disabled | ssh.service:masked | ssh.socket:disabled | ssh.socket:masked)
      unit_state_ok "$2" "$(unit_state "$1")" || SSH_GOES_OFF=yes
      ;;
  esac
}

# Before anything changes: does the bundle restrict su (pam_wheel, linux.su.restricted)?
SU_GOES_ROOT_ONLY=no
guard_file() {
  [ "$1" = /etc/pam.d/su ] || return 0
  [ "$(file_state "$R$1")" = "$(short_mode "$3") 0:0 $4" ] || SU_GOES_ROOT_ONLY=yes
}

# Accounts with a login shell that sudo lets administer the machine: members of group
# sudo (Debian's and Ubuntu's sudoers give it ALL), as member or by primary group.
sudo_admins() {
  local gid
  gid=$(group_id sudo)
  [ -n "$gid" ] && [ -f "$R/etc/passwd" ] || return 0
  S=$(valid_shells) G=$gid awk -F: '
    BEGIN { n = split(ENVIRON["S"], s, "\n"); for (i = 1; i <= n; i++) ok[s[i]] = 1 }
    NR == FNR { if ($3 == ENVIRON["G"]) { m = split($4, a, ","); for (i = 1; i <= m; i++) member[a[i]] = 1 }; next }
    ($7 in ok) && ($1 != "root") && (($1 in member) || $4 == ENVIRON["G"]) { print $1 }' "$R/etc/group" "$R/etc/passwd"
}

# pam_wheel with group root leaves su to root alone: on a server installed with a root
# password and no sudo user (PermitRootLogin no, no password logins over SSH), nobody
# could become root again except at the console. Refused on the running system until an
# administrator can sudo; in an alternate root (an image being prepared), a warning.
attt_guard_su() {
  [ "$SU_GOES_ROOT_ONLY" = yes ] || return 0
  [ -z "$(sudo_admins)" ] || return 0
  if is_live && [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ] &&
    sudo -n -l -U "$SUDO_USER" 2>/dev/null | grep -q 'may run'; then
    return 0
  fi
  if ! is_live; then
    say "CẢNH BÁO: chưa có tài khoản quản trị nào trong nhóm sudo; gói này chỉ cho root dùng su. Trước khi khởi động máy này: usermod -aG sudo <tài khoản quản trị>" \
      "WARNING: no administrator account is in group sudo; this bundle lets only root use su. Before this machine boots: usermod -aG sudo <admin account>"
    return 0
  fi
  say "từ chối: gói này chỉ cho root dùng su, mà máy chưa có tài khoản quản trị nào dùng được sudo (nhóm sudo, có shell đăng nhập); sau khi áp dụng, chỉ vào được root tại bàn phím của máy. Hãy thêm một người quản trị vào nhóm sudo rồi chạy lại:" \
    "refused: this bundle lets only root use su, and no administrator account can use sudo (group sudo, with a login shell); after applying, root would be reachable only at the machine's console. Add an administrator to group sudo, then run again:"
  say "  usermod -aG sudo <tài khoản quản trị / admin account>"
  die "Chưa thay đổi gì." "Nothing was changed."
}

# True when this script runs inside an SSH session: an sshd among its ancestors (sudo
# clears SSH_CONNECTION, the process tree stays).
in_ssh_session() {
  local pid=$$ comm
  while [ "$pid" -gt 1 ]; do
    comm=$(cat "/proc/$pid/comm" 2>/dev/null) || return 1
    [ "$comm" != sshd ] || return 0
    pid=$(sed -n 's/^PPid:[[:space:]]*//p' "/proc/$pid/status" 2>/dev/null)
    [ -n "$pid" ] || return 1
  done
  return 1
}

# Windows' scripts guard the admin's RDP or SSH session; so does this one.
attt_guard_session() {
  is_live || return 0
  [ "$SSH_GOES_OFF" = yes ] || return 0
  in_ssh_session || return 0
  if [ "$ALLOW_SSH_SESSION" = yes ]; then
    say "CẢNH BÁO: gói này tắt SSH; phiên SSH này là phiên cuối (--allow-ssh-session)." \
      "WARNING: this bundle switches SSH off; this SSH session is the last one (--allow-ssh-session)."
    return 0
  fi
  die "từ chối: gói này tắt SSH trên máy (vai trò $ATTT_ROLE) mà bạn đang chạy qua SSH; sau đó không vào lại được bằng SSH. Hãy chạy tại máy, hoặc thêm --allow-ssh-session nếu chấp nhận. Chưa thay đổi gì." \
    "refused: this bundle switches SSH off on this machine (role $ATTT_ROLE) and you are running it over SSH; you could not log in over SSH again. Run it at the machine, or add --allow-ssh-session to accept that. Nothing was changed."
}

# apply_unit UNIT STATE [next-boot]: "next-boot" enables without starting (see restart below).
RESTART_UNITS=
apply_unit() {
  local unit=$1 want=$2 when=${3:-} now='' cur key
  cur=$(unit_state "$unit")
  unit_state_ok "$want" "$cur" && return 0
  # Before the first unit change: the symlinks that make up every unit's state, so
  # undo.sh can put back exactly these (systemctl enable after disable is not always
  # the same set: SysV rc links turn from S to K).
  if [ ! -f "$BK/unit-links" ]; then
    mkdir -p "$BK"
    unit_links >"$BK/unit-links.tmp"
    mv "$BK/unit-links.tmp" "$BK/unit-links"
  fi
  key=$BK/units/$(unit_key "$unit")
  if [ ! -f "$key" ]; then
    mkdir -p "$BK/units"
    printf '%s\n' "$cur" >"$key"
  fi
  if is_live && [ "$when" != next-boot ]; then now=--now; fi
  [ "$when" != next-boot ] || RESTART_UNITS="$RESTART_UNITS $unit"
  case $want in
    enabled)
      if [ "$cur" = not-found ]; then
        say "  CHƯA ÁP DỤNG: máy chưa cài $unit ($CURRENT_CONTROL)" "  NOT APPLIED: $unit is not installed on this machine ($CURRENT_CONTROL)"
        NOT_APPLIED=$((NOT_APPLIED + 1))
        return 0
      fi
      [ "$cur" != masked ] || systemctl_root unmask -- "$unit" >/dev/null 2>&1
      systemctl_root enable ${now:+"$now"} -- "$unit" >/dev/null 2>&1 || {
        say "  CHƯA ÁP DỤNG: systemctl enable $unit lỗi ($CURRENT_CONTROL)" "  NOT APPLIED: systemctl enable $unit failed ($CURRENT_CONTROL)"
        NOT_APPLIED=$((NOT_APPLIED + 1))
        return 0
      }
      ;;
    disabled) systemctl_root disable ${now:+"$now"} -- "$unit" >/dev/null 2>&1 ;;
    masked) systemctl_root mask ${now:+"$now"} -- "$unit" >/dev/null 2>&1 ;;
    *) die "dữ liệu gói hỏng: trạng thái dịch vụ lạ $want" "bundle data: unknown unit state $want" ;;
  esac
  CHANGED_UNITS=$((CHANGED_UNITS + 1))
  say "  dịch vụ / unit $unit: $cur -> $want"
}

# want_check CHECK ARG [ARG2]: measured, never set; after applying, apply.sh shows what it sees.
want_check() {
  [ "$PHASE" = checks ] || return 0
  is_live || return 0
  local result
  prepare_check "$1"
  result=$(measure "$@")
  case $result in
    yes*) ;;
    *)
      say "  lưu ý / note: $(check_label "$@"): ${result#* } ($CURRENT_CONTROL)"
      check_hint "$1" "${2:-}" "$result" | sed 's/^/attt:     → /' >&2
      ;;
  esac
}

# The bundle's own files must be the ones it was generated with.
verify_bundle_file() {
  [ "$(sha256_of "$BUNDLE_DIR/$2" 2>/dev/null || true)" = "$4" ] ||
    die "tệp $2 của gói bị thiếu hoặc bị sửa (sha256 khác); hãy sinh lại gói. Chưa thay đổi gì." \
      "bundle file $2 is missing or was modified (sha256 differs); regenerate the bundle. Nothing was changed."
}

install_packages() {
  local list=$1
  # shellcheck disable=SC2086 # word splitting intended: names were checked by check_package_name
  in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $list && return 0
  say "  apt-get install lỗi; cập nhật danh sách gói một lần rồi thử lại" "  apt-get install failed; refreshing the package lists once and retrying"
  in_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  # shellcheck disable=SC2086
  in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $list
}

write_marker() {
  local tmp
  tmp=$(mktemp)
  printf 'bundle=%s\nrole=%s\nsha256=%s\n' "$ATTT_BUNDLE_ID" "$ATTT_ROLE" "$ATTT_BUNDLE_SHA256" >"$tmp"
  if [ "$(file_state "$R/etc/attt-kit/bundle")" != "644 0:0 $(sha256_of "$tmp")" ]; then
    install_file /etc/attt-kit/bundle "$tmp" 0644
  fi
  rm -f "$tmp"
}

attt_main() {
  attt_parse_args "$@"
  [ "$(id -u)" = 0 ] || die "apply.sh cần quyền root: sudo bash apply.sh" "apply.sh must run as root: sudo bash apply.sh"
  attt_check_target
  attt_banner "áp dụng / apply"

  PHASE=verify
  attt_settings
  PHASE=guard
  attt_settings
  attt_guard_su
  attt_guard_session

  PHASE=packages
  attt_settings
  if [ -n "$PACKAGES_TO_INSTALL" ]; then
    say "cài đặt / installing:$PACKAGES_TO_INSTALL"
    install_packages "$PACKAGES_TO_INSTALL"
    PACKAGES_READ=no
  fi
  if [ -n "$PACKAGES_TO_REMOVE" ]; then
    say "gỡ bỏ / removing:$PACKAGES_TO_REMOVE"
    # shellcheck disable=SC2086
    in_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q $PACKAGES_TO_REMOVE
    PACKAGES_READ=no
  fi

  PHASE=files
  mkdir -p "$BK"
  write_marker
  attt_settings

  PHASE=activate
  attt_settings
  local action
  for action in $PENDING_ACTIONS; do run_action "$action"; done

  PHASE=units
  attt_settings

  PHASE=checks
  attt_settings

  say "xong: đã thay đổi $CHANGED_FILES tệp và $CHANGED_UNITS dịch vụ; bản sao lưu ở $BK" \
    "done: $CHANGED_FILES file(s) and $CHANGED_UNITS unit(s) changed; backups in $BK"
  if [ -n "$RESTART_UNITS" ] && is_live; then
    say "CẦN KHỞI ĐỘNG LẠI MÁY để có hiệu lực:$RESTART_UNITS (không bật ngay để không che tệp và socket đang dùng trong /tmp)" \
      "RESTART THE MACHINE for these to take effect:$RESTART_UNITS (not started now, so as not to hide files and sockets in use in /tmp)"
  fi
  if [ "$NOT_APPLIED" -gt 0 ]; then
    say "$NOT_APPLIED thiết lập chưa áp dụng được (xem CHƯA ÁP DỤNG ở trên); audit.sh sẽ báo các mục này" \
      "$NOT_APPLIED setting(s) could not be applied (see NOT APPLIED above); audit.sh will report them"
    exit 1
  fi
}
