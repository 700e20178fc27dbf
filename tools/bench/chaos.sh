#!/usr/bin/env bash
# Chaos in one command (docs/reliability.md): builds, starts a private PostgreSQL (18690), Redis
# (18691) and Kafka (18692/18693) and the real stack on ports 18660-18663 on them, runs the
# simulator's mixed load while injecting each fault in turn (or only the ones named), and checks
# exactly once, the ledger and the reports after each. The shared servers are never touched.
#   bash tools/bench/chaos.sh [wallet-sigkill gateway-sigkill promotions-sigkill reporting-sigkill
#                              kafka-restart redis-flushall redis-restart postgres-restart overload-burst]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
command -v wrk >/dev/null || { echo "chaos: wrk not found (apt-get install wrk)" >&2; exit 2; }
command -v redis-server >/dev/null || { echo "chaos: redis-server not found" >&2; exit 2; }
npx tsc -b tsconfig.build.json
exec node -r ts-node/register/transpile-only -r tsconfig-paths/register tools/bench/chaos.ts "$@"
