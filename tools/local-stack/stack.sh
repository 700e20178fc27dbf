#!/usr/bin/env bash
# One entry point for the whole local stack: PostgreSQL + Redis (stores.sh)
# and the Kafka broker (kafka.sh).
#
# Usage: stack.sh up [db ...]   ensure PostgreSQL/Redis (+ create dbs), start Kafka
#        stack.sh down          stop Kafka
#        stack.sh status        show all three; exit 1 if any is down
#
# `down` stops only Kafka. PostgreSQL and Redis are the machine's own services,
# shared with anything else on it; even when `up` had to start them, they
# are left running, because they are cheap when idle and another project or
# test run may be using them by then.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

case "${1:-}" in
  up)
    shift
    bash "${SCRIPT_DIR}/stores.sh" ensure "$@"
    bash "${SCRIPT_DIR}/kafka.sh" start
    ;;
  down)
    bash "${SCRIPT_DIR}/kafka.sh" stop
    ;;
  status)
    rc=0
    bash "${SCRIPT_DIR}/stores.sh" status || rc=1
    printf 'kafka: '
    bash "${SCRIPT_DIR}/kafka.sh" status || rc=1
    exit "${rc}"
    ;;
  *)
    echo "usage: $(basename "$0") up [db ...] | down | status" >&2
    exit 2
    ;;
esac
