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
# kcat: the report topics' tests read them the way analysts do (docs/analysts.md).
if ! command -v kcat >/dev/null 2>&1; then
  echo "installing kcat (apt)..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kcat) >/dev/null
fi
# chromium: the reporting dashboard is tested in a real headless browser (playwright-core drives it).
if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium (apt)..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
fi
