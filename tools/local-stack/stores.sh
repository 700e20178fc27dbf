#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis are reachable for local development and
# integration tests, and creates the databases the services need.
#
# Both run as ordinary machine services here (no Docker engine), so this does
# not own them: it only starts the machine's own PostgreSQL cluster or
# redis-server when they are installed locally but down, and otherwise says
# what to install or which URL to set.
#
# Usage: stores.sh ensure [db ...]   check/start both, then create each db if missing
#        stores.sh status            exit 0 if both answer
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "${SCRIPT_DIR}/../.." && pwd)"

DATABASE_URL_ADMIN="${DATABASE_URL_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
STORES_START_TIMEOUT="${STORES_START_TIMEOUT:-30}"
LOCAL_STACK_DIR="${LOCAL_STACK_DIR:-${REPO_ROOT}/.local}"
# Fail fast instead of hanging on a firewalled host.
export PGCONNECT_TIMEOUT="${PGCONNECT_TIMEOUT:-5}"

log() { printf 'stores: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

usage() {
  echo "usage: $(basename "$0") ensure [db ...] | status" >&2
  exit 2
}

# Only a server on this machine can be started by us.
is_local_host() {
  case "$1" in
    127.0.0.1 | localhost | ::1) return 0 ;;
    *) return 1 ;;
  esac
}

# --- URL parsing -----------------------------------------------------------
# scheme://[user[:password]@]host[:port][/path][?query]; IPv6 hosts in [].
URL_RE='^([a-z]+)://(([^:@/]*)(:([^@/]*))?@)?(\[[^]/]+\]|[^:/?]*)(:([0-9]+))?(/[^?]*)?(\?.*)?$'

parse_url() { # url default_port -> sets U_SCHEME U_HOST U_PORT U_PASSWORD
  [[ "$1" =~ ${URL_RE} ]] || return 1
  U_SCHEME="${BASH_REMATCH[1]}"
  U_PASSWORD="${BASH_REMATCH[5]}"
  U_HOST="${BASH_REMATCH[6]:-127.0.0.1}"
  U_HOST="${U_HOST#[}"
  U_HOST="${U_HOST%]}"
  U_PORT="${BASH_REMATCH[8]:-$2}"
}

parse_url "${DATABASE_URL_ADMIN}" 5432 || die "DATABASE_URL_ADMIN is not a postgres:// URL: ${DATABASE_URL_ADMIN}"
[[ "${U_SCHEME}" == postgres || "${U_SCHEME}" == postgresql ]] || die "DATABASE_URL_ADMIN must start with postgres:// (got ${U_SCHEME}://)"
PG_HOST="${U_HOST}"
PG_PORT="${U_PORT}"

parse_url "${REDIS_URL}" 6379 || die "REDIS_URL is not a redis:// URL: ${REDIS_URL}"
[[ "${U_SCHEME}" == redis || "${U_SCHEME}" == rediss ]] || die "REDIS_URL must start with redis:// (got ${U_SCHEME}://)"
REDIS_HOST="${U_HOST}"
REDIS_PORT="${U_PORT}"
REDIS_SCHEME="${U_SCHEME}"
# Given to redis-cli through the environment so it never shows up in `ps`.
REDIS_PASSWORD="${U_PASSWORD}"

wait_until() { # seconds command... : poll once a second
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 1
  done
}

# --- PostgreSQL ------------------------------------------------------------

pg_up() { pg_isready -q -h "${PG_HOST}" -p "${PG_PORT}" -t 3; }

ensure_postgres() {
  if ! command -v pg_isready >/dev/null || ! command -v psql >/dev/null; then
    die "the PostgreSQL client tools are missing. Install them (apt-get install postgresql-client) or the server (apt-get install postgresql)."
  fi
  pg_up && return 0

  local hint="PostgreSQL is not reachable at ${PG_HOST}:${PG_PORT}. Install it (apt-get install postgresql) or set DATABASE_URL_ADMIN."
  if ! is_local_host "${PG_HOST}" || ! command -v pg_ctlcluster >/dev/null || ! command -v pg_lsclusters >/dev/null; then
    die "${hint}"
  fi

  # Debian can hold several clusters; start the one configured for our port.
  local ver name
  read -r ver name < <(pg_lsclusters -h | awk -v port="${PG_PORT}" '$3 == port { print $1, $2; exit }') || true
  [[ -n "${ver:-}" ]] || die "${hint} (no local cluster is configured for port ${PG_PORT}; see pg_lsclusters)"

  log "PostgreSQL is down; starting the machine's cluster ${ver}/${name}"
  # --skip-systemctl-redirect: there is no systemd in our containers/CI.
  pg_ctlcluster --skip-systemctl-redirect "${ver}" "${name}" start ||
    die "could not start PostgreSQL cluster ${ver}/${name} (see /var/log/postgresql/postgresql-${ver}-${name}.log)"
  wait_until "${STORES_START_TIMEOUT}" pg_up ||
    die "PostgreSQL cluster ${ver}/${name} started but ${PG_HOST}:${PG_PORT} still does not answer"
}

# -w: never prompt for a password (a script must fail, not hang); -X: ignore
# the user's ~/.psqlrc.
pg_query() { psql "${DATABASE_URL_ADMIN}" -X -w -q -v ON_ERROR_STOP=1 -tAc "$1"; }

# Reachable is not enough to create databases: check that we can log in.
check_pg_login() {
  local err
  if ! err="$(pg_query 'select 1' 2>&1 >/dev/null)"; then
    die "PostgreSQL at ${PG_HOST}:${PG_PORT} answers but refuses DATABASE_URL_ADMIN: ${err} (put the user/password in the URL or use a trust/peer setup)"
  fi
}

db_exists() {
  local found
  found="$(pg_query "select 1 from pg_database where datname = '$1'")" || die "could not query pg_database"
  [[ "${found}" == 1 ]]
}

ensure_database() {
  local db="$1"
  # The name goes into SQL unquoted-safe; also keeps names portable.
  [[ "${db}" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] ||
    die "invalid database name '${db}': use lower case letters, digits and _, starting with a letter or _ (max 63)"
  if db_exists "${db}"; then
    log "database ${db} exists"
    return 0
  fi
  # A parallel `ensure` may win the race; that is fine as long as the db exists.
  if pg_query "create database \"${db}\"" >/dev/null 2>&1 || db_exists "${db}"; then
    log "database ${db} created"
  else
    pg_query "create database \"${db}\"" >/dev/null # re-run to show the error
  fi
}

# --- Redis -----------------------------------------------------------------

redis_up() {
  if command -v redis-cli >/dev/null; then
    local -a tls=()
    [[ "${REDIS_SCHEME}" == rediss ]] && tls=(--tls)
    [[ "$(REDISCLI_AUTH="${REDIS_PASSWORD}" timeout 5 redis-cli "${tls[@]}" -h "${REDIS_HOST}" -p "${REDIS_PORT}" ping 2>/dev/null)" == PONG ]]
  else
    # No redis-cli: speak RESP directly. Any reply (even -NOAUTH) means a
    # Redis server is listening.
    # shellcheck disable=SC2016 # expanded by the inner bash
    timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2" && printf "PING\r\n" >&3 && head -c 1 <&3' _ "${REDIS_HOST}" "${REDIS_PORT}" 2>/dev/null | grep -q '[+-]'
  fi
}

ensure_redis() {
  redis_up && return 0
  local hint="Redis is not reachable at ${REDIS_HOST}:${REDIS_PORT}. Install it (apt-get install redis-server) or set REDIS_URL."
  if ! is_local_host "${REDIS_HOST}" || ! command -v redis-server >/dev/null; then
    die "${hint}"
  fi

  # The machine's usual locations when we may write there (root); otherwise
  # keep the server's files with the rest of the local stack.
  local dir=/var/lib/redis logfile=/var/log/redis/ci.log
  if ! { mkdir -p /var/lib/redis /var/log/redis && [[ -w /var/lib/redis && -w /var/log/redis ]]; } 2>/dev/null; then
    dir="${LOCAL_STACK_DIR}/redis"
    logfile="${dir}/redis.log"
    mkdir -p "${dir}"
  fi
  log "Redis is down; starting redis-server on 127.0.0.1:${REDIS_PORT} (log ${logfile})"
  # No persistence: it is a cache/lock store for dev and tests. "-::1" binds
  # IPv6 loopback only if the machine has it.
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "${REDIS_PORT}" \
    --save "" --appendonly no --dir "${dir}" --logfile "${logfile}" ||
    die "redis-server failed to start (see ${logfile})"
  wait_until "${STORES_START_TIMEOUT}" redis_up ||
    die "redis-server started but ${REDIS_HOST}:${REDIS_PORT} does not answer (see ${logfile})"
}

# --- commands --------------------------------------------------------------

cmd_ensure() {
  local db
  # Validate every name before touching anything.
  for db in "$@"; do
    [[ "${db}" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] ||
      die "invalid database name '${db}': use lower case letters, digits and _, starting with a letter or _ (max 63)"
  done
  ensure_postgres
  log "PostgreSQL ready at ${PG_HOST}:${PG_PORT}"
  ensure_redis
  log "Redis ready at ${REDIS_HOST}:${REDIS_PORT}"
  (($# == 0)) && return 0
  check_pg_login
  for db in "$@"; do ensure_database "${db}"; done
}

cmd_status() {
  local rc=0
  if command -v pg_isready >/dev/null && pg_up; then
    echo "postgres: running on ${PG_HOST}:${PG_PORT}"
  else
    echo "postgres: not running on ${PG_HOST}:${PG_PORT}"
    rc=1
  fi
  if redis_up; then
    echo "redis: running on ${REDIS_HOST}:${REDIS_PORT}"
  else
    echo "redis: not running on ${REDIS_HOST}:${REDIS_PORT}"
    rc=1
  fi
  return "${rc}"
}

case "${1:-}" in
  ensure) shift; cmd_ensure "$@" ;;
  status) cmd_status ;;
  *) usage ;;
esac
