#!/bin/bash
# attt-kit: one step on this machine. Fixed text, the same in every Linux bundle: the scripts
# beside it carry the bundle's data and check the machine before changing anything.
#   1. apply.sh   the hardening
#   2. audit.sh   the check, and the upload to the province's collection service when the
#                 unit's credential file is here and names the service's address
#                 (attt credential create --url); otherwise a file to send by the upload page
#   3. the unit's line from the service, e.g. "38/40 máy đạt"
#   4. a reboot, if the person at the machine says yes (Linux applies the settings at once;
#      a reboot is for what only starts with the kernel)
# Usage: sudo bash attt.sh [--credential FILE] [--ca FILE] [--root DIR] [--no-reboot]
set -u
umask 077

say() { printf '%s\n  %s\n' "$1" "$2"; }
fail() {
  say "$1" "$2" >&2
  exit "${3:-2}"
}

# Why the credential file cannot be trusted, one reason a line; nothing when it can. A user
# who can write the file or its directory chooses where the evidence and the credential go
# (the "# attt-upload-url:" line), and a user who can read it uploads in the unit's name: the
# file, the directory it is in and the directory its target is in must be root's, writable by
# root only, and the file readable by root only.
credential_problems() {
  local file=$1 target path owner mode
  target=$(readlink -f -- "$file") || target=$file
  for path in "$(dirname -- "$file")" "$(dirname -- "$target")" "$target"; do
    read -r owner mode < <(stat -L -c '%u %a' -- "$path" 2>/dev/null) || {
      printf '%s: không đọc được quyền / permissions unreadable\n' "$path"
      continue
    }
    [ "$owner" = 0 ] || printf '%s: chủ sở hữu / owner uid %s\n' "$path" "$owner"
    if [ "$path" = "$target" ]; then
      ((8#$mode & 8#077)) && printf '%s: người khác đọc hoặc sửa được / others may read or write (%s)\n' "$path" "$mode"
    else
      ((8#$mode & 8#022)) && printf '%s: người khác sửa được / others may write (%s)\n' "$path" "$mode"
    fi
  done
  return 0
}

DIR=$(dirname -- "$(readlink -f -- "$0")")
CREDENTIAL=/etc/attt/upload.credential
CA=
ROOT=
ASK_REBOOT=yes
while [ "$#" -gt 0 ]; do
  case $1 in
    --credential) [ "$#" -ge 2 ] || fail "--credential cần tên tệp" "--credential needs a file"; CREDENTIAL=$2; shift 2 ;;
    --ca) [ "$#" -ge 2 ] || fail "--ca cần tên tệp" "--ca needs a file"; CA=$2; shift 2 ;;
    --root) [ "$#" -ge 2 ] || fail "--root cần thư mục" "--root needs a directory"; ROOT=$2; shift 2 ;;
    --no-reboot) ASK_REBOOT=no; shift ;;
    *) fail "tham số không rõ: $1 (dùng: sudo bash attt.sh [--credential TỆP] [--ca TỆP] [--no-reboot])" \
      "unknown argument: $1 (usage: sudo bash attt.sh [--credential FILE] [--ca FILE] [--no-reboot])" ;;
  esac
done
for f in apply.sh audit.sh; do
  [ -r "$DIR/$f" ] || fail "Không thấy $f bên cạnh attt.sh: chép đủ các tệp của gói vào cùng một thư mục." \
    "$f is not beside attt.sh: copy all the bundle's files into one folder."
done
[ "$(id -u)" = 0 ] || fail "Cần quyền root: chạy sudo bash attt.sh" "Root is needed: run sudo bash attt.sh"
root=()
[ -z "$ROOT" ] || root=(--root "$ROOT")

say "== 1. Áp dụng cấu hình an toàn ==" "== 1. Applying the hardening =="
bash "$DIR/apply.sh" "${root[@]}"
status=$?
[ "$status" = 0 ] || fail "apply.sh dừng với mã $status: xem thông báo ở trên; chưa kiểm tra, chưa gửi gì." \
  "apply.sh stopped with exit code $status: see above; nothing was audited or sent." "$status"

say "== 2. Kiểm tra và gửi minh chứng ==" "== 2. Auditing and sending the evidence =="
# The address: the credential file's "# attt-upload-url: https://..." line. Only a plain https
# URL is taken; anything else in the file is never run nor passed on.
url=
problems=
[ -r "$CREDENTIAL" ] && problems=$(credential_problems "$CREDENTIAL")
if [ -n "$problems" ]; then
  # The machine is still audited and its record written; only the upload is skipped.
  say "Cảnh báo: tệp khóa $CREDENTIAL hoặc thư mục của nó không chỉ root sở hữu, sửa và đọc được; KHÔNG gửi minh chứng. Sửa: chown root:root $(dirname -- "$CREDENTIAL") $CREDENTIAL; chmod 700 $(dirname -- "$CREDENTIAL"); chmod 600 $CREDENTIAL, chép lại tệp khóa của đơn vị rồi chạy lại." \
    "Warning: the credential $CREDENTIAL or its directory is not owned, writable and readable by root only; the evidence is NOT sent. Fix: chown root:root $(dirname -- "$CREDENTIAL") $CREDENTIAL; chmod 700 $(dirname -- "$CREDENTIAL"); chmod 600 $CREDENTIAL, copy the unit's credential again and run again."
  printf '  %s\n' "$problems"
elif [ -r "$CREDENTIAL" ]; then
  url=$(sed -n 's|^# attt-upload-url: \(https://[A-Za-z0-9.-]*\(:[0-9]*\)\{0,1\}\(/[A-Za-z0-9._~/-]*\)\{0,1\}\)$|\1|p' "$CREDENTIAL" | head -n 1)
fi
ca=()
[ -z "$CA" ] || ca=(--ca "$CA")
if [ -n "$url" ]; then
  bash "$DIR/audit.sh" "${root[@]}" --upload "$url" --credential "$CREDENTIAL" "${ca[@]}"
  status=$?
else
  out="/var/lib/attt/evidence-$(uname -n | tr -c 'A-Za-z0-9.-\n' '_')-$(date +%Y%m%d%H%M%S).json"
  mkdir -p /var/lib/attt
  say "Chưa có khóa tải minh chứng kèm địa chỉ ($CREDENTIAL): chỉ ghi minh chứng vào tệp." \
    "No upload credential with an address ($CREDENTIAL): the evidence goes to a file only."
  bash "$DIR/audit.sh" "${root[@]}" --out "$out"
  status=$?
  say "Gửi tệp $out qua trang tải lên của Sở (https://<địa chỉ Sở cấp>/tai-len)." \
    "Send $out through the Department's upload page (https://<address>/tai-len)."
fi

if [ -n "$url" ] && [ "$status" != 2 ] && [ "$status" != 3 ]; then
  token=$(grep -v '^#' "$CREDENTIAL" | head -n 1 | tr -d '[:space:]')
  cacert=()
  [ -z "$CA" ] || cacert=(--cacert "$CA")
  answer=$(printf 'Authorization: Bearer %s\n' "$token" |
    curl --silent --fail --proto =https --tlsv1.2 --max-time 30 "${cacert[@]}" -H @- "${url%/}/api/v1/summary") || answer=
  # The service's own sentence: digits, letters and the few signs it uses, nothing else shown.
  line=$(printf '%s' "$answer" | sed -n 's/.*"vi":"\([^"\\]*\)".*/\1/p' | tr -d '\000-\037\177')
  unit=$(printf '%s' "$answer" | sed -n 's/.*"unit":"\([a-z0-9-]*\)".*/\1/p')
  if [ -n "$line" ]; then
    say "== Đơn vị $unit: $line ==" "== Unit $unit (from the service) =="
  else
    say "Không lấy được số liệu của đơn vị từ dịch vụ." "Could not read the unit's figures from the service."
  fi
fi

if [ "$ASK_REBOOT" = yes ] && [ -t 0 ]; then
  printf '%s\n  %s\n' "Khởi động lại máy ngay để mọi thiết lập có hiệu lực? [c/K]" "Reboot now so that every setting takes effect? [y/N]"
  read -r reply
  case $reply in
    c | C | co | có | y | Y | yes) systemctl reboot ;;
    *) say "Không khởi động lại. Nhớ khởi động lại máy khi thuận tiện." "Not rebooting. Reboot the machine when convenient." ;;
  esac
fi
exit "$status"
