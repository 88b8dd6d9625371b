#!/usr/bin/env bash
# The base every data-centre image starts FROM: a minimal Debian root (bookworm; trixie
# for the evidence service, whose Node.js must be 20) made with debootstrap from a Debian
# mirror and loaded with `docker import`, so no image registry is ever asked. It carries
# a label with a hash of this script, the mirror and the suite: an unchanged recipe is
# built once and reused (debootstrap takes 1-3 minutes), also after the image went
# through `attt images save` and `load` (the label travels with it).
#
# Usage (root, needs debootstrap and a Docker engine):
#   build-base.sh [MIRROR [SUITE]]   prints the base's tag (attt/debian-base:<hash>) on stdout
set -euo pipefail

mirror=${1:-http://deb.debian.org/debian}
suite=${2:-bookworm}
case "$suite" in
bookworm | trixie) ;;
*)
  echo "build-base.sh: suite must be bookworm or trixie, found \"$suite\"" >&2
  exit 2
  ;;
esac
hash=$({ cat "$0"; echo "$mirror"; echo "$suite"; } | sha256sum | cut -c1-16)
tag="attt/debian-base:$hash"

# Images built FROM the base inherit its label: the base is the one of a single layer.
existing=
for id in $(docker images -q --no-trunc --filter "label=attt.base-recipe=$hash"); do
  if [ "$(docker image inspect --format '{{len .RootFS.Layers}}' "$id")" = 1 ]; then
    existing=$id
    break
  fi
done
if [ -n "$existing" ]; then
  docker tag "$existing" "$tag"
  echo "$tag"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "build-base.sh: must run as root (debootstrap)" >&2
  exit 2
fi
command -v debootstrap >/dev/null || {
  echo "build-base.sh: debootstrap is missing (apt-get install debootstrap)" >&2
  exit 2
}

work=$(mktemp -d /var/tmp/attt-debian-base.XXXXXX)
trap 'rm -rf "$work"' EXIT
root="$work/root"
echo "build-base.sh: debootstrap $suite from $mirror (1-3 minutes)" >&2
debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  tail -30 "$work/debootstrap.log" >&2
  exit 1
}
# The images add their packages with apt from the same mirror; security updates too.
cat >"$root/etc/apt/sources.list" <<LIST
deb $mirror $suite main
deb $mirror $suite-updates main
LIST
# Services must not start while packages install into an image (no init runs there).
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
rm -rf "$root/var/cache/apt/archives/"*.deb "$root/var/lib/apt/lists/"* "$root/usr/share/doc" "$root/usr/share/man"
tar --numeric-owner -C "$root" -c . | docker import -c 'CMD ["/bin/sh"]' -c "LABEL attt.base-recipe=$hash" - "$tag" >/dev/null
echo "$tag"
