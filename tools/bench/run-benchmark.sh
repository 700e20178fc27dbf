#!/usr/bin/env bash
# The benchmark in one command (docs/benchmarks.md): builds, starts the real stack in an
# environment of its own (ports 18700+, fresh databases), ramps `simulator load` until latency
# breaks, measures half of peak, runs the pgbench baseline, and stops everything it started.
# Needs the Kafka broker (bash tools/local-stack/kafka.sh start), PostgreSQL with pgbench, Redis.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
command -v pgbench >/dev/null || { echo "run-benchmark: pgbench not found (it comes with PostgreSQL)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "run-benchmark: wrk not found (apt-get install wrk)" >&2; exit 2; }
bash tools/local-stack/kafka.sh status >/dev/null || { echo "run-benchmark: start Kafka first: bash tools/local-stack/kafka.sh start" >&2; exit 2; }
npx tsc -b tsconfig.build.json
exec node -r ts-node/register/transpile-only -r tsconfig-paths/register tools/bench/run-benchmark.ts "$@"
