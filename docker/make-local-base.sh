#!/usr/bin/env bash
# Makes the Node base image on this machine, for machines that reach no container registry: a
# root filesystem of the host's Node (the same Node 20 the services are developed on), npm, the
# shared libraries they link, /bin/sh, sleep and env (the image's CMD, the preStop hook, npm), the CA
# certificates, and a passwd entry for the non-root user 10001. Production builds use a normal
# registry base instead (docker/Dockerfile's NODE_BASE build argument).
#   docker/make-local-base.sh [image name]      (default localhost/igaming-wallet-node-base:20)
set -euo pipefail
image=${1:-localhost/igaming-wallet-node-base:20}
storage=(--storage-driver vfs)

previous=$(buildah "${storage[@]}" inspect --type image --format '{{.FromImageID}}' "$image" 2>/dev/null || true)
container=$(buildah "${storage[@]}" from scratch)
trap 'buildah "${storage[@]}" rm "$container" >/dev/null 2>&1 || true' EXIT
root=$(buildah "${storage[@]}" mount "$container")

node=$(readlink -f "$(command -v node)")
npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")   # .../node_modules/npm
shell=$(readlink -f /bin/sh)
sleep_bin=$(readlink -f "$(command -v sleep)")
env_bin=$(readlink -f "$(command -v env)")

copy_with_libraries() {
  local binary=$1 target=$2
  install -D -m 0755 "$binary" "$root$target"
  # Every shared library the binary links, at the same path (the dynamic loader included).
  ldd "$binary" | grep -oE '/[^ ]+' | while read -r library; do
    install -D -m 0755 "$(readlink -f "$library")" "$root$library"
  done
}
copy_with_libraries "$node" /usr/bin/node
copy_with_libraries "$shell" /bin/sh
copy_with_libraries "$sleep_bin" /bin/sleep
copy_with_libraries "$env_bin" /usr/bin/env   # npm starts with "#!/usr/bin/env node"
mkdir -p "$root/usr/lib/node_modules" "$root/usr/bin"
cp -a "$npm_dir" "$root/usr/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/bin/npx"
mkdir -p "$root/etc/ssl/certs" "$root/tmp" "$root/root"
chmod 1777 "$root/tmp"
cp -L /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
# npm ci in the build stage resolves the registry's name.
cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
cp -L /etc/hosts "$root/etc/hosts"
# The machine's trust store (its registry access may pass a proxy with its own CA).
printf 'root:x:0:0:root:/root:/bin/sh\napp:x:10001:10001:app:/app:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\napp:x:10001:\n' >"$root/etc/group"

buildah "${storage[@]}" config --env PATH=/usr/local/bin:/usr/bin:/bin --env NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt --env NODE_VERSION="$(node --version)" "$container"
buildah "${storage[@]}" unmount "$container" >/dev/null
buildah "${storage[@]}" commit --quiet "$container" "$image" >/dev/null
# The base this name pointed to before is dropped unless an image still uses it.
if [ -n "$previous" ]; then buildah "${storage[@]}" rmi "$previous" >/dev/null 2>&1 || true; fi
echo "$image ($(node --version), from this machine's Node)"
