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
# PHP's own json_encode is the reference the Choice Gaming service-API signature tests compare
# against (libs/choice-gaming-service-api): the provider signs what json_encode makes of our data.
if ! command -v php >/dev/null 2>&1; then
  echo "installing php-cli (reference json_encode for the Choice Gaming signature tests)..."
  if [ "$(id -u)" = 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq --no-install-recommends php-cli >/dev/null
fi
