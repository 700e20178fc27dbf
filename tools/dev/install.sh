#!/usr/bin/env bash
# Installs node dependencies when missing or when package-lock.json changed since the last install,
# and the Debian packages the tests use, each only when its command is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
marker=node_modules/.package-lock.sha1
want=$(sha1sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$marker" ] || [ "$(cat "$marker")" != "$want" ]; then
  echo "installing node dependencies (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$marker"
fi

apt_updated=0
install_debian_package_when_missing() {
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "installing Debian package $2 (for $1)..."
  if [ "$(id -u)" = 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  if [ "$apt_updated" = 0 ]; then $apt_get update -qq >/dev/null; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq --no-install-recommends "$2" >/dev/null
}
# kcat: the report topics' tests read them the way analysts do (docs/analysts.md).
install_debian_package_when_missing kcat kcat
# chromium: the reporting dashboard is tested in a real headless browser (playwright-core drives it).
install_debian_package_when_missing chromium chromium
# php: PHP's own json_encode is the reference of the Choice Gaming service-API signature tests.
install_debian_package_when_missing php php-cli
# kubectl (kustomize renders of k8s/), prometheus and promtool (the metrics test and the alert-rule
# tests), buildah (docker/build-image.sh).
install_debian_package_when_missing kubectl kubernetes-client
install_debian_package_when_missing prometheus prometheus
install_debian_package_when_missing promtool prometheus
install_debian_package_when_missing buildah buildah
# wrk: the benchmark's load generator (tools/bench).
install_debian_package_when_missing wrk wrk
