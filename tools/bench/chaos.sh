#!/usr/bin/env bash
# Chaos in one command (docs/reliability.md): builds, starts the real stack on ports 18660-18663 in
# an environment of its own, runs the simulator's mixed load while killing the wallet, killing the
# gateway and bursting overload, one at a time, and checks exactly once and the ledger after each.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
command -v wrk >/dev/null || { echo "chaos: wrk not found (apt-get install wrk)" >&2; exit 2; }
bash tools/local-stack/kafka.sh status >/dev/null || { echo "chaos: start Kafka first: bash tools/local-stack/kafka.sh start" >&2; exit 2; }
npx tsc -b tsconfig.build.json
exec node -r ts-node/register/transpile-only -r tsconfig-paths/register tools/bench/chaos.ts "$@"
