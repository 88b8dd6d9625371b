#!/usr/bin/env bash
# Builds restic's rest-server (no Debian package) from the Go module proxy into OUT,
# statically (CGO off), once: an existing OUT is kept. Needs Go >= 1.23 on PATH.
# Usage: build-binary.sh OUT
set -euo pipefail
out=${1:?usage: build-binary.sh OUT}
version=v0.14.0
[ -x "$out" ] && exit 0
export PATH="$PATH:/usr/local/go/bin"
command -v go >/dev/null 2>&1 || {
  echo "build-binary.sh: Go >= 1.23 is needed to build rest-server $version (or give attt images build --rest-server FILE)" >&2
  exit 2
}
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
mkdir -p "$(dirname "$out")"
(
  cd "$build"
  go mod init attt/rest-server-build >/dev/null 2>&1
  go get "github.com/restic/rest-server/cmd/rest-server@$version" >/dev/null 2>&1
  CGO_ENABLED=0 go build -trimpath -o "$out.tmp" github.com/restic/rest-server/cmd/rest-server
)
mv "$out.tmp" "$out"
