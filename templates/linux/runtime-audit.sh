# ---------------------------------------------------------------- audit

ATTT_MODE=audit
CURRENT_CONTROL=

# Read-only: checks every setting of every control and writes one evidence record
# (schema attt.evidence/2). Changes nothing on the machine.
RESULTS=
CHECKED=0
PASSED=0
FAILURES=
FAILED_LINES=
FAILED_COUNT=
ALL_PASS=yes
CONTROLS_SEEN=0
CONTROLS_REINSTALL=0
CONTROLS_PASSED=0
REINSTALL=0
REINSTALL_LINES=

# Closes the current control's result and opens the next one.
control() {
  flush_control
  CURRENT_CONTROL=$1
  CHECKED=0
  PASSED=0
  FAILURES=
  FAILED_LINES=
  FAILED_COUNT=0
  REINSTALL=0
  REINSTALL_LINES=
}

# Records one check: $1 passed (yes/no/reinstall), $2 what was checked, $3 expected,
# $4 observed. "reinstall": only reinstalling the machine can satisfy it (partitions).
record() {
  CHECKED=$((CHECKED + 1))
  if [ "$1" = reinstall ]; then
    REINSTALL=$((REINSTALL + 1))
    REINSTALL_LINES="$REINSTALL_LINES      - $2: cần cài lại máy / needs reinstallation
"
    return 0
  fi
  if [ "$1" = yes ]; then
    PASSED=$((PASSED + 1))
    return 0
  fi
  FAILED_COUNT=$((FAILED_COUNT + 1))
  # On screen, every failing setting, so the technician needs no JSON reader.
  FAILED_LINES="$FAILED_LINES      - $2
          cần / expected: $3
          thấy / observed: $(shown "$4")
"
  # The detail stays under the schema's 2,000 characters: later failures are only counted.
  if [ "${#FAILURES}" -lt 1200 ]; then
    FAILURES="$FAILURES${FAILURES:+; }$2: expected $3, observed $4"
  else
    FAILURES_MORE=yes
  fi
}
FAILURES_MORE=no

flush_control() {
  [ -n "$CURRENT_CONTROL" ] || return 0
  local status=pass detail='' item
  if [ "$REINSTALL" -gt 0 ] && [ "$((PASSED + REINSTALL))" -eq "$CHECKED" ]; then
    status=needs-reinstallation
    detail="$REINSTALL of $CHECKED settings need a reinstallation (partitions)"
  elif [ "$PASSED" -ne "$CHECKED" ]; then
    status=fail
    ALL_PASS=no
    detail=$FAILURES
    [ "$FAILURES_MORE" = no ] || detail="$detail; and more ($FAILED_COUNT failed in all)"
  fi
  FAILURES_MORE=no
  item="{\"control\":$(json_string "$CURRENT_CONTROL"),\"status\":\"$status\""
  item="$item,\"observed\":$(json_string "$PASSED of $CHECKED settings as expected")"
  item="$item,\"expected\":$(json_string "$CHECKED of $CHECKED settings")"
  [ -z "$detail" ] || item="$item,\"detail\":$(json_string "$detail")"
  item="$item}"
  RESULTS="$RESULTS${RESULTS:+,}$item"
  CONTROLS_SEEN=$((CONTROLS_SEEN + 1))
  if [ "$status" = pass ]; then
    CONTROLS_PASSED=$((CONTROLS_PASSED + 1))
    say "  ĐẠT / pass         $CURRENT_CONTROL ($PASSED/$CHECKED)"
  elif [ "$status" = needs-reinstallation ]; then
    CONTROLS_REINSTALL=$((CONTROLS_REINSTALL + 1))
    say "  CẦN CÀI LẠI / needs reinstallation  $CURRENT_CONTROL ($PASSED/$CHECKED)"
    printf '%s' "$REINSTALL_LINES" >&2
  else
    say "  KHÔNG ĐẠT / FAIL   $CURRENT_CONTROL ($PASSED/$CHECKED)"
    printf '%s' "$FAILED_LINES" >&2
  fi
  CURRENT_CONTROL=
}

want_package() {
  local ok=no observed=not-installed
  package_installed "$1" && observed=installed
  case $2:$observed in
    present:installed | absent:not-installed) ok=yes ;;
  esac
  record "$ok" "package $1" "$2" "$observed"
}

# want_file PATH SOURCE MODE SHA256 ACTION
want_file() {
  local p=$1 mode=$3 sum=$4 state ok=no
  state=$(file_state "$R$p")
  [ "$state" = "$(short_mode "$mode") 0:0 $sum" ] && ok=yes
  record "$ok" "file $p" "mode $(short_mode "$mode"), owner 0:0, sha256 $sum" "$state"
}

want_kv() {
  local p=$1 key=$2 value=$3 compare=$5 observed ok=no
  if [ -f "$R$p" ]; then observed=$(kv_value "$R$p" "$key"); else observed=; fi
  if [ -n "$observed" ] && kv_ok "$observed" "$value" "$compare"; then ok=yes; fi
  local want
  case $compare in
    min) want=">= $value" ;;
    max) want="<= $value" ;;
    *) want=$value ;;
  esac
  [ -n "$observed" ] || observed="(not set)"
  record "$ok" "$p $key" "$want" "$(shown "$observed")"
}

want_mode() {
  local gid st ok=no
  gid=$(group_id "$3")
  st=$(mode_state "$R$1")
  if [ -n "$gid" ] && mode_ok "$st" "$2" "$gid"; then ok=yes; fi
  record "$ok" "permissions $1" "mode at most $(short_mode "$2"), owner 0:${gid:-"(no group $3)"}" "$st"
}

# want_mount PATH OPTIONS UNIT SOURCE MODE SHA256: the /etc/fstab line with the options
# and no unit of ours hiding it, or else the unit installed and enabled.
want_mount() {
  local p=$1 unit=$3 have state ok=no missing
  if fstab_mounts "$p"; then
    have=$(fstab_options "$p")
    missing=$(options_missing "$have" "$2")
    [ -n "$missing" ] || ok=yes
    record "$ok" "/etc/fstab $p" "options $2" "$(shown "${have:-(none)}")${missing:+, without $missing}"
    state=$(file_state "$R$unit")
    ok=no
    [ "$state" != absent ] || ok=yes
    record "$ok" "file $unit" "absent (/etc/fstab mounts $p)" "$state"
  else
    want_file "$3" "$4" "$5" "$6" ""
    want_unit "${unit##*/}" enabled
  fi
}

want_modes_under() {
  local found n=0 shown_list=''
  local -a entries=()
  while IFS= read -r -d '' found; do entries+=("${found#* } ${found%% *}"); done < <(files_beyond "$1" "$2" "$3")
  n=${#entries[@]}
  for found in "${entries[@]:0:5}"; do shown_list="$shown_list${shown_list:+, }${found#"$R"}"; done
  local ok=no observed=none
  if [ "$n" -eq 0 ]; then ok=yes; else observed="$n: $shown_list"; fi
  record "$ok" "permissions of the files under $1" "mode at most $(short_mode "$2")${3:+ (except $3)}" "$observed"
}

want_unit() {
  local cur ok=no
  cur=$(unit_state "$1")
  unit_state_ok "$2" "$cur" && ok=yes
  record "$ok" "unit $1" "$2" "$cur"
}

want_check() {
  local result
  prepare_check "$1"
  result=$(measure "$@")
  record "${result%% *}" "$(check_label "$@")" "$(check_expected "$@")" "${result#* }"
  [ "${result%% *}" != yes ] || return 0
  local hint
  hint=$(check_hint "$1" "${2:-}" "$result" | sed 's/^/          → /')
  [ -z "$hint" ] || FAILED_LINES="$FAILED_LINES$hint
"
}

pam_profile() { :; }
pam_module() {
  local ok=no
  pam_has_module "$R/etc/pam.d/common-$1" "$2" && ok=yes
  record "$ok" "/etc/pam.d/common-$1" "$2 in the stack" "$([ "$ok" = yes ] && printf present || printf absent)"
}

collected_at() {
  # ISO 8601 with the offset written +07:00, as the evidence schema wants.
  date +%Y-%m-%dT%H:%M:%S%z | sed 's/\([0-9][0-9]\)$/:\1/'
}

attt_main() {
  attt_parse_args "$@"
  attt_targets
  if [ "$OS_MATCHED" != yes ]; then
    die "sai hệ điều hành: gói này dành cho${OS_WANTED%,}; máy này chạy $(os_field ID) $(os_field VERSION_ID)" \
      "wrong OS: this bundle is for${OS_WANTED%,}; this machine runs $(os_field ID) $(os_field VERSION_ID)"
  fi
  attt_banner "kiểm tra / audit"
  # Reading is all it does, but some files it hashes (audit rules) are root's alone.
  [ "$(id -u)" = 0 ] || say "không chạy với quyền root: các tệp chỉ root đọc được sẽ hiện là không đạt" \
    "not running as root: files only root can read will show as failed"
  attt_settings
  flush_control

  local os evidence id
  os="$(os_field ID)-$(os_field VERSION_ID)"
  id=$(machine_id)
  [ -n "$id" ] || die "$R/etc/machine-id is missing or not 32 hex digits: run systemd-machine-id-setup, then audit again"
  evidence="{\"schema\":\"attt.evidence/2\""
  evidence="$evidence,\"machine\":$(json_string "$(machine_name)")"
  evidence="$evidence,\"machineId\":$(json_string "$id")"
  evidence="$evidence,\"unit\":$(json_string "$ATTT_UNIT_ID")"
  evidence="$evidence,\"role\":$(json_string "$ATTT_ROLE")"
  evidence="$evidence,\"os\":$(json_string "$os")"
  evidence="$evidence,\"bundle\":{\"id\":$(json_string "$ATTT_BUNDLE_ID"),\"sha256\":$(json_string "$ATTT_BUNDLE_SHA256")}"
  evidence="$evidence,\"collectedAt\":$(json_string "$(collected_at)")"
  evidence="$evidence,\"results\":[$RESULTS]}"
  if [ -n "$OUT_FILE" ]; then
    printf '%s\n' "$evidence" >"$OUT_FILE"
    say "đã ghi bằng chứng vào $OUT_FILE" "evidence written to $OUT_FILE"
  elif [ -z "$UPLOAD_URL" ]; then
    printf '%s\n' "$evidence"
  fi
  say "kết quả: $CONTROLS_PASSED/$CONTROLS_SEEN kiểm soát đạt, $CONTROLS_REINSTALL cần cài lại máy" \
    "result: $CONTROLS_PASSED of $CONTROLS_SEEN controls pass, $CONTROLS_REINSTALL need a reinstallation"
  [ -z "$UPLOAD_URL" ] || upload_evidence "$evidence"
  [ "$ALL_PASS" = yes ] || exit 1
}

# Sends the record to the collection service: exit 3 when it is not stored. The credential
# travels in a header read from stdin, never on a command line other users can see.
upload_evidence() {
  local token body answer status url=${UPLOAD_URL%/}/api/v1/evidence ca=()
  [ -z "$UPLOAD_CA" ] || ca=(--cacert "$UPLOAD_CA")
  token=$(grep -v '^#' "$CREDENTIAL_FILE" | head -n 1 | tr -d '[:space:]')
  [ -n "$token" ] || die "--upload: $CREDENTIAL_FILE không chứa khóa tải minh chứng" "--upload: $CREDENTIAL_FILE holds no credential"
  body=$(mktemp) || die "--upload: không tạo được tệp tạm" "--upload: cannot make a temporary file"
  printf '%s' "$1" >"$body"
  answer=$(printf 'Authorization: Bearer %s\n' "$token" |
    curl --silent --show-error --proto =https --tlsv1.2 --max-time 60 --retry 3 \
      "${ca[@]}" -H @- -H 'Content-Type: application/json' \
      --data-binary @"$body" --write-out '\n%{http_code}' "$url") || answer=$'\n000'
  rm -f "$body"
  status=${answer##*$'\n'}
  case $status:$answer in
    201:*) say "đã gửi minh chứng về $UPLOAD_URL" "evidence uploaded to $UPLOAD_URL" ;;
    409:*'"error":"replay"'*) say "dịch vụ đã có bản ghi này" "the service had this record already" ;;
    *)
      say "gửi minh chứng thất bại (HTTP $status): ${answer%$'\n'*}; chạy lại audit.sh --upload (với --out FILE để giữ một bản trên máy)" \
        "upload to $UPLOAD_URL failed (HTTP $status): ${answer%$'\n'*}; run audit.sh --upload again (with --out FILE to keep a copy on the machine)"
      exit 3
      ;;
  esac
}
