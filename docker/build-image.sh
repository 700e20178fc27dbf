#!/usr/bin/env bash
# Builds the image from docker/Dockerfile with buildah (no Docker engine needed), in vfs storage.
# No registry is reachable here, so the Node base is made from this machine's Node first
# (docker/make-local-base.sh) and passed as NODE_BASE; set NODE_BASE to build on another base.
#   docker/build-image.sh [tag]          (default igaming-wallet:dev)
# Prints the image's size at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
tag=${1:-igaming-wallet:dev}
storage=(--storage-driver vfs)
if [ -z "${NODE_BASE:-}" ]; then
  NODE_BASE=localhost/igaming-wallet-node-base:20
  bash docker/make-local-base.sh "$NODE_BASE"
fi
# The image this tag named before, removed once replaced (vfs keeps full copies: ~200 MB each).
previous=$(buildah "${storage[@]}" inspect --type image --format '{{.FromImageID}}' "$tag" 2>/dev/null || true)
started=$(date +%s)
buildah "${storage[@]}" bud --isolation chroot --network host --layers=false \
  --build-arg NODE_BASE="$NODE_BASE" -f docker/Dockerfile -t "$tag" .
current=$(buildah "${storage[@]}" inspect --type image --format '{{.FromImageID}}' "$tag")
if [ -n "$previous" ] && [ "$previous" != "$current" ]; then buildah "${storage[@]}" rmi "$previous" >/dev/null 2>&1 || true; fi
echo "built $tag on $NODE_BASE in $(( $(date +%s) - started )) s"
buildah "${storage[@]}" images --format '{{.Name}}:{{.Tag}} {{.Size}}' | grep -F "${tag##*/}" || true
