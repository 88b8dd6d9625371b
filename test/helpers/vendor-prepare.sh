#!/bin/bash
# Installs what test/vendor-templates.test.ts checks the vendor templates with: the real
# parsers of each target (nginx -t, PostgreSQL's server, rsyslogd -N1 with its TLS driver,
# dockerd, cmark-gfm for Markdown) plus openssl for throwaway certificates. Called by
# .ci/run on a fresh Debian machine; idempotent: a prepared machine needs no network.
# The tests themselves never install anything: they skip, saying why, when a tool is absent.
set -euo pipefail

log() { printf 'vendor-prepare: %s\n' "$*" >&2; }

if [ "$(id -u)" != 0 ]; then
  log "must run as root (installs Debian packages)"
  exit 1
fi

packages=(nginx-light postgresql rsyslog rsyslog-gnutls docker.io cmark-gfm openssl util-linux)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Packages must not start their services (nginx on :80, a PostgreSQL cluster): the tests
  # start their own throwaway instances. policy-rc.d refuses every start during the install.
  policy=/usr/sbin/policy-rc.d
  own_policy=false
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod 755 "$policy"
    own_policy=true
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if [ "$own_policy" = true ]; then rm -f "$policy"; fi
fi

# The daemon.json template enables userns-remap "default": dockerd then needs the user
# dockremap and subordinate ID ranges. Create them here, as dockerd itself would, so the
# test does not change /etc/passwd while it runs.
if ! id dockremap >/dev/null 2>&1; then
  log "creating user dockremap for userns-remap"
  useradd --system --no-create-home --shell /usr/sbin/nologin dockremap
fi
# A range of 65536 IDs after every range already given out (100000 when there is none).
for f in /etc/subuid /etc/subgid; do
  touch "$f"
  if ! grep -q '^dockremap:' "$f"; then
    start=$(awk -F: 'BEGIN { m = 100000 } { if ($2 + $3 > m) m = $2 + $3 } END { print m }' "$f")
    echo "dockremap:$start:65536" >> "$f"
  fi
done

# PostgreSQL's binaries are not on PATH on Debian (pg_ctlcluster wraps them); the test
# finds them under /usr/lib/postgresql/<version>/bin itself.
log "ready"
