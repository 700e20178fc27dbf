#!/usr/bin/env bash
# The network fuzzer in one command (docs/reliability.md): builds, starts the real stack on ports
# 18646-18649, sends malformed requests to every endpoint (100,000 by default) and fails unless
# there were 0 crashes, 0 answers out of protocol and 0 ledger changes.
#   bash tools/bench/fuzz.sh [requests] [seed]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
bash tools/local-stack/kafka.sh status >/dev/null || { echo "fuzz: start Kafka first: bash tools/local-stack/kafka.sh start" >&2; exit 2; }
npx tsc -b tsconfig.build.json
exec node -r ts-node/register/transpile-only -r tsconfig-paths/register tools/bench/fuzz.ts "$@"
