# shellcheck shell=bash
# Shared by every generated Linux script (bundle scripts, leavers' script): included
# verbatim by the generator, never run on its own.

# JSON string literal of $1: quotes, backslashes and every control character escaped.
# Most strings have none of these: printed as they are, without starting awk.
json_string() {
  case $1 in
    *[[:cntrl:]\"\\]*) ;;
    *)
      printf '"%s"' "$1"
      return 0
      ;;
  esac
  S=$1 awk '
    BEGIN {
      for (i = 1; i < 32; i++) esc[sprintf("%c", i)] = sprintf("\\u%04x", i)
      esc["\""] = "\\\""; esc["\\"] = "\\\\"
      esc["\n"] = "\\n"; esc["\r"] = "\\r"; esc["\t"] = "\\t"
      s = ENVIRON["S"]; out = ""
      n = length(s)
      for (i = 1; i <= n; i++) {
        c = substr(s, i, 1)
        out = out ((c in esc) ? esc[c] : c)
      }
      printf "\"%s\"", out
    }'
}
