#!/bin/bash
# Builds (once) the Debian 12 root the Linux baseline tests apply bundles into, and
# installs the host tools the tests run. Called by .ci/run on a fresh machine; safe to
# call again: the root is cached as a tarball under .cache/, keyed by a hash of this
# the build recipe's version and the package list, so a second call returns at once.
#
#   test/helpers/linux-prepare.sh            build if missing, print the tarball's path
#   ATTT_CACHE_DIR=/elsewhere linux-prepare.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache_dir=${ATTT_CACHE_DIR:-$repo/.cache}
packages_file=$here/linux-root-packages.txt

log() { printf 'linux-prepare: %s\n' "$*" >&2; }

# --- host tools (Debian packages) -------------------------------------------
host_tools=(debootstrap nftables iproute2 iputils-ping shellcheck lynis netcat-openbsd zstd util-linux)
missing=()
for p in "${host_tools[@]}"; do
  dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing host tools: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- the cached root ----------------------------------------------------------
mapfile -t packages < <(grep -v '^[[:space:]]*#' "$packages_file" | grep -v '^[[:space:]]*$' | sort -u)
# Bump when the build steps below change, so cached roots built the old way are not reused.
root_recipe=1
key=$( (printf 'recipe %s\n' "$root_recipe"; cat "$packages_file") | sha256sum | cut -c1-16)
tarball=$cache_dir/debian12-root-$key.tar.zst
if [ -s "$tarball" ]; then
  printf '%s\n' "$tarball"
  exit 0
fi

# The mirror this machine's apt uses (deb822 or one-line format), else Debian's default.
mirror=$(grep -hoE '^URIs: *\S+/debian/?$' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | awk '{print $2}' || true)
[ -n "$mirror" ] || mirror=$(grep -hoE '^deb +\S+/debian/? ' /etc/apt/sources.list 2>/dev/null | head -1 | awk '{print $2}' || true)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian

mkdir -p "$cache_dir"
work=$(mktemp -d "$cache_dir/.build-XXXXXX")
root=$work/root
cleanup() {
  for m in proc dev/pts dev; do mountpoint -q "$root/$m" 2>/dev/null && umount -l "$root/$m"; done
  rm -rf "$work"
}
trap cleanup EXIT

log "debootstrap bookworm (minbase) from $mirror"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  tail -30 "$work/debootstrap.log" >&2
  exit 1
}

# No daemon may start inside the build root.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"

log "installing ${#packages[@]} packages into the root"
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" \
  >"$work/apt.log" 2>&1 || {
  tail -30 "$work/apt.log" >&2
  exit 1
}
chroot "$root" apt-get clean
umount "$root/dev" "$root/proc"
rm -f "$root/usr/sbin/policy-rc.d"
rm -rf "$root/var/lib/apt/lists/"* "$root/var/log/"*.log
# A stable machine identity for the tests.
printf 'attt-test-host\n' >"$root/etc/hostname"

log "packing $tarball"
tar --numeric-owner --xattrs -C "$root" -cf - . | zstd -q -T0 -3 -o "$work/root.tar.zst"
mv "$work/root.tar.zst" "$tarball"
# Roots built from an older recipe or package list are never used again (nor their
# unpacked copies, which test/helpers/linux-root.ts makes beside them).
find "$cache_dir" -maxdepth 1 -name 'debian12-root-*.tar.zst' ! -path "$tarball" -delete
find "$cache_dir" -maxdepth 1 -name 'debian12-root-*.unpacked' -exec rm -rf {} +
printf '%s\n' "$tarball"
