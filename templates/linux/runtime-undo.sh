# ---------------------------------------------------------------- undo

ATTT_MODE=undo

# Puts back what apply.sh changed: every saved file byte for byte (with its mode,
# owner and times), removes the files and directories that did not exist before,
# returns units to their earlier state, then forgets the backups. Packages that
# apply.sh installed stay: removing them could take away what the school installed
# for its own reasons.
RESTORED=0

control() { :; }
want_package() { :; }
want_file() { :; }
want_kv() { :; }
want_mode() { :; }
want_modes_under() { :; }
# The unit of a mount setting as any unit; a folder whose /etc/fstab line undo.sh put
# back is remounted with the options it had (on the running system).
want_mount() {
  want_unit "${3##*/}" enabled
  if [ "$UNDO_PASS" = start ] && is_live && [ -e "$BK/saved/etc/fstab" ] && fstab_mounts "$1" &&
    findmnt -n --mountpoint "$1" >/dev/null 2>&1; then
    mount -o remount "$1" || say "  không gắn lại được $1" "  could not remount $1"
  fi
}
pam_profile() { :; }
pam_module() { :; }

# Units, in two passes. "stop", before anything is restored: a unit that was not
# enabled before apply.sh (which enabled it with --now) is stopped while its unit file
# still exists. "start", after restore_unit_links: a unit that was enabled before is
# started again (apply.sh may have disabled it with --now).
UNDO_PASS=
want_unit() {
  local unit=$1 key was
  key=$BK/units/$(unit_key "$unit")
  [ -f "$key" ] || return 0
  was=$(head -n 1 "$key")
  case $UNDO_PASS:$was in
    stop:enabled | stop:enabled-runtime | stop:static | stop:alias) ;;
    stop:*)
      if is_live; then systemctl stop -- "$unit" >/dev/null 2>&1 || true; fi
      ;;
    start:*)
      if is_live && [ "$was" = enabled ]; then
        systemctl start -- "$unit" >/dev/null 2>&1 || say "  không khởi động được $unit" "  could not start $unit"
      fi
      say "  dịch vụ / unit $unit: trở lại / back to $was"
      RESTORED=$((RESTORED + 1))
      ;;
  esac
}

# After the units are back: a folder still mounted with the options apply.sh gave it
# (a busy /tmp cannot be unmounted, /dev/shm is only remounted) keeps them until a restart.
NEED_RESTART=
want_check() {
  [ "$UNDO_PASS" = start ] && [ "$1" = mounted ] && is_live || return 0
  local s o
  s=$(findmnt -n -o OPTIONS --mountpoint "$2" 2>/dev/null | head -n 1) || true
  [ -n "$s" ] || return 0
  # All of them still there (systemd's own /dev/shm is nosuid,nodev already, never noexec).
  for o in ${3//,/ }; do
    case ",$s," in *",$o,"*) ;; *) return 0 ;; esac
  done
  NEED_RESTART="$NEED_RESTART $2"
}

# Makes the unit symlinks and their directories exactly what apply.sh recorded.
restore_unit_links() {
  [ -f "$BK/unit-links" ] || return 0
  local -A before=()
  local type path target
  while IFS= read -r -d '' type && IFS= read -r -d '' path && IFS= read -r -d '' target; do
    before["${path#"$R"}"]="$type $target"
  done <"$BK/unit-links"
  # Links that are new or different go; then new directories, deepest first.
  local -a new_dirs=()
  while IFS= read -r -d '' type && IFS= read -r -d '' path && IFS= read -r -d '' target; do
    path=${path#"$R"}
    [ "${before[$path]-}" != "$type $target" ] || continue
    if [ "$type" = d ]; then new_dirs+=("$path"); else rm -f "$R$path"; fi
  done < <(unit_links)
  if [ "${#new_dirs[@]}" -gt 0 ]; then
    while IFS= read -r -d '' path; do
      rmdir "$R$path" 2>/dev/null || true
    done < <(printf '%s\0' "${new_dirs[@]}" | sort -rz)
  fi
  for path in "${!before[@]}"; do
    type=${before[$path]%% *}
    target=${before[$path]#* }
    if [ "$type" = d ]; then
      mkdir -p "$R$path"
    elif [ "$type" = l ] && [ "$(readlink "$R$path" 2>/dev/null || true)" != "$target" ]; then
      mkdir -p "$(dirname "$R$path")"
      ln -sfn "$target" "$R$path"
    fi
  done
  if is_live; then systemctl daemon-reload || true; fi
}

restore_files() {
  local f p
  if [ -d "$BK/saved" ]; then
    while IFS= read -r -d '' f; do
      p=${f#"$BK/saved"}
      mkdir -p "$(dirname "$R$p")"
      rm -f "$R$p"
      cp -a "$f" "$R$p"
      say "  đã khôi phục / restored: $p"
      RESTORED=$((RESTORED + 1))
    done < <(find "$BK/saved" \( -type f -o -type l \) -print0 | sort -z)
  fi
  if [ -d "$BK/absent" ]; then
    while IFS= read -r -d '' f; do
      p=${f#"$BK/absent"}
      rm -f "$R$p"
      say "  đã xoá / removed: $p"
      RESTORED=$((RESTORED + 1))
    done < <(find "$BK/absent" -type f -print0 | sort -z)
  fi
  # Directories apply.sh created, deepest first; kept if something else now lives there.
  if [ -d "$BK/newdir" ]; then
    while IFS= read -r -d '' f; do
      p=$(dirname "${f#"$BK/newdir"}")
      rmdir "$R$p" 2>/dev/null || say "  giữ lại / kept: $p (không rỗng / not empty)"
    done < <(find "$BK/newdir" -name .attt-created -type f -print0 | sort -rz)
  fi
}

# Mode and owner of the files apply.sh only re-permissioned, as they were before.
restore_modes() {
  [ -d "$BK/modes" ] || return 0
  local f st p
  for f in "$BK/modes"/*; do
    [ -f "$f" ] || continue
    { IFS= read -r st && IFS= read -r p; } <"$f"
    if [ ! -e "$R$p" ] || [ -L "$R$p" ]; then continue; fi
    chown "${st#* }" "$R$p"
    chmod "${st%% *}" "$R$p"
    say "  đã khôi phục quyền / restored mode: $p (${st})"
    RESTORED=$((RESTORED + 1))
  done
}

reload_live() {
  is_live || return 0
  # The running services pick the restored configuration up; kernel parameters set by
  # sysctl keep their values until the next boot.
  if command -v nft >/dev/null && [ -f /etc/nftables.conf ]; then
    nft delete table inet attt_filter 2>/dev/null || true
    nft delete table inet attt_isolate 2>/dev/null || true
    nft -f /etc/nftables.conf || say "  nft không nạp được /etc/nftables.conf đã khôi phục" "  nft could not load the restored /etc/nftables.conf"
  fi
  systemctl try-reload-or-restart ssh.service 2>/dev/null || true
  systemctl try-restart rsyslog.service 2>/dev/null || true
  systemctl try-restart systemd-journald.service 2>/dev/null || true
  systemctl try-restart systemd-timesyncd.service 2>/dev/null || true
  if command -v augenrules >/dev/null; then augenrules --load >/dev/null 2>&1 || true; fi
  if command -v update-grub >/dev/null && [ -f /boot/grub/grub.cfg ]; then update-grub >/dev/null 2>&1 || true; fi
}

attt_main() {
  attt_parse_args "$@"
  [ "$(id -u)" = 0 ] || die "undo.sh cần quyền root: sudo bash undo.sh" "undo.sh must run as root: sudo bash undo.sh"
  attt_banner "hoàn tác / undo"
  if [ ! -d "$BK" ]; then
    say "không có gì để hoàn tác: không có bản sao lưu trong $BK" "nothing to undo: no backups in $BK"
    exit 0
  fi
  UNDO_PASS=stop
  attt_settings
  restore_files
  restore_modes
  restore_unit_links
  UNDO_PASS=start
  attt_settings
  reload_live
  if [ -n "$NEED_RESTART" ]; then
    say "CẦN KHỞI ĐỘNG LẠI MÁY: chưa gỡ được tuỳ chọn gắn của$NEED_RESTART; chúng hết hiệu lực khi khởi động lại" \
      "RESTART THE MACHINE: the mount options of$NEED_RESTART could not be taken back; they go at the next restart"
  fi
  rm -rf "$BK"
  say "xong: đã khôi phục $RESTORED mục; đã xoá bản sao lưu" "done: $RESTORED item(s) restored; backups removed"
}
