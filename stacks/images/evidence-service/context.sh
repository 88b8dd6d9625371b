#!/bin/bash
# The build context of the evidence-service image from this checkout: what `npm pack`
# ships (dist/, templates/, plans, ...) plus the checkout's node_modules pruned to the
# production dependencies. Needs no registry; run `npm ci` once beforehand.
# Usage: stacks/images/evidence-service/context.sh DIR   (DIR must not exist)
set -euo pipefail
out=${1:?usage: context.sh DIR}
[ ! -e "$out" ] || { echo "context.sh: $out exists; name a new directory" >&2; exit 2; }
root=$(cd "$(dirname "$0")/../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
npm run build >&2
tarball=$(npm pack --silent --pack-destination "$work")
tar -xzf "$work/$tarball" -C "$work"
cp -a node_modules "$work/package/"
(cd "$work/package" && npm prune --omit=dev --offline --no-audit --no-fund >&2)
mv "$work/package" "$out"
echo "$out"
