#!/usr/bin/env bash
# Starts and stops the four services as background processes for local development and tests.
#   services.sh start <env-file> <run-dir>   start all four, wait until each is ready
#   services.sh stop <run-dir>               stop what start started (SIGTERM, then SIGKILL)
# <env-file> holds the variables of tools/dev/dev.env; <run-dir> receives pid files and logs.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
SERVICES=(wallet gateway promotions reporting)
READY_TIMEOUT_S=${READY_TIMEOUT_S:-90}

service_env() { # name -> the variables that service reads, from the shared env file's names
  local name=$1 upper=${1^^}
  local port_var="${upper}_HTTP_PORT" db_var="${upper}_DATABASE_URL"
  echo "HTTP_PORT=${!port_var}"
  if [ -n "${!db_var:-}" ]; then echo "DATABASE_URL=${!db_var}"; fi
  if [ "$name" = wallet ] || [ "$name" = reporting ]; then
    # The reports API and the dashboard take the same back-office keys as the wallet.
    local admin_hash support_hash
    admin_hash=$(printf %s "$DEMO_BACK_OFFICE_ADMIN_KEY" | sha256sum | cut -d' ' -f1)
    support_hash=$(printf %s "$DEMO_BACK_OFFICE_SUPPORT_KEY" | sha256sum | cut -d' ' -f1)
    echo "BACK_OFFICE_API_KEYS=[{\"name\":\"demo-admin\",\"role\":\"admin\",\"sha256\":\"$admin_hash\"},{\"name\":\"demo-support\",\"role\":\"support\",\"sha256\":\"$support_hash\"}]"
  fi
  # The one platform registry (docs/platform-registry.md), the same for every service. The demo
  # platform has no API on this machine: its business reports are not reconciled.
  echo "PLATFORM_REGISTRY={\"platforms\":[{\"platformId\":\"${DEMO_PLATFORM_ID}\",\"protocol\":\"operator-api\",\"operators\":[{\"operatorId\":\"${DEMO_OPERATOR_ID}\",\"secretKey\":\"${DEMO_SECRET_KEY}\"}],\"api\":{\"baseUrl\":\"${DEMO_PLATFORM_API_BASE_URL}\",\"gameLaunchBaseUrl\":\"${DEMO_GAME_LAUNCH_BASE_URL}\",\"reconcile\":false}}]}"
}

start() {
  local env_file=$1 run_dir=$2
  mkdir -p "$run_dir"
  set -a; source "$env_file"; set +a
  for name in "${SERVICES[@]}"; do
    local pid_file="$run_dir/$name.pid"
    if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      echo "$name already running (pid $(cat "$pid_file"))"; continue
    fi
    (
      while IFS= read -r line; do export "${line?}"; done < <(service_env "$name")
      export INSTANCE_ID="$name-local-1"
      cd "$repo"
      exec setsid node --enable-source-maps -r ./tools/dev/register-paths.js "dist/apps/$name/src/main.js"
    ) >>"$run_dir/$name.log" 2>&1 &
    echo $! >"$pid_file"
  done
  for name in "${SERVICES[@]}"; do
    local upper=${name^^}; local port_var="${upper}_HTTP_PORT"; local port=${!port_var}
    local waited=0
    until curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
      if ! kill -0 "$(cat "$run_dir/$name.pid")" 2>/dev/null; then
        echo "$name exited during start; last lines of $run_dir/$name.log:" >&2; tail -n 30 "$run_dir/$name.log" >&2; return 1
      fi
      if [ "$waited" -ge $((READY_TIMEOUT_S * 5)) ]; then
        echo "$name not ready after ${READY_TIMEOUT_S}s; last lines of $run_dir/$name.log:" >&2; tail -n 30 "$run_dir/$name.log" >&2; return 1
      fi
      sleep 0.2; waited=$((waited + 1))
    done
    echo "$name ready on http://127.0.0.1:$port"
  done
}

stop() {
  local run_dir=$1
  for name in "${SERVICES[@]}"; do
    local pid_file="$run_dir/$name.pid"
    [ -f "$pid_file" ] || continue
    local pid; pid=$(cat "$pid_file")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then echo "$name did not stop in 15 s: killing"; kill -KILL "$pid" 2>/dev/null || true; fi
      echo "$name stopped"
    fi
    rm -f "$pid_file"
  done
}

case "${1:-}" in
  start) start "$2" "$3" ;;
  stop) stop "$2" ;;
  *) echo "usage: services.sh start <env-file> <run-dir> | stop <run-dir>" >&2; exit 2 ;;
esac
