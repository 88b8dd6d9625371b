#!/usr/bin/env bash
# Prepares a fresh Debian (bookworm) machine for the data-centre tests (test/stacks):
# installs the packages, starts a Docker engine if none answers, builds restic's
# rest-server (no Debian package; built from the Go module proxy) and the local base
# image every test container runs from. Idempotent: each step checks before it acts, so
# .ci/run may call it every time. Must run as root.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${ATTT_DC_CACHE:-/var/cache/attt-dc}
rest_server_version=v0.14.0
rest_server="$cache/rest-server-$rest_server_version"
export PATH="$PATH:/usr/local/go/bin:/usr/sbin:/sbin"

if [ "$(id -u)" != 0 ]; then
  echo "dc-prepare: must run as root (starts dockerd, runs debootstrap)" >&2
  exit 1
fi

# Test files run in parallel processes: one preparation at a time. The lock is held on
# fd 9, so nothing started below may inherit it (dockerd would hold it for its lifetime
# and every later preparation would wait forever): each long-lived child closes it.
mkdir -p "$cache"
exec 9>"$cache/.prepare.lock"
flock -w 900 9 || {
  echo "dc-prepare: $cache/.prepare.lock is still held after 15 minutes by: $(fuser "$cache/.prepare.lock" 2>/dev/null)" >&2
  exit 1
}

# 1. Debian packages (only when one is missing, so a prepared machine needs no network).
need=()
for pair in docker.io:dockerd restic:restic prometheus:promtool prometheus-alertmanager:amtool \
  prometheus-node-exporter:prometheus-node-exporter \
  rsyslog:rsyslogd debootstrap:debootstrap nftables:nft iproute2:ip; do
  command -v "${pair#*:}" >/dev/null 2>&1 || need+=("${pair%%:*}")
done
if [ "${#need[@]}" -gt 0 ]; then
  echo "dc-prepare: installing ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# 2. Mount propagation as on a systemd host: the stacks mount host paths with rslave
#    propagation (node-exporter's view of /, the offline backup target), which Docker
#    refuses on a private mount. systemd makes / shared at boot; a bare init does not.
if [ "$(findmnt -no PROPAGATION /)" = private ]; then
  mount --make-rshared /
fi

# 3. A Docker engine.
if ! docker info >/dev/null 2>&1; then
  echo "dc-prepare: starting dockerd (log in /var/log/attt-dockerd.log)" >&2
  setsid dockerd --host unix:///var/run/docker.sock >/var/log/attt-dockerd.log 2>&1 </dev/null 9>&- &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { tail -20 /var/log/attt-dockerd.log >&2; exit 1; }
fi

# 4. rest-server (the append-only backup server), built once (the images' own recipe).
bash "$here/../../stacks/images/rest-server/build-binary.sh" "$rest_server"

# 5. The base image (cached by content hash).
tag=$("$here/dc-build-image.sh" "$rest_server" | tail -n 1)
echo "$tag" >"$cache/base-image"
echo "dc-prepare: ready (image $tag)" >&2
