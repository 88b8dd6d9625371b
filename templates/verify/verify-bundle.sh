#!/usr/bin/env bash
# Kiểm tra gói attt-kit đã giải nén, trước khi chạy bất cứ gì trong gói bằng quyền root.
# Checks an unpacked attt-kit unit bundle before anything in it is run as root.
#
#   bash verify-bundle.sh [--sha256 MÃ] [--key attt-signing.pub]
#
# attt-signing.pub may be saved in this folder or anywhere else; it is not a file of the bundle.
#
# --sha256: the bundle's check code the Department publishes (SHA-256 of manifest.json);
#           asked for when neither option is given and a person is at the terminal.
# --key:    the Department's public key; the Ed25519 signature over manifest.json is then
#           checked with OpenSSL 3 (`openssl pkeyutl -verify -rawin`).
# Every file of this folder is checked against manifest.json: none missing, none extra, none
# altered. Needs bash and coreutils only (OpenSSL 3 for --key).
# Exit 0: valid; 1: rejected (a file, the check code or the signature does not match);
# 2: nothing could be checked (bad option, no manifest.json, no OpenSSL 3 for --key).
# Fixed text, the same in every bundle: it reads manifest.json and never runs what it reads.
set -u
export LC_ALL=C

MANIFEST=manifest.json
SIGNATURE=manifest.json.sig

# Vietnamese first, then English, on the two lines of one message.
say() { printf '%s\n  %s\n' "$1" "$2"; }
refuse() {
  say "LỖI: $1" "ERROR: $2" >&2
  exit 2
}
usage() {
  refuse "$1. Cách dùng: bash verify-bundle.sh [--sha256 MÃ_KIỂM_TRA] [--key attt-signing.pub]" \
    "$2. Usage: bash verify-bundle.sh [--sha256 CHECK_CODE] [--key attt-signing.pub]"
}

CODE=
KEY=
CODE_GIVEN=0
while [ "$#" -gt 0 ]; do
  case $1 in
    --sha256)
      [ "$#" -ge 2 ] || usage "thiếu giá trị sau --sha256" "--sha256 needs a value"
      CODE=$2 CODE_GIVEN=1
      shift 2
      # A code pasted in groups without quotes arrives as several arguments.
      while [ "$#" -gt 0 ] && [[ $1 =~ ^[0-9A-Fa-f]+$ ]]; do
        CODE+=$1
        shift
      done
      ;;
    --sha256=*) CODE=${1#--sha256=}; CODE_GIVEN=1; shift ;;
    --key) [ "$#" -ge 2 ] || usage "thiếu tệp sau --key" "--key needs a file"; KEY=$2; shift 2 ;;
    --key=*) KEY=${1#--key=}; shift ;;
    -h | --help)
      # Not exit 0: 0 means "valid", and nothing was checked.
      sed -n '2,17p' "${BASH_SOURCE[0]}"
      exit 2
      ;;
    *) usage "tùy chọn không hợp lệ: $1" "unknown option: $1" ;;
  esac
done

HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P) ||
  refuse "không vào được thư mục của script" "cannot enter the script's folder"
[ -f "$HERE/$MANIFEST" ] ||
  refuse "không thấy $MANIFEST trong $HERE: chạy script trong thư mục đã giải nén của gói" \
    "no $MANIFEST in $HERE: run the script in the unpacked bundle's folder"

# The unit, for messages only (a manifest that is not genuine is rejected below anyway).
UNIT=$(sed -n 's/^  "unit": "\([A-Za-z0-9._-]*\)",$/\1/p' "$HERE/$MANIFEST" | head -n 1)
UNIT=${UNIT:-?}

if [ "$CODE_GIVEN" = 0 ] && [ -z "$KEY" ]; then
  [ -t 0 ] || usage "cần --sha256 MÃ (mã kiểm tra gói Sở công bố) hoặc --key attt-signing.pub" \
    "--sha256 CODE (the check code the Department publishes) or --key attt-signing.pub is needed"
  printf '%s\n%s\n> ' "Dán mã kiểm tra gói $UNIT (SHA-256 của manifest.json) trong danh sách Sở công bố:" \
    "Paste the check code of bundle $UNIT (SHA-256 of manifest.json) from the Department's published list:"
  IFS= read -r CODE || CODE=
  CODE_GIVEN=1
fi
if [ "$CODE_GIVEN" = 1 ]; then
  CODE=$(printf '%s' "$CODE" | tr -d ' \t\r\n' | tr 'A-F' 'a-f')
  [[ $CODE =~ ^[0-9a-f]{64}$ ]] ||
    usage "mã kiểm tra phải là SHA-256: 64 ký tự 0-9, a-f" "the check code must be a SHA-256: 64 characters 0-9, a-f"
fi

if [ -n "$KEY" ]; then
  if [ ! -f "$KEY" ] || [ ! -r "$KEY" ]; then
    refuse "không đọc được tệp khóa $KEY" "cannot read the key file $KEY"
  fi
  openssl version 2>/dev/null | grep -q '^OpenSSL [3-9]' ||
    refuse "cần OpenSSL 3 để kiểm tra chữ ký (--key); máy này không có: dùng --sha256 MÃ thay cho --key" \
      "checking the signature (--key) needs OpenSSL 3, which this machine lacks: use --sha256 CODE instead"
  openssl pkey -pubin -in "$KEY" -noout -text 2>/dev/null | head -n 1 | grep -q '^ED25519 Public-Key' ||
    refuse "$KEY không phải khóa công khai Ed25519 (attt-signing.pub của Sở)" \
      "$KEY is not an Ed25519 public key (the Department's attt-signing.pub)"
fi

problems_vi=()
problems_en=()
problem() {
  problems_vi+=("$1")
  problems_en+=("$2")
}

# 1. Where the manifest comes from: the published check code, the Department's signature.
if [ "$CODE_GIVEN" = 1 ]; then
  actual=$(sha256sum <"$HERE/$MANIFEST") actual=${actual%% *}
  [ "$actual" = "$CODE" ] ||
    # Never print $actual: pasted as the code, it would make a tampered bundle pass.
    problem "$MANIFEST không khớp mã kiểm tra gói Sở công bố: gói đã bị sửa, hoặc mã đã dán không phải mã kiểm tra gói của $UNIT (không phải SHA-256 của tệp zip, không phải dấu vân tay khóa)" \
      "$MANIFEST does not match the check code the Department publishes: the bundle was altered, or the code pasted is not the check code of $UNIT (not the zip's SHA-256, not the key fingerprint)"
fi
if [ -n "$KEY" ]; then
  fingerprint=$(openssl pkey -pubin -in "$KEY" -outform DER 2>/dev/null | sha256sum) fingerprint=${fingerprint%% *}
  if [ ! -f "$HERE/$SIGNATURE" ]; then
    problem "thiếu $SIGNATURE: gói chưa được ký" "$SIGNATURE is missing: the bundle is not signed"
  else
    sig=$(mktemp) || refuse "không tạo được tệp tạm" "cannot create a temporary file"
    trap 'rm -f -- "$sig"' EXIT
    if ! base64 -d <"$HERE/$SIGNATURE" >"$sig" 2>/dev/null ||
      ! openssl pkeyutl -verify -pubin -inkey "$KEY" -rawin -in "$HERE/$MANIFEST" -sigfile "$sig" >/dev/null 2>&1; then
      problem "chữ ký không khớp: $MANIFEST đã bị sửa, hoặc gói được ký bằng khóa khác (dấu vân tay khóa đã dùng: $fingerprint)" \
        "the signature does not match: $MANIFEST was altered, or the bundle was signed with another key (fingerprint of the key used: $fingerprint)"
    fi
  fi
fi

# 2. Every file against the manifest (the exact layout attt-kit writes, read as text, never run).
# The Department's public key, when the school saves it beside the bundle (--key attt-signing.pub
# run in the folder), is data, never run: not an extra file.
declare -A listed=([$MANIFEST]=1 [$SIGNATURE]=1 [attt-signing.pub]=1)
count=0
path='' size='' line=0 parsed=1
while IFS= read -r text || [ -n "$text" ]; do
  line=$((line + 1))
  if [[ $text =~ ^\ {6}\"path\":\ \"([A-Za-z0-9._/{}\ -]+)\",$ ]]; then
    path=${BASH_REMATCH[1]}
  elif [[ $text =~ ^\ {6}\"size\":\ ([0-9]+),$ ]]; then
    size=${BASH_REMATCH[1]}
  elif [[ $text =~ ^\ {6}\"sha256\":\ \"([0-9a-f]{64})\",$ ]]; then
    want=${BASH_REMATCH[1]}
    if [ -z "$path" ] || [ -z "$size" ] || [[ /$path/ == */../* || /$path/ == */./* || $path == /* || $path == */ ]]; then
      parsed=0
      break
    fi
    listed[$path]=1
    count=$((count + 1))
    file=$HERE/$path
    if [ -L "$file" ] || { [ -e "$file" ] && [ ! -f "$file" ]; }; then
      problem "không phải tệp thường: $path" "not a regular file: $path"
    elif [ ! -e "$file" ]; then
      problem "thiếu tệp: $path" "missing file: $path"
    else
      got=$(sha256sum <"$file") got=${got%% *}
      if [ "$got" != "$want" ] || [ "$(wc -c <"$file")" -ne "$size" ]; then
        problem "tệp bị sửa: $path (SHA-256 khác manifest)" "altered file: $path (sha256 does not match the manifest)"
      fi
    fi
    path='' size=''
  elif [[ $text =~ \"(path|size|sha256)\": ]]; then
    parsed=0
    break
  fi
done <"$HERE/$MANIFEST"
if [ "$parsed" = 0 ] || [ "$count" = 0 ]; then
  problem "$MANIFEST không đúng định dạng attt-kit (dòng $line)" "$MANIFEST is not in attt-kit's format (line $line)"
else
  while IFS= read -r -d '' found; do
    rel=${found#"$HERE"/}
    [ -n "${listed[$rel]+x}" ] ||
      problem "tệp thừa, không có trong manifest: $rel" "extra file not in the manifest: $rel"
  done < <(find "$HERE" \( -type f -o -type l \) -print0 | sort -z)
fi

if [ "${#problems_vi[@]}" -gt 0 ]; then
  {
    say "KHÔNG HỢP LỆ: gói $UNIT ($HERE). Không chạy gì trong gói này; báo cho Sở." \
      "REJECTED: bundle $UNIT ($HERE). Do not run anything from this bundle; tell the Department."
    for i in "${!problems_vi[@]}"; do
      printf '  - %s\n    %s\n' "${problems_vi[$i]}" "${problems_en[$i]}"
    done
  } >&2
  exit 1
fi
how_vi="$MANIFEST khớp mã kiểm tra gói Sở công bố"
how_en="$MANIFEST matches the check code the Department publishes"
if [ -n "$KEY" ]; then
  if [ "$CODE_GIVEN" = 1 ]; then
    how_vi="$how_vi; " how_en="$how_en; "
  else
    how_vi='' how_en=''
  fi
  how_vi="${how_vi}chữ ký của Sở hợp lệ (khóa $fingerprint: so với dấu vân tay Sở công bố)"
  how_en="${how_en}the Department's signature is valid (key $fingerprint: compare with the published fingerprint)"
fi
say "HỢP LỆ: gói $UNIT: $count tệp khớp $MANIFEST, không thiếu, không thừa; $how_vi." \
  "VALID: bundle $UNIT: $count files match $MANIFEST, none missing, none extra; $how_en."
exit 0
