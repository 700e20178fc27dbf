#!/usr/bin/env bash
# Installs node dependencies when missing or when package-lock.json changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/../.."
marker=node_modules/.package-lock.sha1
want=$(sha1sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$marker" ] || [ "$(cat "$marker")" != "$want" ]; then
  echo "installing node dependencies (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$marker"
fi

# Debian packages the operations tests and scripts use, each installed only when its command is
# missing: kubectl (kustomize renders of k8s/), buildah (docker/build-image.sh), prometheus and
# promtool (the metrics test and the alert-rule tests).
apt_updated=0
install_debian_package_when_missing() {
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "installing Debian package $2 (for $1)..."
  if [ "$apt_updated" = 0 ]; then apt-get update -qq >/dev/null; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null
}
install_debian_package_when_missing kubectl kubernetes-client
install_debian_package_when_missing prometheus prometheus
install_debian_package_when_missing promtool prometheus
install_debian_package_when_missing buildah buildah
