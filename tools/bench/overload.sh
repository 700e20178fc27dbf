#!/usr/bin/env bash
# Overload in one command (docs/reliability.md): builds, starts the real stack on ports 18620-18623
# in an environment of its own, offers 3x the sustainable rate for 30 s, and checks exactly once.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
command -v wrk >/dev/null || { echo "overload: wrk not found (apt-get install wrk)" >&2; exit 2; }
bash tools/local-stack/kafka.sh status >/dev/null || { echo "overload: start Kafka first: bash tools/local-stack/kafka.sh start" >&2; exit 2; }
npx tsc -b tsconfig.build.json
exec node -r ts-node/register/transpile-only -r tsconfig-paths/register tools/bench/overload.ts "$@"
