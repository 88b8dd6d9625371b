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
if [ -r "$CREDENTIAL" ]; then
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
