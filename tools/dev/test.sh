#!/usr/bin/env bash
# npm test: the whole suite on a clean clone. Installs what is missing, brings up the local stack
# it needs (Kafka on the project's own port, the machine's PostgreSQL and Redis), then runs
# lint, type-check, unit, integration and end-to-end tests. A Kafka broker it started, it stops.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
export NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=${NX_SKIP_NX_CACHE:-false}
step() { printf '\n=== %s\n' "$*"; }

step "install"
bash tools/dev/install.sh

step "lint (module boundaries included)"
npx nx show projects >/dev/null   # builds the project graph the boundary rule reads
npx eslint --max-warnings=0 .

step "type-check"
npx tsc -p tsconfig.json --noEmit

step "unit tests"
mkdir -p .local/test-results
npx jest --config jest.config.ts --selectProjects unit --ci --json --outputFile=.local/test-results/unit.json

step "local stack"
kafka_started_here=false
if ! bash tools/local-stack/kafka.sh status >/dev/null 2>&1; then kafka_started_here=true; fi
cleanup() { if [ "$kafka_started_here" = true ]; then bash tools/local-stack/kafka.sh stop || true; fi; }
trap cleanup EXIT
bash tools/local-stack/stack.sh up

step "build (end-to-end tests run the compiled services)"
npx tsc -b tsconfig.build.json

step "integration and end-to-end tests (real PostgreSQL, Redis, Kafka)"
npx jest --config jest.config.ts --selectProjects integration e2e --runInBand --ci --json --outputFile=.local/test-results/stack.json

# One closing line for every suite together, in the plain form CI reads.
node -e '
  const results = ["unit", "stack"].map((name) => require(`./.local/test-results/${name}.json`));
  const passed = results.reduce((sum, result) => sum + result.numPassedTests, 0);
  const failed = results.reduce((sum, result) => sum + result.numFailedTests, 0);
  console.log(`tests: ${passed} passed, ${failed} failed`);'
