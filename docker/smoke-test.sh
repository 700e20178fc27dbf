#!/usr/bin/env bash
# Runs the built image's wallet and gateway (buildah run --isolation chroot, on the host network)
# against this machine's Kafka, PostgreSQL and Redis, and asks for a player's balance the way a
# platform does: the answer must be OK, to the cent, and correctly signed. Everything it makes is
# its own: a database, an ENVIRONMENT_NAME (so its own topics and groups), ports 18560/18561.
#   docker/build-image.sh && docker/smoke-test.sh [image]        (default igaming-wallet:dev)
set -euo pipefail
cd "$(dirname "$0")/.."
image=${1:-igaming-wallet:dev}
storage=(--storage-driver vfs)
environment="smoke$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
database="wallet_${environment}"
database_url="postgres://postgres@127.0.0.1:5432/${database}"
gateway_port=18560 wallet_port=18561
platform_id=smoke-platform operator_id=smokecasino secret_key="smoke-secret-$environment"
kafka=${KAFKA_BROKERS:-127.0.0.1:19092} redis=${REDIS_URL:-redis://127.0.0.1:6379}
ready_timeout_s=60
log_dir=.local/smoke/$environment
mkdir -p "$log_dir"

containers=() pids=()
cleanup() {
  # Only what this script started: the buildah run processes (and their children) by id, then
  # its containers and its database.
  for pid in "${pids[@]}"; do
    for child in $(pgrep -P "$pid" || true); do pkill -TERM -P "$child" 2>/dev/null || true; kill -TERM "$child" 2>/dev/null || true; done
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for container in "${containers[@]}"; do buildah "${storage[@]}" rm "$container" >/dev/null 2>&1 || true; done
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS \"$database\"" postgres >/dev/null 2>&1 || true
}
trap cleanup EXIT

entry() { echo "exec node --enable-source-maps -r ./tools/dev/register-paths.js dist/apps/\${SERVICE}/src/\${ENTRY}"; }
# A fresh container of the image runs one command; its environment is the image's plus ours.
# The container is made here, in this shell (not in a `&` or `$(...)` subshell), so that cleanup
# knows it and removes it.
new_container() {
  container=$(buildah "${storage[@]}" from --quiet "$image")
  containers+=("$container")
}
run_in() {
  local in=$1; shift
  buildah "${storage[@]}" run --isolation chroot --network host \
    --env ENVIRONMENT_NAME="$environment" --env KAFKA_BROKERS="$kafka" --env REDIS_URL="$redis" --env LOG_LEVEL=info "$@" "$in" -- sh -c "$(entry)"
}
wait_ready() {
  local port=$1 deadline=$((SECONDS + ready_timeout_s))
  until curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || { echo "port $port not ready within ${ready_timeout_s}s; logs in $log_dir" >&2; exit 1; }
    sleep 0.5
  done
}

echo "image $image, environment $environment"
new_container
echo "user in the image: $(buildah "${storage[@]}" inspect --format '{{.OCIv1.Config.User}}' "$container")"
# Non-root: the user cannot write the application's files (the manifests also mount / read-only).
buildah "${storage[@]}" run --isolation chroot "$container" -- node -e "
  const fs = require('node:fs');
  if (process.getuid() === 0) { console.error('runs as root'); process.exit(1); }
  try { fs.writeFileSync('/app/dist/x', ''); console.error('/app is writable'); process.exit(1); } catch (e) { if (e.code !== 'EACCES') throw e; }
  for (const tool of ['typescript', 'ts-node', 'jest', 'eslint', 'nx', '@swc/core', 'kubernetes-models']) {
    if (fs.existsSync('/app/node_modules/' + tool)) { console.error('dev dependency in the image: ' + tool); process.exit(1); }
  }
  console.log('uid ' + process.getuid() + ', /app not writable, no dev dependencies');"

psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE \"$database\"" postgres
new_container
run_in "$container" --env SERVICE=wallet --env ENTRY=migrate.js --env DATABASE_URL="$database_url"
new_container
run_in "$container" --env SERVICE=wallet --env HTTP_PORT=$wallet_port --env INSTANCE_ID="wallet-$environment" --env DATABASE_URL="$database_url" \
  --env CATALOG_SYNC_INTERVAL_MINUTES=0 >"$log_dir/wallet.log" 2>&1 &
pids+=($!)
registry="{\"platforms\":[{\"platformId\":\"$platform_id\",\"protocol\":\"operator-api\",\"operators\":[{\"operatorId\":\"$operator_id\",\"secretKey\":\"$secret_key\"}]}]}"
new_container
run_in "$container" --env SERVICE=gateway --env HTTP_PORT=$gateway_port --env INSTANCE_ID="gateway-$environment" \
  --env PLATFORM_REGISTRY="$registry" >"$log_dir/gateway.log" 2>&1 &
pids+=($!)
wait_ready $wallet_port
wait_ready $gateway_port
echo "wallet and gateway from the image are ready"

new_container
player=$(run_in "$container" --env SERVICE=wallet --env ENTRY=seed/seed-player.js --env DATABASE_URL="$database_url" \
  --env SEED_PLATFORM_ID=$platform_id --env SEED_OPERATOR_ID=$operator_id --env SEED_SECRET_KEY="$secret_key" \
  --env SEED_BASE_URL="http://127.0.0.1:$gateway_port/operator-api/v2/$platform_id" 2>/dev/null | tail -1)
field() { node -e "process.stdout.write(String(JSON.parse(process.argv[1])[process.argv[2]]))" "$player" "$1"; }
# seed-player.js takes its options as arguments; the image's CMD passes none, so the default
# balance (1000.00) is what the answer must show.
answer=$(BASE_URL="http://127.0.0.1:$gateway_port/operator-api/v2/$platform_id" OPERATOR_ID=$operator_id SECRET_KEY="$secret_key" \
  bash tools/dev/call-operator-api.sh balance "{\"token\":\"$(field token)\",\"user_id\":\"$(field user_id)\",\"currency_code\":\"$(field currency)\"}")
echo "answer: $answer"
node -e "
  const { createHash } = require('node:crypto');
  const { response } = JSON.parse(process.argv[1]);
  const expected = createHash('sha1').update(response.status + response.response_timestamp + process.argv[2]).digest('hex');
  if (response.status !== 'OK') throw new Error('status ' + response.status);
  if (!/\"balance\":1000\.00[,}]/.test(process.argv[1])) throw new Error('balance is not 1000.00');
  if (response.hash !== expected) throw new Error('response signature does not verify');
  console.log('smoke test passed: signed balance ' + response.data.balance.toFixed(2) + ' ' + response.data.currency_code + ', signature verified');
" "$answer" "$secret_key"
