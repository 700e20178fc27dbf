#!/usr/bin/env bash
# npm stop: stops the services and the Kafka broker that npm start started. The machine's own
# PostgreSQL and Redis are left running (npm start did not start them unless they were down).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
bash "$repo/tools/dev/services.sh" stop "$repo/.local/run"
bash "$repo/tools/local-stack/kafka.sh" stop
