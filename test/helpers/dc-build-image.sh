#!/usr/bin/env bash
# Builds the one local image the data-centre functional tests run every role from
# (no image registry is reachable here): a minimal Debian bookworm root made with
# debootstrap, the packages below installed into it, restic's rest-server added, and the
# result loaded with `docker import`. The tag is a hash of this script and the
# rest-server binary, so an unchanged recipe is never rebuilt.
#
# Paths inside the image match the upstream images the stacks name by default
# (/bin/prometheus, /bin/node_exporter, /bin/alertmanager, /usr/bin/rest-server, /usr/bin/restic,
# /usr/sbin/rsyslogd, /usr/sbin/nft, /usr/local/bin/docker-entrypoint.sh for PostgreSQL),
# so the synthesized entrypoints run unchanged against it.
#
# Usage: dc-build-image.sh REST_SERVER_BINARY   (prints the image tag on the last line)
set -euo pipefail

rest_server=${1:?path to a rest-server binary}
here=$(cd "$(dirname "$0")" && pwd)
packages="restic,prometheus,prometheus-alertmanager,prometheus-node-exporter,rsyslog,nftables,iproute2,netcat-openbsd,curl,ca-certificates,procps,wget,postgresql-15,openssl"
hash=$( { cat "$0" "$here/../../stacks/images/postgres/docker-entrypoint.sh"; sha256sum <"$rest_server"; } | sha256sum | cut -c1-16)
tag="attt-dc-base:$hash"

if docker image inspect "$tag" >/dev/null 2>&1; then
  echo "$tag"
  exit 0
fi

work=$(mktemp -d /var/tmp/attt-dc-root.XXXXXX)
trap 'rm -rf "$work"' EXIT
root="$work/root"
echo "building $tag in $root (debootstrap, 1-3 minutes)" >&2
debootstrap --variant=minbase --include="$packages" bookworm "$root" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 || {
  tail -30 "$work/debootstrap.log" >&2
  exit 1
}
install -m 0755 "$rest_server" "$root/usr/bin/rest-server"
# The upstream postgres image runs the server as uid/gid 999, and initdb needs that uid
# to have a name: give Debian's postgres user the same numbers.
old_uid=$(chroot "$root" id -u postgres)
old_gid=$(chroot "$root" id -g postgres)
chroot "$root" groupmod -g 999 postgres
chroot "$root" usermod -u 999 -g 999 postgres
chroot "$root" find / -xdev \( -uid "$old_uid" -o -gid "$old_gid" \) -exec chown -h 999:999 {} +
ln -sf /usr/bin/prometheus-node-exporter "$root/usr/bin/node_exporter"
ln -sf /usr/bin/prometheus-alertmanager "$root/usr/bin/alertmanager"
install -m 0755 "$here/../../stacks/images/postgres/docker-entrypoint.sh" "$root/usr/local/bin/docker-entrypoint.sh"
# The packages' own services must not start in the image; trim what a container never needs.
rm -rf "$root/var/cache/apt/archives/"*.deb "$root/var/lib/apt/lists/"* "$root/usr/share/doc" "$root/usr/share/man"
tar -C "$root" -c . | docker import - "$tag" >/dev/null
echo "$tag"
