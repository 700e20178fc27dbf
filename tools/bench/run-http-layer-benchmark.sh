#!/usr/bin/env bash
# The HTTP layer alone, as the gateway would run it: NestJS on Express, NestJS on Fastify and
# Node's own http, each doing the same small work per request (raw body, a hash, a JSON answer).
# Measures CPU per request of the server process (from /proc, not wall time) under wrk, in
# alternating rounds so that a noisy machine affects all three alike. Usage:
#   bash tools/bench/run-http-layer-benchmark.sh [rounds]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
rounds=${1:-3}
port=${HTTP_BENCH_PORT:-18790}
modules=.local/http-bench
core_version=$(node -p "require('@nestjs/core/package.json').version")
if [ ! -d "$modules/node_modules/@nestjs/platform-fastify" ]; then
  mkdir -p "$modules" && echo '{"private":true}' > "$modules/package.json"
  npm install --prefix "$modules" --no-audit --no-fund --silent "@nestjs/platform-fastify@$core_version"
fi
tick=$(getconf CLK_TCK)
url="http://127.0.0.1:$port/operator-api/v2/pf/changebalance"
lua=tools/bench/http-layer/changebalance-body.lua
echo "round server requests req_per_s cpu_ms_per_request"
for round in $(seq "$rounds"); do
  for kind in express fastify node; do
    HTTP_BENCH_MODULES="$modules/node_modules" node -r ts-node/register/transpile-only -r tsconfig-paths/register tools/bench/http-layer/http-layer-server.ts "$kind" "$port" &
    pid=$!
    for _ in $(seq 100); do curl -s -o /dev/null -X POST "$url" -d '{}' && break; sleep 0.2; done
    wrk -t1 -c16 -d3s -s "$lua" "$url" >/dev/null
    before=$(awk '{print $14+$15}' "/proc/$pid/stat")
    out=$(wrk -t1 -c16 -d10s -s "$lua" "$url")
    after=$(awk '{print $14+$15}' "/proc/$pid/stat")
    requests=$(echo "$out" | awk '/requests in/ {print $1}')
    rate=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    if echo "$out" | grep -q 'Non-2xx'; then echo "$kind answered non-2xx: $out" >&2; exit 1; fi
    echo "$round $kind $requests $rate $(awk -v d=$((after - before)) -v t="$tick" -v n="$requests" 'BEGIN { printf "%.4f", d * 1000 / t / n }')"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
