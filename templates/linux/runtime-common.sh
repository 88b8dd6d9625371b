# ----------------------------------------------------------------------------
# Runtime (fixed text, the same in every bundle). Everything above this line is
# data: variables and calls whose every argument is one single-quoted word.
# The data section calls the functions below; this text never changes with the
# inventory, so no value from it can become a command.
# ----------------------------------------------------------------------------

# Byte-wise, locale-independent text handling (sort order, lengths, awk).
export LC_ALL=C
umask 022

ROOT=/
ROOT_GIVEN=${ATTT_ROOT:-}
ROLE_GIVEN=
OUT_FILE=
UPLOAD_URL=
CREDENTIAL_FILE=/etc/attt/upload.credential
UPLOAD_CA=
ALLOW_SSH_SESSION=no
BACKUP_REL=/var/backups/attt-kit

# Every message in Vietnamese first (the school's IT staff read it), then in English:
# say VI [EN] prints one line each, the English one indented under the Vietnamese.
say() {
  printf 'attt: %s\n' "$1" >&2
  [ "$#" -lt 2 ] || printf 'attt:   %s\n' "$2" >&2
}
die() {
  say "$@"
  exit 2
}

# --help: the usage on stdout, exit 0; a wrong argument: the usage on stderr, exit 2.
usage() {
  local to=2 code=2
  [ "${1:-}" != help ] || to=1 code=0
  cat >&"$to" <<USAGE
cách dùng / usage: bash $ATTT_MODE.sh [--root DIR] [--role ROLE] [--out FILE] [--upload URL [--credential FILE] [--ca FILE]] [--allow-ssh-session]
  --root DIR   áp dụng cho hệ thống gắn tại DIR thay vì / (hoặc ATTT_ROOT=DIR)
               act on the system mounted at DIR instead of / (also ATTT_ROOT=DIR)
  --role ROLE  vai trò của máy; từ chối nếu khác vai trò của gói
               the role this machine has; refused when it is not the bundle's role
  --out FILE   chỉ audit.sh: ghi minh chứng (JSON) vào FILE thay vì ra màn hình
               audit.sh only: write the evidence (JSON) to FILE instead of the screen
  --upload URL chỉ audit.sh: gửi thêm minh chứng về dịch vụ thu nhận của tỉnh tại URL (https://...), bằng curl
               audit.sh only: also send the evidence to the province's collection service at URL (https://...), with curl
  --credential FILE
               chỉ audit.sh: khóa tải minh chứng của đơn vị (mặc định /etc/attt/upload.credential)
               audit.sh only: the unit's upload credential (default /etc/attt/upload.credential)
  --ca FILE    chỉ audit.sh: chứng thư CA đã ký chứng thư của dịch vụ thu nhận (mặc định: kho CA của hệ thống)
               audit.sh only: the CA certificate that signed the collection service's certificate (default: the system's CA store)
  --allow-ssh-session
               chỉ apply.sh: vẫn chạy qua SSH dù gói tắt SSH (phiên này sẽ là phiên SSH cuối)
               apply.sh only: run over SSH although the bundle switches SSH off (this is the last SSH session)
  --help       in hướng dẫn này / print this help
Mã thoát / exit code: 0 đạt / passed; 1 có mục chưa đạt / something fails; 2 từ chối, không thay đổi gì / refused, nothing changed; 3 chưa gửi được minh chứng, tệp vẫn giữ / evidence not sent, the file kept (audit.sh --upload).
USAGE
  exit "$code"
}

attt_parse_args() {
  while [ "$#" -gt 0 ]; do
    case $1 in
      --root) [ "$#" -ge 2 ] || usage; ROOT_GIVEN=$2; shift 2 ;;
      --root=*) ROOT_GIVEN=${1#--root=}; shift ;;
      --role) [ "$#" -ge 2 ] || usage; ROLE_GIVEN=$2; shift 2 ;;
      --role=*) ROLE_GIVEN=${1#--role=}; shift ;;
      --out) [ "$#" -ge 2 ] || usage; OUT_FILE=$2; shift 2 ;;
      --out=*) OUT_FILE=${1#--out=}; shift ;;
      --upload) [ "$#" -ge 2 ] || usage; UPLOAD_URL=$2; shift 2 ;;
      --upload=*) UPLOAD_URL=${1#--upload=}; shift ;;
      --credential) [ "$#" -ge 2 ] || usage; CREDENTIAL_FILE=$2; shift 2 ;;
      --credential=*) CREDENTIAL_FILE=${1#--credential=}; shift ;;
      --ca) [ "$#" -ge 2 ] || usage; UPLOAD_CA=$2; shift 2 ;;
      --ca=*) UPLOAD_CA=${1#--ca=}; shift ;;
      --allow-ssh-session) ALLOW_SSH_SESSION=yes; shift ;;
      -h | --help) usage help ;;
      *) say "tham số không hợp lệ: $1" "unknown argument: $1"; usage ;;
    esac
  done
  if [ -n "$OUT_FILE" ] && [ "$ATTT_MODE" != audit ]; then die "--out chỉ dùng cho audit.sh" "--out is an option of audit.sh"; fi
  if [ "$ALLOW_SSH_SESSION" = yes ] && [ "$ATTT_MODE" != apply ]; then
    die "--allow-ssh-session chỉ dùng cho apply.sh" "--allow-ssh-session is an option of apply.sh"
  fi
  if [ -n "$UPLOAD_URL" ]; then
    [ "$ATTT_MODE" = audit ] || die "--upload chỉ dùng cho audit.sh" "--upload is an option of audit.sh"
    case $UPLOAD_URL in
      https://*) ;;
      *) die "--upload $UPLOAD_URL: dịch vụ thu nhận chỉ nhận qua https://" "--upload $UPLOAD_URL: the collection service is reached over https:// only" ;;
    esac
    command -v curl >/dev/null 2>&1 || die "--upload cần curl (apt-get install curl)" "--upload needs curl (apt-get install curl)"
    [ -r "$CREDENTIAL_FILE" ] || die "--upload: không đọc được khóa tải minh chứng $CREDENTIAL_FILE (xem README của gói)" "--upload: cannot read the unit's credential $CREDENTIAL_FILE (see the bundle's README)"
    [ -z "$UPLOAD_CA" ] || [ -r "$UPLOAD_CA" ] || die "--ca $UPLOAD_CA: không đọc được tệp" "--ca $UPLOAD_CA: cannot read it"
  fi
  if [ -n "$ROOT_GIVEN" ]; then
    [ -d "$ROOT_GIVEN" ] || die "--root $ROOT_GIVEN: không có thư mục này" "--root $ROOT_GIVEN: no such directory"
    ROOT=$(cd "$ROOT_GIVEN" && pwd -P)
  fi
  # R is prefixed to every path of the target system: empty for the running system.
  if [ "$ROOT" = / ]; then R=; else R=$ROOT; fi
  # Where apply.sh keeps its backups and undo.sh finds them (audit.sh does not use it).
  # shellcheck disable=SC2034
  BK=$R$BACKUP_REL
}

# True when acting on the running system rather than on a mounted root.
is_live() { [ -z "$R" ]; }

# Runs a program of the target system: directly, or inside the alternate root.
in_root() {
  if is_live; then "$@"; else chroot "$R" "$@"; fi
}

systemctl_root() {
  if is_live; then systemctl "$@"; else systemctl --root="$R" "$@"; fi
}

# ---------------------------------------------------------------- the machine

os_field() {
  # One field of os-release, unquoted; the file is parsed, never sourced.
  sed -n "s/^$1=//p" "$R/etc/os-release" 2>/dev/null | head -n 1 | sed -e 's/^"//' -e 's/"$//' -e "s/^'//" -e "s/'$//"
}

machine_name() {
  if is_live; then
    uname -n
  elif [ -s "$R/etc/hostname" ]; then
    head -n 1 "$R/etc/hostname"
  else
    printf 'unknown'
  fi
}

# The stable machine ID (systemd's /etc/machine-id): tells two audits of one machine from
# two machines that share a name. Lower-case hex, 32 digits; empty when there is none.
machine_id() {
  local id
  id=$(head -n 1 "$R/etc/machine-id" 2>/dev/null | tr -d '[:space:]' | tr 'A-F' 'a-f')
  case $id in
    *[!0-9a-f]*) ;;
    ????????????????????????????????) printf '%s' "$id" ;;
  esac
}

OS_MATCHED=no
OS_WANTED=
target_os() {
  OS_WANTED="$OS_WANTED $1 $2,"
  if [ "$(os_field ID)" = "$1" ] && [ "$(os_field VERSION_ID)" = "$2" ]; then OS_MATCHED=yes; fi
}

HOST_ROLES=
HOST_LISTED_FOR_BUNDLE=no
known_host() {
  if [ "$1" = "$(machine_name)" ]; then
    if [ "$2" = "$ATTT_ROLE" ]; then HOST_LISTED_FOR_BUNDLE=yes; else HOST_ROLES="$HOST_ROLES $2"; fi
  fi
}

attt_check_target() {
  attt_targets
  if [ "$OS_MATCHED" != yes ]; then
    die "sai hệ điều hành: gói này dành cho${OS_WANTED%,}; máy này chạy $(os_field ID) $(os_field VERSION_ID) (theo $R/etc/os-release). Chưa thay đổi gì." \
      "wrong OS: this bundle is for${OS_WANTED%,}; this machine runs $(os_field ID) $(os_field VERSION_ID) (from $R/etc/os-release). Nothing was changed."
  fi
  if [ -n "$ROLE_GIVEN" ] && [ "$ROLE_GIVEN" != "$ATTT_ROLE" ]; then
    die "sai vai trò: gói này cho vai trò $ATTT_ROLE, máy được khai báo là $ROLE_GIVEN. Hãy dùng gói của vai trò $ROLE_GIVEN. Chưa thay đổi gì." \
      "wrong role: this bundle is for role $ATTT_ROLE, the machine was declared $ROLE_GIVEN. Use the bundle of role $ROLE_GIVEN. Nothing was changed."
  fi
  attt_hosts
  if [ "$HOST_LISTED_FOR_BUNDLE" != yes ] && [ -n "$HOST_ROLES" ]; then
    die "sai vai trò: bảng kiểm kê ghi máy $(machine_name) có vai trò$HOST_ROLES, gói này cho vai trò $ATTT_ROLE. Chưa thay đổi gì." \
      "wrong role: the inventory lists $(machine_name) with role$HOST_ROLES, this bundle is for role $ATTT_ROLE. Nothing was changed."
  fi
  local marker=$R/etc/attt-kit/bundle
  if [ -f "$marker" ]; then
    local had
    had=$(sed -n 's/^role=//p' "$marker" | head -n 1)
    if [ -n "$had" ] && [ "$had" != "$ATTT_ROLE" ]; then
      die "sai vai trò: máy này đã được áp dụng gói vai trò $had ($marker); hãy chạy undo.sh của gói đó trước. Chưa thay đổi gì." \
        "wrong role: this machine was hardened as role $had ($marker); run that bundle's undo.sh first. Nothing was changed."
    fi
  fi
}

attt_banner() {
  say "$1 $ATTT_BUNDLE_ID (sha256 ${ATTT_BUNDLE_SHA256:0:12}, $ATTT_GENERATOR), máy / machine $(machine_name), root $ROOT"
  say "đơn vị / unit: $ATTT_UNIT_ID, $ATTT_UNIT_NAME"
}

# ---------------------------------------------------------------- helpers

# The audit checks hundreds of settings: the helpers below that run for each one fork
# as few programs as they can (bash's own expansions rather than sed, cut or tr).
sha256_of() {
  local sum
  sum=$(sha256sum <"$1")
  printf '%s' "${sum%% *}"
}

# "mode owner:group sha256" of a file, or "absent".
file_state() {
  if [ -f "$1" ] && [ ! -L "$1" ]; then
    printf '%s %s' "$(stat -c '%a %u:%g' "$1")" "$(sha256_of "$1")"
  elif [ -e "$1" ] || [ -L "$1" ]; then
    printf 'not-a-regular-file'
  else
    printf 'absent'
  fi
}

# Mode as stat prints it ("644" for "0644").
short_mode() { printf '%s' "${1#"${1%%[!0]*}"}"; }

check_path() {
  case $1 in
    /*) ;;
    *) die "dữ liệu gói hỏng: không phải đường dẫn tuyệt đối: $1" "bundle data: not an absolute path: $1" ;;
  esac
  case /$1/ in
    */../* | */./*) die "dữ liệu gói hỏng: đường dẫn có . hoặc ..: $1" "bundle data: path with . or ..: $1" ;;
  esac
}

# The installed packages, read with one dpkg-query on first use (forgotten when apply.sh
# installs or removes some). A package installed for any architecture counts.
declare -A PACKAGES_INSTALLED=()
PACKAGES_READ=no
package_installed() {
  if [ "$PACKAGES_READ" = no ]; then
    local name status
    PACKAGES_INSTALLED=()
    while read -r name status; do
      [ "$status" != installed ] || PACKAGES_INSTALLED[$name]=1
    done < <(dpkg-query --admindir="$R/var/lib/dpkg" -W -f='${Package} ${db:Status-Status}\n' 2>/dev/null || true)
    PACKAGES_READ=yes
  fi
  [ -n "${PACKAGES_INSTALLED[$1]:-}" ]
}

check_package_name() {
  printf '%s' "$1" | grep -Eq '^[a-z0-9][a-z0-9.+-]+$' || die "dữ liệu gói hỏng: không phải tên gói Debian: $1" "bundle data: not a Debian package name: $1"
}

# The unit's enablement as systemctl reports it, or "not-found".
unit_state() {
  local s
  s=$(systemctl_root is-enabled -- "$1" 2>/dev/null || true)
  printf '%s' "${s:-not-found}"
}

unit_state_ok() {
  # $1 wanted, $2 observed
  case $1:$2 in
    enabled:enabled | enabled:enabled-runtime | enabled:static | enabled:alias) return 0 ;;
    disabled:disabled | disabled:not-found | disabled:masked) return 0 ;;
    masked:masked) return 0 ;;
  esac
  return 1
}

# Where enabling, disabling and masking units leaves its traces: symlinks (and the
# .wants directories holding them) for systemd and for SysV init (update-rc.d).
UNIT_LINK_DIRS="/etc/systemd/system /etc/rc0.d /etc/rc1.d /etc/rc2.d /etc/rc3.d /etc/rc4.d /etc/rc5.d /etc/rc6.d /etc/rcS.d"

# Every symlink and directory under those, as NUL-separated "type path target" triples
# (paths with the root prefix $R).
unit_links() {
  local d
  for d in $UNIT_LINK_DIRS; do
    [ -d "$R$d" ] || continue
    find "$R$d" \( -type l -o -type d \) -printf '%y\0%p\0%l\0'
  done
}

# A file name for per-unit state that no unit name (however strange) can escape from.
unit_key() { printf '%s' "$1" | sha256sum | cut -d ' ' -f 1; }

# Value of the last active "key value" / "key = value" line ("" when none).
kv_value() {
  [ -f "$1" ] || return 0
  K=$2 awk '
    BEGIN { k = ENVIRON["K"]; v = "" }
    {
      s = $0; sub(/^[ \t]+/, "", s)
      if (substr(s, 1, 1) == "#") next
      if (match(s, /[ \t=]/)) key = substr(s, 1, RSTART - 1); else key = s
      if (key != k) next
      rest = substr(s, length(k) + 1)
      sub(/^[ \t]*=?[ \t]*/, "", rest); sub(/[ \t\r]+$/, "", rest)
      v = rest
    }
    END { printf "%s", v }' "$1"
}

kv_ok() {
  # $1 observed, $2 expected, $3 compare
  case $3 in
    eq) [ "$1" = "$2" ] ;;
    min | max)
      printf '%s' "$1" | grep -Eq '^[0-9]{1,9}$' || return 1
      if [ "$3" = min ]; then [ "$1" -ge "$2" ]; else [ "$1" -le "$2" ]; fi
      ;;
    *) return 1 ;;
  esac
}

# True when an active line of PAM file $1 names module $2.
pam_has_module() {
  [ -f "$1" ] || return 1
  M=$2 awk '
    BEGIN { m = ENVIRON["M"]; found = 0 }
    /^[ \t]*#/ { next }
    { for (i = 1; i <= NF; i++) if ($i == m) found = 1 }
    END { exit !found }' "$1"
}

# root's PATH as a root login gets it (what CIS reads with sudo -Hiu root env). On the
# running system, from a real login (runuser -l: PAM, pam_env, then the login files;
# Ubuntu's /etc/profile sets no PATH, pam_env does). In an alternate root nothing of it
# is run: PATH from /etc/environment (pam_env's), else ENV_SUPATH of /etc/login.defs.
root_login_path() {
  if is_live; then
    # shellcheck disable=SC2016 # $PATH is expanded by root's login shell, not this one
    timeout 20 runuser -l root -c 'printf %s "$PATH"' </dev/null 2>/dev/null || true
    return 0
  fi
  local p
  if [ -f "$R/etc/environment" ]; then
    p=$(sed -n 's/^[[:space:]]*\(export[[:space:]]\+\)\{0,1\}PATH=//p' "$R/etc/environment" | tail -n 1)
    p=${p#\"}; p=${p%\"}; p=${p#\'}; p=${p%\'}
  fi
  [ -n "$p" ] || p=$(kv_value "$R/etc/login.defs" ENV_SUPATH)
  printf '%s' "${p#PATH=}"
}

# ---------------------------------------------------------------- measured checks

# Age in whole days of ClamAV's newest daily signatures, from the build time (9th
# field) of each daily.cvd/.cld/.cud header; nothing when there are none.
signature_age_days() {
  local f stime newest='' now
  for f in "$R/var/lib/clamav/daily.cvd" "$R/var/lib/clamav/daily.cld" "$R/var/lib/clamav/daily.cud"; do
    [ -f "$f" ] || continue
    stime=$(head -c 512 "$f" | tr -d '\000' | cut -d : -f 9 | tr -dc '0-9')
    [[ $stime =~ ^[0-9]{1,12}$ ]] || continue
    if [ -z "$newest" ] || [ "$stime" -gt "$newest" ]; then newest=$stime; fi
  done
  [ -n "$newest" ] || return 0
  now=$(date +%s)
  if [ "$newest" -ge "$now" ]; then printf '0'; else printf '%s' $(((now - newest) / 86400)); fi
}

# Options of the /etc/fstab entry for mount point $1 ("" when there is none).
fstab_options() {
  [ -f "$R/etc/fstab" ] || return 0
  P=$1 awk '!/^[ \t]*#/ && $2 == ENVIRON["P"] { o = $4 } END { printf "%s", o }' "$R/etc/fstab"
}

# True when an active line of /etc/fstab mounts something on $1.
fstab_mounts() {
  [ -f "$R/etc/fstab" ] || return 1
  P=$1 awk '!/^[ \t]*#/ && $2 == ENVIRON["P"] { found = 1 } END { exit !found }' "$R/etc/fstab"
}

# The options of list $2 (comma-separated, e.g. nodev,noexec) that option list $1 does
# not end up with, space-separated; nothing when it has them all. The last of an option
# and its opposite wins, as in mount: "noexec,exec" is not noexec.
options_missing() {
  local o w last out=''
  local -a have
  IFS=, read -ra have <<<"$1"
  for w in ${2//,/ }; do
    last=
    for o in "${have[@]}"; do
      if [ "$o" = "$w" ] || [ "$o" = "${w#no}" ]; then last=$o; fi
    done
    [ "$last" = "$w" ] || out="$out $w"
  done
  printf '%s' "${out# }"
}

# ---------------------------------------------------------------- permissions

# GID of group $1 in the target's /etc/group; nothing when it has none.
group_id() {
  [ -f "$R/etc/group" ] || return 0
  G=$1 awk -F: '$1 == ENVIRON["G"] { print $3; exit }' "$R/etc/group"
}

# "mode uid:gid" of a path (mode in octal as stat prints it), "absent" or "symlink".
mode_state() {
  if [ -L "$1" ]; then
    printf 'symlink'
  elif [ -e "$1" ]; then
    stat -c '%a %u:%g' "$1"
  else
    printf 'absent'
  fi
}

# mode_ok STATE MAXMODE GID: the state allows no bit beyond MAXMODE, owner root, group GID.
mode_ok() {
  local mode=${1%% *} owner=${1#* }
  case $1 in absent) return 0 ;; symlink) return 1 ;; esac
  [ "$owner" = "0:$3" ] && [ $((8#$mode & ~8#$2 & 8#7777)) -eq 0 ]
}

# The regular files below directory $1 with a mode bit beyond $2, but those whose name
# matches a pattern of the space-separated list $3: "mode path" NUL-terminated, sorted.
# A name with a line break is left out (it could not be recorded for undo.sh).
files_beyond() {
  local p
  local -a pats skip=()
  read -ra pats <<<"$3"
  for p in "${pats[@]}"; do skip+=(! -name "$p"); done
  [ -d "$R$1" ] && [ ! -L "$R$1" ] || return 0
  find "$R$1" -type f ! -name $'*\n*' "${skip[@]}" -perm "/$(printf '%o' $((8#7777 & ~8#$2)))" -printf '%m %p\0' 2>/dev/null |
    sort -z -k 2
}

# ---------------------------------------------------------------- accounts

# Shells that allow a login: /etc/shells without comments and without nologin.
valid_shells() {
  [ -f "$R/etc/shells" ] || return 0
  awk '!/^[ \t]*#/ && NF && $1 !~ /nologin$/ { print $1 }' "$R/etc/shells"
}

uid_min() {
  local v
  v=$(kv_value "$R/etc/login.defs" UID_MIN)
  [[ $v =~ ^[0-9]{1,9}$ ]] || v=1000
  printf '%s' "$v"
}

# "name uid home" of every account whose shell allows a login.
interactive_accounts() {
  S=$(valid_shells) awk -F: '
    BEGIN { n = split(ENVIRON["S"], s, "\n"); for (i = 1; i <= n; i++) ok[s[i]] = 1 }
    ($7 in ok) { print $1, $3, $6 }' "$R/etc/passwd"
}

# The accounts (or groups) breaking rule $1, one per line; nothing when none does.
account_offenders() {
  local passwd=$R/etc/passwd shadow=$R/etc/shadow group=$R/etc/group
  case $1 in
    shadowed-passwords) awk -F: '$2 != "x" { print $1 }' "$passwd" ;;
    no-empty-passwords) awk -F: '$2 == "" { print $1 }' "$shadow" ;;
    groups-exist)
      awk -F: 'NR == FNR { g[$3] = 1; next } !($4 in g) { print $1 " (GID " $4 ")" }' "$group" "$passwd"
      ;;
    shadow-group-empty)
      awk -F: 'NR == FNR { if ($1 == "shadow") { gid = $3; if ($4 != "") print "members: " $4 }; next }
        gid != "" && $4 == gid { print $1 }' "$group" "$passwd"
      ;;
    unique-uids) cut -d : -f 3 "$passwd" | sort | uniq -d | sed 's/^/UID /' ;;
    unique-gids) cut -d : -f 3 "$group" | sort | uniq -d | sed 's/^/GID /' ;;
    unique-user-names) cut -d : -f 1 "$passwd" | sort | uniq -d ;;
    unique-group-names) cut -d : -f 1 "$group" | sort | uniq -d ;;
    root-only-uid0) awk -F: '$3 == 0 && $1 != "root" { print $1 }' "$passwd" ;;
    root-only-gid0-account)
      awk -F: '$4 == 0 && $1 !~ /^(root|sync|shutdown|halt|operator)$/ { print $1 }' "$passwd"
      ;;
    root-only-gid0-group) awk -F: '$3 == 0 && $1 != "root" { print $1 }' "$group" ;;
    system-accounts-no-shell)
      S=$(valid_shells) U=$(uid_min) awk -F: '
        BEGIN { n = split(ENVIRON["S"], s, "\n"); for (i = 1; i <= n; i++) ok[s[i]] = 1 }
        $1 !~ /^(root|halt|sync|shutdown|nfsnobody)$/ && ($3 < ENVIRON["U"] + 0 || $3 == 65534) && ($7 in ok) { print $1 " (" $7 ")" }' "$passwd"
      ;;
    no-shell-accounts-locked)
      S=$(valid_shells) awk -F: '
        BEGIN { n = split(ENVIRON["S"], s, "\n"); for (i = 1; i <= n; i++) ok[s[i]] = 1 }
        NR == FNR { if ($1 != "root" && !($7 in ok)) noshell[$1] = 1; next }
        ($1 in noshell) && $2 !~ /^[!*]/ { print $1 }' "$passwd" "$shadow"
      ;;
    password-changes-past)
      D=$(($(date +%s) / 86400)) awk -F: '$3 ~ /^[0-9]+$/ && $3 > ENVIRON["D"] + 0 { print $1 }' "$shadow"
      ;;
    home-directories)
      local name uid home st
      while read -r name uid home; do
        st=$(mode_state "$R$home")
        case $st in
          absent) printf '%s: %s missing\n' "$name" "$home" ;;
          symlink) printf '%s: %s is a symbolic link\n' "$name" "$home" ;;
          *)
            if [ "${st#* }" != "$uid:${st#*:}" ] || [ $((8#${st%% *} & 8#7027)) -ne 0 ]; then
              printf '%s: %s mode %s owner %s\n' "$name" "$home" "${st%% *}" "${st#* }"
            fi
            ;;
        esac
      done < <(interactive_accounts)
      ;;
    dot-files)
      local name uid home f st bits
      while read -r name uid home; do
        if [ ! -d "$R$home" ] || [ -L "$R$home" ]; then continue; fi
        for f in "$R$home"/.[!.]*; do
          if [ ! -f "$f" ] || [ -L "$f" ]; then continue; fi
          st=$(stat -c '%a %u' "$f")
          case ${f##*/} in
            .forward | .rhosts) printf '%s: %s exists\n' "$name" "${f#"$R"}"; continue ;;
            .netrc | .bash_history) bits=8#7177 ;;
            *) bits=8#7133 ;;
          esac
          if [ "${st#* }" != "$uid" ] || [ $((8#${st%% *} & bits)) -ne 0 ]; then
            printf '%s: %s mode %s owner %s\n' "$name" "${f#"$R"}" "${st%% *}" "${st#* }"
          fi
        done
      done < <(interactive_accounts)
      ;;
    root-path)
      local path entry st
      path=$(root_login_path)
      [ -n "$path" ] || { printf 'PATH of a root login could not be read\n'; return 0; }
      [[ $path != :* && $path != *: && $path != *::* ]] || printf 'PATH has an empty entry\n'
      local -a entries
      IFS=: read -ra entries <<<"$path"
      for entry in "${entries[@]}"; do
        case $entry in
          '') continue ;;
          /*) ;;
          *) printf '%s: relative\n' "$entry"; continue ;;
        esac
        if [ ! -d "$R$entry" ]; then
          printf '%s: not a directory\n' "$entry"
          continue
        fi
        st=$(stat -L -c '%a %u' "$R$entry")
        if [ "${st#* }" != 0 ] || [ $((8#${st%% *} & 8#022)) -ne 0 ]; then
          printf '%s: mode %s owner %s\n' "$entry" "${st%% *}" "${st#* }"
        fi
      done
      ;;
    root-umask)
      local f
      for f in /root/.bash_profile /root/.bashrc /root/.profile; do
        [ -f "$R$f" ] || continue
        N=$f awk '
          function octal(s,  i, n) { n = 0; for (i = 1; i <= length(s); i++) n = n * 8 + substr(s, i, 1); return n }
          /^[ \t]*#/ { next }
          match($0, /(^|[ \t;])umask[ \t]+[^ \t;]+/) {
            v = substr($0, RSTART, RLENGTH); sub(/^.*umask[ \t]+/, "", v)
            if (v !~ /^[0-7]+$/) { print ENVIRON["N"] ":" FNR ": umask " v " (not octal)"; next }
            n = octal(v)
            # 027: group may not write, others may do nothing.
            if (int(n / 8) % 8 % 4 < 2 || n % 8 != 7) print ENVIRON["N"] ":" FNR ": umask " v
          }' "$R$f"
      done
      ;;
    su-group-empty) awk -F: '$1 == "root" && $4 != "" { print "members of group root: " $4 }' "$group" ;;
    *) die "dữ liệu gói hỏng: quy tắc tài khoản lạ $1" "bundle data: unknown account rule $1" ;;
  esac
}

# The arguments of the first active line of PAM module $2 in file $1, space-separated;
# "absent" when no active line names it.
pam_module_args() {
  [ -f "$1" ] || { printf 'absent'; return 0; }
  M=$2 awk '
    /^[ \t]*#/ { next }
    { for (i = 1; i <= NF; i++) if ($i == ENVIRON["M"]) { a = ""; for (j = i + 1; j <= NF; j++) a = a " " $j; print substr(a, 2); found = 1; exit } }
    END { if (!found) print "absent" }' "$1"
}

# The first active line of the files (or of the files in the directories) $1 that
# holds one of the words $2, as FILE:LINE; nothing when none does.
config_hit() {
  local p f w
  local -a paths words
  read -ra paths <<<"$1"
  read -ra words <<<"$2"
  for p in "${paths[@]}"; do
    for f in "$R$p" "$R$p"/*; do
      if [ ! -f "$f" ] || [ -L "$f" ]; then continue; fi
      for w in "${words[@]}"; do
        W=$w N=${f#"$R"} awk '!/^[ \t]*#/ && index($0, ENVIRON["W"]) { printf "%s:%d (%s)\n", ENVIRON["N"], FNR, ENVIRON["W"]; exit }' "$f"
      done
    done
  done | head -n 1
}

# The first of the ini files $1 (space-separated) where KEY of [SECTION] ($2 is
# SECTION.KEY) is switched on (true, 1, yes; any case, spaces trimmed), as FILE:LINE.
ini_flag_on() {
  local f
  local -a paths
  read -ra paths <<<"$1"
  for f in "${paths[@]}"; do
    if [ ! -f "$R$f" ] || [ -L "$R$f" ]; then continue; fi
    S=${2%%.*} K=${2#*.} N=$f awk '
      function trim(x) { sub(/^[ \t]+/, "", x); sub(/[ \t\r]+$/, "", x); return x }
      { line = trim($0) }
      line ~ /^[#;]/ || line == "" { next }
      line ~ /^\[.*\]$/ { section = tolower(trim(substr(line, 2, length(line) - 2))); next }
      section != tolower(ENVIRON["S"]) { next }
      {
        eq = index(line, "="); if (!eq) next
        if (tolower(trim(substr(line, 1, eq - 1))) != tolower(ENVIRON["K"])) next
        v = tolower(trim(substr(line, eq + 1)))
        if (v == "true" || v == "1" || v == "yes") { printf "%s:%d\n", ENVIRON["N"], FNR; exit }
      }' "$R$f"
  done | head -n 1
}

# The wireless interfaces (/sys/class/net/X/wireless) that are up or carry the default
# route, one "NAME (why)" a line. Read under $R too: an image being prepared has none.
wireless_in_use() {
  local d name
  for d in "$R/sys/class/net"/*/wireless; do
    [ -d "$d" ] || continue
    d=${d%/wireless}
    name=${d##*/}
    if [ "$(head -n 1 "$d/operstate" 2>/dev/null)" = up ]; then
      printf '%s (up)\n' "$(shown "$name")"
    elif I=$name awk 'NR > 1 && $1 == ENVIRON["I"] && $2 == "00000000" { found = 1 } END { exit !found }' "$R/proc/net/route" 2>/dev/null; then
      printf '%s (default route)\n' "$(shown "$name")"
    fi
  done
}

# autofs's active maps: lines of /etc/auto.master and /etc/auto.master.d/*.autofs that
# are neither comments nor includes (+auto.master, +dir:), as FILE:LINE MOUNTPOINT.
autofs_maps() {
  local f
  for f in "$R/etc/auto.master" "$R/etc/auto.master.d"/*.autofs; do
    [ -f "$f" ] || continue
    N=${f#"$R"} awk '!/^[ \t]*(#|$)/ && $1 !~ /^\+/ { printf "%s:%d %s\n", ENVIRON["N"], FNR, $1 }' "$f"
  done
}

# ---------------------------------------------------------------- one walk over the files

# Every file and directory of the local filesystems once, for both filesystem rules:
# "ww PATH" world-writable (a directory only without the sticky bit), "un PATH" an owner
# or group the target's passwd or group does not know. Walked: each local disk
# filesystem mounted (find -xdev from each mount point; in an alternate root, the root's
# own filesystem), so network shares, USB media without Unix permissions, /proc and
# /sys are never entered. Left out as well: users' runtime folders, container storage
# (other images' files), snaps (read-only images) and snapshots (/timeshift,
# /.snapshots: copies of the same files). Kept: the first 5 paths of each rule and a
# count ("nww N"), so a machine with millions of findings holds only those.
# Run before the measurement (not in its subshell), so the two rules share one walk.
LOCAL_FSTYPES=" ext2 ext3 ext4 xfs btrfs f2fs jfs reiserfs zfs bcachefs tmpfs overlay "
local_mounts() {
  if ! is_live; then
    printf '%s\n' "$R/"
    return 0
  fi
  local target type
  while read -r target type; do
    target=$(printf '%b' "$target")
    case $target in /proc/* | /sys/* | /run/user/* | /var/lib/docker/* | /var/lib/containerd/* | /snap/* | /timeshift/* | /.snapshots/*) continue ;; esac
    case $LOCAL_FSTYPES in *" $type "*) printf '%s\n' "$target" ;; esac
  done < <(findmnt -rn -o TARGET,FSTYPE 2>/dev/null)
}
FS_SCANNED=no
FS_FINDINGS=
fs_scan() {
  [ "$FS_SCANNED" = no ] || return 0
  FS_SCANNED=yes
  local -a tops=()
  mapfile -t tops < <(local_mounts)
  [ "${#tops[@]}" -gt 0 ] || tops=("$R/")
  FS_FINDINGS=$(find "${tops[@]}" -xdev \( -path "$R/proc" -o -path "$R/sys" -o -path "$R/run/user" -o -path "$R/var/lib/docker" -o -path "$R/var/lib/containerd" \
    -o -path "$R/snap" -o -path "$R/timeshift" -o -path "$R/.snapshots" \) -prune \
    -o \( -type f -o -type d \) -printf '%U %G %y %m %p\n' 2>/dev/null |
    P=$R awk '
      function octal(s,  i, n) { n = 0; for (i = 1; i <= length(s); i++) n = n * 8 + substr(s, i, 1); return n }
      # The accounts of the target (none when its files are missing: then nothing has an owner).
      BEGIN {
        while ((getline l < (ENVIRON["P"] "/etc/passwd")) > 0) { split(l, f, ":"); u[f[3]] = 1 }
        while ((getline l < (ENVIRON["P"] "/etc/group")) > 0) { split(l, f, ":"); g[f[3]] = 1 }
      }
      {
        p = $0; for (i = 1; i <= 4; i++) sub(/^[^ ]* /, "", p)
        p = substr(p, length(ENVIRON["P"]) + 1); if (p == "") p = "/"
        m = octal($4)
        if (m % 8 % 4 >= 2 && ($3 == "f" || int(m / 512) % 2 == 0)) print "ww " p
        if (!($1 in u) || !($2 in g)) print "un " p
      }' | sort -u | awk '{ n[$1]++ } n[$1] <= 5 { print } END { for (k in n) print "n" k " " n[k] }') || true
}

# Run before a measurement, in the calling shell: what several checks share.
prepare_check() {
  [ "$1" != filesystem ] || fs_scan
}

# The TCP ports 25, 465 and 587 listened on beyond loopback, from the kernel's tables.
mail_listeners() {
  cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '
    $4 != "0A" { next }
    {
      split($2, a, ":"); port = a[2]
      if (port != "0019" && port != "01D1" && port != "024B") next
      if (a[1] ~ /7F$/ && length(a[1]) == 8) next
      if (a[1] == "00000000000000000000000001000000" || a[1] ~ /^0000000000000000FFFF0000..00..7F$/) next
      printf "%s port %d\n", a[1], (port == "0019" ? 25 : port == "01D1" ? 465 : 587)
    }' | sort -u
}

# systemd's mount unit for a path (/tmp: tmp.mount).
mount_unit() { systemd-escape -p --suffix=mount -- "$1" 2>/dev/null; }

# True when the mount unit of path $1 is enabled but not active: it mounts at the next boot.
mount_pending() {
  local u
  u=$(mount_unit "$1")
  [ -n "$u" ] && [ "$(unit_state "$u")" = enabled ] && ! systemctl is-active --quiet -- "$u" 2>/dev/null
}

# measure CHECK ARG [ARG2]: prints "yes OBSERVED", "no OBSERVED" or "reinstall OBSERVED".
measure() {
  local s o missing=''
  case $1 in
    mount-options)
      s=$(fstab_options "$2")
      if [ -z "$s" ]; then
        printf 'reinstall no partition of its own in /etc/fstab'
        return 0
      fi
      missing=$(options_missing "$s" "$3")
      if [ -z "$missing" ]; then printf 'yes %s' "$s"; else printf 'no options %s, without %s' "$s" "$missing"; fi
      ;;
    mounted)
      if ! is_live; then
        printf 'no not measurable in an alternate root (--root): nothing is mounted there'
        return 0
      fi
      s=$(findmnt -n -o OPTIONS --mountpoint "$2" 2>/dev/null | head -n 1)
      missing=$(options_missing "$s" "$3")
      if [ -n "$s" ] && [ -z "$missing" ]; then
        printf 'yes %s' "$s"
      elif mount_pending "$2"; then
        # apply.sh enabled the mount unit for the next boot (nextBoot): not a failure of its doing.
        printf 'no takes effect after restart (%s enabled, not mounted yet)' "$(mount_unit "$2")"
      elif [ -z "$s" ]; then
        printf 'no not mounted (run apply.sh, then restart the machine)'
      else
        printf 'no options %s, without %s' "$s" "$missing"
      fi
      ;;
    aide-database)
      if [ -s "$R/var/lib/aide/aide.db" ]; then
        printf 'yes present'
      else
        printf 'no no database /var/lib/aide/aide.db: run sudo aideinit -y -f (takes minutes)'
      fi
      ;;
    mta-local-only)
      if is_live; then
        s=$(mail_listeners | paste -sd ',' - | sed 's/,/, /g')
        if [ -z "$s" ]; then printf 'yes no mail port open beyond loopback'; else printf 'no listening on %s' "$s"; fi
        return 0
      fi
      for o in exim4-daemon-light exim4-daemon-heavy postfix sendmail-bin opensmtpd; do
        if package_installed "$o"; then
          printf 'no not measurable in an alternate root (--root): %s is installed' "$o"
          return 0
        fi
      done
      printf 'yes no mail server installed'
      ;;
    filesystem)
      o=$([ "$2" = world-writable ] && printf ww || printf un)
      s=$(printf '%s\n' "$FS_FINDINGS" | sed -n "s/^$o //p" | paste -sd ',' - | sed 's/,/, /g')
      if [ -z "$s" ]; then
        printf 'yes none'
      else
        printf 'no %s: %s' "$(printf '%s\n' "$FS_FINDINGS" | sed -n "s/^n$o //p")" "$s"
      fi
      ;;
    unit-active)
      if ! is_live; then
        printf 'no not measurable in an alternate root (--root): no running services'
        return 0
      fi
      s=$(systemctl is-active -- "$2" 2>/dev/null || true)
      if [ "$s" = active ]; then printf 'yes active'; else printf 'no %s' "${s:-unknown}"; fi
      ;;
    clamav-signatures)
      s=$(signature_age_days)
      if [ -z "$s" ]; then
        printf 'no no daily signatures in /var/lib/clamav (run freshclam, or copy them from offline media)'
      elif [ "$s" -le "$2" ]; then
        printf 'yes %s day(s) old' "$s"
      else
        printf 'no %s day(s) old' "$s"
      fi
      ;;
    accounts)
      s=$(account_offenders "$2" | paste -sd ',' - | sed 's/,/, /g')
      if [ -z "$s" ]; then printf 'yes none'; else printf 'no %s' "$s"; fi
      ;;
    pam-args)
      local file=${2%% *} module=${2#* } want args
      s=$(pam_module_args "$R/etc/pam.d/$file" "$module")
      if [ "$s" = absent ]; then
        printf 'no %s not in /etc/pam.d/%s' "$module" "$file"
        return 0
      fi
      args=" $s "
      local -a required forbidden alternatives
      local alt found
      read -ra required <<<"$3"
      read -ra forbidden <<<"$4"
      for want in "${required[@]}"; do
        # "a|b": either argument will do (yescrypt or sha512).
        IFS='|' read -ra alternatives <<<"$want"
        found=no
        for alt in "${alternatives[@]}"; do
          case "$args" in *" $alt "*) found=yes ;; esac
        done
        [ "$found" = yes ] || missing="$missing without $want"
      done
      for want in "${forbidden[@]}"; do
        case "$args" in *" $want "* | *" $want="*) missing="$missing with $want" ;; esac
      done
      if [ -z "$missing" ]; then printf 'yes %s' "$s"; else printf 'no %s:%s' "$s" "$missing"; fi
      ;;
    directory-empty)
      s=$(find "$R$2" -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | LC_ALL=C sort | paste -sd ',' - | sed 's/,/, /g')
      if [ -z "$s" ]; then printf 'yes empty'; else printf 'no %s' "$s"; fi
      ;;
    wireless-off)
      s=$(for o in "$R/sys/class/net"/*/wireless; do [ -d "$o" ] || continue; o=${o%/wireless}; shown "${o##*/}"; printf '\n'; done)
      o=$(M=$2 awk 'BEGIN { n = split(ENVIRON["M"], a, " "); for (i = 1; i <= n; i++) w[a[i]] = 1 } $1 in w { print $1 }' "$R/proc/modules" 2>/dev/null)
      s=$(printf '%s\n%s\n' "${s:+interfaces: $s}" "${o:+modules loaded: $o}" | sed '/^$/d' | tr '\n' ' ')
      if [ -z "$s" ]; then printf 'yes no wireless interface, no module loaded'; else printf 'no %s' "${s% }"; fi
      ;;
    autofs-in-use-or-off)
      s=$(unit_state autofs.service)
      case $s in enabled | enabled-runtime | static | alias) ;; *) printf 'yes autofs %s' "$s"; return 0 ;; esac
      o=$(autofs_maps | head -n 3 | paste -sd ',' - | sed 's/,/, /g')
      if [ -n "$o" ]; then printf 'yes in use: %s' "$o"; else printf 'no autofs enabled with no active map'; fi
      ;;
    ini-flag-off)
      s=$(ini_flag_on "$2" "$3")
      if [ -z "$s" ]; then printf 'yes off'; else printf 'no %s on at %s' "$3" "$s"; fi
      ;;
    config-absent)
      s=$(config_hit "$2" "$3")
      if [ -z "$s" ]; then printf 'yes none'; else printf 'no %s' "$s"; fi
      ;;
    *) die "dữ liệu gói hỏng: phép đo lạ $1" "bundle data: unknown check $1" ;;
  esac
}

check_label() {
  case $1 in
    mount-options) printf '%s on a partition of its own' "$2" ;;
    mounted) printf '%s mounted' "$2" ;;
    aide-database) printf 'AIDE database' ;;
    mta-local-only) printf 'mail server local only' ;;
    autofs-in-use-or-off) printf 'autofs' ;;
    wireless-off) printf 'wireless interfaces and modules' ;;
    filesystem) printf 'files: %s' "$2" ;;
    unit-active) printf 'unit %s running' "$2" ;;
    clamav-signatures) printf 'ClamAV daily signatures' ;;
    accounts) printf 'accounts: %s' "$2" ;;
    pam-args) printf '/etc/pam.d/%s %s' "${2%% *}" "${2#* }" ;;
    config-absent) printf '%s' "$2" ;;
    ini-flag-off) printf '%s [%s] %s' "$2" "${3%%.*}" "${3#*.}" ;;
    directory-empty) printf '%s' "$2" ;;
  esac
}

check_expected() {
  case $1 in
    mount-options) printf 'its own partition, mounted %s' "$3" ;;
    mounted) printf 'mounted %s' "$3" ;;
    aide-database) printf 'built by aideinit' ;;
    mta-local-only) printf 'ports 25, 465, 587 on loopback only' ;;
    autofs-in-use-or-off) printf 'off, or on with active maps (in use)' ;;
    wireless-off) printf 'no wireless interface, none of %s loaded' "$2" ;;
    filesystem) printf 'none' ;;
    unit-active) printf 'active' ;;
    clamav-signatures) printf 'at most %s day(s) old' "$2" ;;
    accounts) printf 'no account breaking it' ;;
    pam-args) printf 'arguments %s%s' "$3" "${4:+, none of $4}" ;;
    config-absent) printf 'no active line with %s' "$3" ;;
    ini-flag-off) printf '%s off (not true, 1 or yes)' "${3#*.}" ;;
    directory-empty) printf 'empty' ;;
  esac
}

# What staff must do about a failed measurement ($1 the check, $2 its argument, $3 what
# measure printed), when one command or step fixes it: a line in Vietnamese, then one in
# English (the observed text, shown filtered to ASCII, stays English); nothing otherwise.
check_hint() {
  case $1:$3 in
    mounted:*"takes effect after restart"*)
      printf '%s\n' "Có hiệu lực sau khi khởi động lại máy: apply.sh không gắn $2 ngay (để không che tệp, socket đang dùng); hãy khởi động lại máy" \
        "Takes effect after restart: apply.sh does not mount $2 at once (so as not to hide files and sockets in use); restart the machine"
      ;;
    mounted:*"not mounted"*)
      printf '%s\n' "$2 chưa được gắn: chạy apply.sh rồi khởi động lại máy" \
        "$2 is not mounted: run apply.sh, then restart the machine"
      ;;
    wireless-off:*)
      printf '%s\n' "Máy chủ còn card hoặc trình điều khiển không dây: nếu máy nối mạng bằng dây, khởi động lại máy sau apply.sh (tệp chặn có hiệu lực khi khởi động); nếu máy chỉ có Wi-Fi, hãy nối dây trước" \
        "The server still has a wireless card or driver: if it is wired, restart it after apply.sh (the blacklist takes effect at boot); if its only network is Wi-Fi, wire it first"
      ;;
    autofs-in-use-or-off:*)
      printf '%s\n' "autofs bật mà không có bản đồ gắn nào: nếu máy không dùng thư mục mạng, chạy sudo systemctl disable --now autofs" \
        "autofs is on with no active map: if the machine uses no network folders, run sudo systemctl disable --now autofs"
      ;;
    aide-database:*)
      printf '%s\n' "AIDE chưa có cơ sở dữ liệu để so sánh: chạy sudo aideinit -y -f (mất vài phút)" \
        "AIDE has no database to compare against: run sudo aideinit -y -f (takes minutes)"
      ;;
    accounts:*"PATH of a root login could not be read"*)
      printf '%s\n' "Không đọc được PATH của root (runuser -l root, /etc/environment, ENV_SUPATH trong /etc/login.defs)" \
        "PATH of a root login could not be read (runuser -l root, /etc/environment, ENV_SUPATH in /etc/login.defs)"
      ;;
  esac
}

# Printable ASCII only, at most 80 bytes: what a machine's file says is shown, never trusted.
shown() {
  local s=${1//[![:print:]]/}
  printf '%s' "${s:0:80}"
}

