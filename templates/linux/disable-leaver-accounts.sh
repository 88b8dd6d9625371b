#!/bin/bash
# attt-kit disable-leaver-accounts.sh
#
# Khóa tài khoản Linux cục bộ của người đã nghỉ hưu, nghỉ việc hoặc chuyển công tác.
# Disables the local Linux accounts of people who retired, resigned or transferred.
#
# Danh sách lấy từ kiểm kê nhân sự (xem attt_leavers bên dưới). Với mỗi tài khoản
# linux-local của đơn vị mà máy đang chạy script thuộc về (đơn vị apply.sh đã ghi trong
# /etc/attt-kit/bundle, hoặc đơn vị nêu bằng --unit trên máy chưa áp dụng gói cấu hình):
# khóa mật khẩu (usermod --lock), cho tài khoản
# hết hạn (usermod --expiredate 1) và đặt shell /usr/sbin/nologin. Tài khoản đã khóa, đã
# hết hạn và đã có shell nologin được giữ nguyên; thiếu điều nào thì làm điều đó (ví dụ
# tài khoản đã khóa, hết hạn nhưng còn shell đăng nhập được đặt shell nologin). Chạy lại
# nhiều lần không thay đổi thêm gì. Tài khoản ở hệ thống khác (Windows, miền, CSDL ngành,
# vnEdu, ...) được liệt kê để khóa bằng tay. Tên tài khoản cục bộ chỉ duy nhất trên một
# máy (thangnv ở trường này và thangnv ở trường khác là hai người): tài khoản linux-local
# của đơn vị khác được bỏ qua và báo lại; máy chưa rõ đơn vị thì không khóa tài khoản nào.
# Không xóa tài khoản, thư mục hay tệp nào. Ghi nhật ký JSON. Dùng --dry-run để chạy thử.
#
# The list comes from the staff roster (see attt_leavers below). For each linux-local
# account of the unit the machine running the script belongs to (the unit apply.sh
# recorded in /etc/attt-kit/bundle, or the unit named with --unit where the baseline was
# never applied): locks the password (usermod --lock),
# expires the account (usermod --expiredate 1) and sets the shell to /usr/sbin/nologin.
# An account already locked, expired and with the nologin shell is left as it is; what
# is missing is done (e.g. a locked, expired account that still has a login shell gets
# nologin). Running it again changes nothing. Accounts in other systems (Windows,
# domain, sector database, vnEdu, ...) are listed for manual action. A local account
# name is unique on one machine only (thangnv at one school and thangnv at another are
# two people): linux-local accounts of other units are skipped with a message, and a
# machine of unknown unit has none disabled. No account, directory or file is deleted.
# Writes a JSON log. --dry-run is a dry run.
#
# Cách dùng / Usage (root, --dry-run too: whether an account is locked and expired is in
# /etc/shadow, which only root can read):
#   sudo bash disable-leaver-accounts.sh --dry-run
#   sudo bash disable-leaver-accounts.sh [--unit UNIT] [--log FILE]
#
# Sinh tự động: sửa kiểm kê rồi sinh lại, không sửa tệp này.
# Generated: edit the inventory and regenerate, not this file.
set -euo pipefail

# ---------------------------------------------------------------- data (generated)
# @attt-kit:data@

# ---------------------------------------------------------------- runtime (fixed)
# Everything above this line is data: variables and calls whose every argument is one
# single-quoted word. This text never changes with the inventory, so no value from it
# can become a command.

# Byte-wise, locale-independent text handling (awk, tr, printf widths).
export LC_ALL=C
# The log names people: readable by root alone.
umask 077

NOLOGIN=/usr/sbin/nologin
# Where apply.sh records the bundle, so the unit, a machine took (write_marker in runtime-apply.sh).
MARKER=/etc/attt-kit/bundle
# A unit ID, as the inventory schema checks it.
UNIT_RE='^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'
DRY_RUN=no
LOG_FILE=
UNIT_GIVEN=
# The unit of this machine and where it comes from (resolve_unit); empty when unknown.
MACHINE_UNIT=
MACHINE_UNIT_SOURCE=
NOT_HERE=0
HOST=
TODAY=
COUNT=0
ERRORS=0
ENTRIES=
# The account being handled (set by leaver).
L_PERSON='' L_NAME='' L_UNIT='' L_STATUS='' L_SINCE='' L_SYSTEM='' L_USER=''

die() {
  printf 'disable-leaver-accounts: %s\n' "$*" >&2
  exit 2
}

usage() {
  cat >&2 <<'USAGE'
usage: disable-leaver-accounts.sh [--dry-run] [--unit UNIT] [--log FILE]
  --dry-run   chạy thử: báo việc sẽ làm, không thay đổi gì
              report what would be done, change nothing
  --unit UNIT mã đơn vị của máy, chỉ cần khi máy chưa áp dụng gói cấu hình
              (không có /etc/attt-kit/bundle); máy đã ghi đơn vị khác: dừng
              the unit ID of this machine, needed only where the baseline was never
              applied (no /etc/attt-kit/bundle); another recorded unit: refused
  --log FILE  ghi nhật ký JSON vào FILE (mặc định: cạnh script)
              write the JSON log to FILE (default: next to the script)
Cần quyền root, kể cả khi --dry-run (khóa và hết hạn đọc từ /etc/shadow).
Must run as root, --dry-run too (locked and expired are read from /etc/shadow).
USAGE
  exit "$1"
}

parse_args() {
  while [ "$#" -gt 0 ]; do
    case $1 in
      --dry-run) DRY_RUN=yes; shift ;;
      --log)
        if [ "$#" -lt 2 ] || [ -z "$2" ]; then usage 2; fi
        LOG_FILE=$2
        shift 2
        ;;
      --log=?*) LOG_FILE=${1#--log=}; shift ;;
      --unit)
        if [ "$#" -lt 2 ] || [ -z "$2" ]; then usage 2; fi
        UNIT_GIVEN=$2
        shift 2
        ;;
      --unit=?*) UNIT_GIVEN=${1#--unit=}; shift ;;
      -h | --help) usage 0 ;;
      *) printf 'disable-leaver-accounts: unknown argument: %s\n' "$1" >&2; usage 2 ;;
    esac
  done
}

# Console text on one line: control characters become '?', so no inventory value can
# start a line of its own or drive the terminal. The JSON log keeps the exact text.
one_line() { printf '%s' "$1" | tr '\000-\037\177' '?'; }

# @attt-kit:json@

# The line of user $2 in file $1 (exact name match, never a pattern); nothing when absent.
entry_of() {
  [ -r "$1" ] || return 0
  U=$2 awk -F: 'BEGIN { u = ENVIRON["U"] } $1 == u { print; exit }' "$1"
}

# Records and prints one account's outcome: report ACTION MESSAGE.
report() {
  local entry
  entry="{\"person\":$(json_string "$L_PERSON"),\"name\":$(json_string "$L_NAME")"
  entry="$entry,\"unit\":$(json_string "$L_UNIT"),\"status\":$(json_string "$L_STATUS")"
  entry="$entry,\"since\":$(json_string "$L_SINCE"),\"system\":$(json_string "$L_SYSTEM")"
  entry="$entry,\"username\":$(json_string "$L_USER"),\"action\":$(json_string "$1")"
  entry="$entry,\"message\":$(json_string "$2")}"
  ENTRIES="$ENTRIES${ENTRIES:+,}
    $entry"
  [ "$1" != error ] || ERRORS=$((ERRORS + 1))
  printf '  %-17s %-14s %-20s %s / %s: %s\n' "$1" "$(one_line "$L_SYSTEM")" "$(one_line "$L_USER")" \
    "$(one_line "$L_PERSON")" "$(one_line "$L_NAME")" "$(one_line "$2")"
}

# State of a local user, from /etc/passwd and /etc/shadow: sets U_UID, U_SHELL,
# U_LOCKED (yes/no), U_EXPIRED (yes/no), U_EXPIRE. Returns 1 when there is no such user.
read_user() {
  local pw sp pass expire=
  pw=$(entry_of /etc/passwd "$1")
  [ -n "$pw" ] || return 1
  IFS=: read -r _ pass U_UID _ _ _ U_SHELL <<<"$pw"
  sp=$(entry_of /etc/shadow "$1")
  if [ -n "$sp" ]; then IFS=: read -r _ pass _ _ _ _ _ expire _ <<<"$sp"; fi
  U_LOCKED=no
  case $pass in '!'*) U_LOCKED=yes ;; esac
  U_EXPIRE=$expire
  U_EXPIRED=no
  if [[ $expire =~ ^[0-9]{1,9}$ ]] && [ "$expire" -ge 1 ] && [ "$expire" -le "$TODAY" ]; then U_EXPIRED=yes; fi
  return 0
}

# What read_user found, for the console and the log.
describe_user() {
  local password=usable expiry='not expired'
  [ "$U_LOCKED" = no ] || password=locked
  [ "$U_EXPIRED" = no ] || expiry="expired (day $U_EXPIRE)"
  printf 'uid %s, password %s, %s, shell %s' "$U_UID" "$password" "$expiry" "$(one_line "$U_SHELL")"
}

# The unit apply.sh recorded: the first part of the bundle ID (<unit>/<os>-<role>) in
# $MARKER; nothing when there is no marker (baseline never applied, or undone).
recorded_unit() {
  local bundle
  [ -f "$MARKER" ] || return 0
  bundle=$(awk 'index($0, "bundle=") == 1 { print substr($0, 8); exit }' "$MARKER")
  case $bundle in */*) printf '%s' "${bundle%%/*}" ;; esac
}

# Which unit this machine belongs to. A local account name is unique on one machine only:
# thangnv at one school and thangnv at another are two people. So a linux-local row is
# acted on only on a machine of the unit of its leaver: the unit apply.sh recorded, or the
# one --unit names where nothing is recorded. No unit: no local account is disabled. The
# province-wide script thus does, on each machine, what the script of that unit does, and
# the script of a unit run on a machine of another unit changes none of its accounts.
# There is deliberately no option to act on the accounts of every unit on one machine.
# Called before the log is opened: a refusal (exit 2) changes nothing and writes no log.
resolve_unit() {
  local recorded
  if [ -n "$UNIT_GIVEN" ] && ! [[ $UNIT_GIVEN =~ $UNIT_RE ]]; then
    die "--unit $(one_line "$UNIT_GIVEN"): không phải mã đơn vị / not a unit ID. Không thay đổi gì / nothing was changed."
  fi
  recorded=$(recorded_unit)
  if [[ $recorded =~ $UNIT_RE ]]; then
    if [ -n "$UNIT_GIVEN" ] && [ "$UNIT_GIVEN" != "$recorded" ]; then
      die "máy này được ghi là thuộc đơn vị $recorded ($MARKER), không phải $UNIT_GIVEN (--unit); máy đã chuyển đơn vị thì áp dụng gói cấu hình của đơn vị mới trước / this machine is recorded as unit $recorded ($MARKER), not $UNIT_GIVEN (--unit); if it has moved, apply the baseline of the new unit first. Không thay đổi gì / nothing was changed."
    fi
    MACHINE_UNIT=$recorded MACHINE_UNIT_SOURCE=$MARKER
  elif [ -n "$UNIT_GIVEN" ]; then
    MACHINE_UNIT=$UNIT_GIVEN MACHINE_UNIT_SOURCE=--unit
  fi
}

disable_local() {
  # A local account is disabled only on a machine of the unit of its leaver (resolve_unit).
  if [ -z "$MACHINE_UNIT" ]; then
    NOT_HERE=$((NOT_HERE + 1))
    report skipped-no-unit "$HOST has no recorded unit: if it belongs to unit $L_UNIT, run again with --unit $L_UNIT"
    return 0
  fi
  if [ "$L_UNIT" != "$MACHINE_UNIT" ]; then
    NOT_HERE=$((NOT_HERE + 1))
    report skipped-other-unit "a leaver of unit $L_UNIT; $HOST is unit $MACHINE_UNIT: disable it on a machine of unit $L_UNIT"
    return 0
  fi
  # Debian's user name rule (NAME_REGEX), as the inventory schema checks it.
  local re='^[a-z_][a-z0-9_.-]{0,30}[$]?$' out before
  if ! [[ $L_USER =~ $re ]]; then
    report error "not a Linux user name; nothing done"
    return 0
  fi
  if ! read_user "$L_USER"; then
    report not-found "no user $L_USER in /etc/passwd on $HOST"
    return 0
  fi
  before=$(describe_user)
  if [ "$U_UID" = 0 ]; then
    report error "$before: a superuser (uid 0) is never changed by this script; review it by hand"
    return 0
  fi
  # Only what is missing is done: a locked, expired account that still has a login shell gets nologin.
  local args=() todo=()
  if [ "$U_LOCKED" = no ]; then args+=(--lock); todo+=("lock the password"); fi
  if [ "$U_EXPIRED" = no ]; then args+=(--expiredate 1); todo+=("expire the account"); fi
  if [ "$U_SHELL" != "$NOLOGIN" ]; then args+=(--shell "$NOLOGIN"); todo+=("set the shell to $NOLOGIN"); fi
  if [ "${#args[@]}" -eq 0 ]; then
    report already-disabled "$before"
    return 0
  fi
  local what
  what=$(printf '%s, ' "${todo[@]}")
  what=${what%, }
  if [ "$DRY_RUN" = yes ]; then
    report would-disable "$before; would $what"
    return 0
  fi
  if ! out=$(usermod "${args[@]}" -- "$L_USER" 2>&1); then
    report error "$before; usermod failed: $(one_line "$out")"
    return 0
  fi
  if read_user "$L_USER" && [ "$U_LOCKED" = yes ] && [ "$U_EXPIRED" = yes ] && [ "$U_SHELL" = "$NOLOGIN" ]; then
    report disabled "was $before; now $(describe_user)"
  else
    report error "was $before; after usermod: $(read_user "$L_USER" && describe_user)"
  fi
}

# Called by the data section, once per account of a leaver:
# leaver PERSON NAME UNIT STATUS SINCE SYSTEM USERNAME
leaver() {
  [ "$#" -eq 7 ] || die "script data: leaver takes 7 arguments, got $#"
  L_PERSON=$1 L_NAME=$2 L_UNIT=$3 L_STATUS=$4 L_SINCE=$5 L_SYSTEM=$6 L_USER=$7
  COUNT=$((COUNT + 1))
  case $L_SYSTEM in
    linux-local) disable_local ;;
    *) report manual "not a Linux local account: disable it in that system" ;;
  esac
}

ran_at() {
  # ISO 8601 with the offset written +07:00.
  date +%Y-%m-%dT%H:%M:%S%z | sed 's/\([0-9][0-9]\)$/:\1/'
}

attt_main() {
  parse_args "$@"
  if [ "$(id -u)" != 0 ]; then
    die "cần chạy với quyền root (sudo) / must run as root (sudo). Không thay đổi gì / nothing was changed."
  fi
  command -v usermod >/dev/null 2>&1 || die "usermod not found (Debian package passwd). Nothing was changed."
  resolve_unit
  HOST=$(uname -n)
  TODAY=$(($(date +%s) / 86400))
  if [ -z "$LOG_FILE" ]; then
    local here stamp
    here=$(cd "$(dirname "$0")" && pwd)
    stamp=$(date +%Y%m%d-%H%M%S)
    LOG_FILE=$here/disable-leaver-accounts-$(printf '%s' "$HOST" | tr -c 'A-Za-z0-9.-' '_')-$stamp.json
    [ ! -e "$LOG_FILE" ] || LOG_FILE=${LOG_FILE%.json}-$$.json
  fi
  # The log must be writable before anything changes.
  : >"$LOG_FILE" || die "cannot write the log $LOG_FILE. Nothing was changed."

  printf 'attt-kit: disable-leaver-accounts (%s: %s)\n' "$(one_line "$ATTT_SCOPE")" "$(one_line "$ATTT_SCOPE_NAME")"
  printf '  %s, roster as of %s, on %s\n' "$(one_line "$ATTT_GENERATOR")" "$(one_line "$ATTT_AS_OF")" "$(one_line "$HOST")"
  [ "$DRY_RUN" = no ] || printf '  CHẠY THỬ / DRY RUN: nothing is changed\n'
  if [ -n "$MACHINE_UNIT" ]; then
    printf '  đơn vị của máy / machine unit: %s (%s)\n' "$MACHINE_UNIT" "$MACHINE_UNIT_SOURCE"
  else
    printf '  CHƯA RÕ ĐƠN VỊ: máy chưa áp dụng gói cấu hình (không có đơn vị ghi trong %s), không khóa tài khoản linux-local nào; nếu máy thuộc một đơn vị, chạy lại với --unit <mã đơn vị>. / NO UNIT: the baseline was never applied here (no unit recorded in %s), so no linux-local account is disabled; if this machine belongs to a unit, run again with --unit <unit id>.\n' "$MARKER" "$MARKER"
  fi

  attt_leavers
  [ "$COUNT" -gt 0 ] || printf '  no leaver accounts in the roster\n'
  if [ "$NOT_HERE" -gt 0 ]; then
    printf '%s tài khoản linux-local không khóa trên máy này (của đơn vị khác, hoặc máy chưa rõ đơn vị). / %s linux-local accounts not disabled on this machine (of another unit, or the unit of this machine is unknown).\n' "$NOT_HERE" "$NOT_HERE"
  fi

  local dry=false
  [ "$DRY_RUN" = no ] || dry=true
  {
    printf '{\n  "machine": %s,\n' "$(json_string "$HOST")"
    if [ -n "$MACHINE_UNIT" ]; then
      printf '  "machineUnit": %s,\n' "$(json_string "$MACHINE_UNIT")"
      printf '  "machineUnitSource": %s,\n' "$(json_string "$MACHINE_UNIT_SOURCE")"
    else
      printf '  "machineUnit": null,\n  "machineUnitSource": null,\n'
    fi
    printf '  "scope": %s,\n' "$(json_string "$ATTT_SCOPE")"
    printf '  "scopeName": %s,\n' "$(json_string "$ATTT_SCOPE_NAME")"
    printf '  "generator": %s,\n' "$(json_string "$ATTT_GENERATOR")"
    printf '  "asOf": %s,\n' "$(json_string "$ATTT_AS_OF")"
    printf '  "ranAt": %s,\n' "$(json_string "$(ran_at)")"
    printf '  "dryRun": %s,\n' "$dry"
    printf '  "entries": [%s\n  ]\n}\n' "$ENTRIES"
  } >"$LOG_FILE"
  printf 'Nhật ký / Log: %s\n' "$LOG_FILE"
  [ "$ERRORS" -eq 0 ] || exit 1
}

attt_main "$@"
