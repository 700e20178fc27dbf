#!/usr/bin/env bash
# npm start: dependencies, the local stack (Kafka, PostgreSQL, Redis), migrations, the four
# services in the background, a demo player. Returns once everything is ready.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
started_at=$(date +%s)
bash tools/dev/install.sh
echo "building..."
npx tsc -b tsconfig.build.json
set -a; source tools/dev/dev.env; set +a
bash tools/local-stack/stack.sh up wallet promotions reporting
DATABASE_URL=$WALLET_DATABASE_URL node -r ./tools/dev/register-paths.js dist/apps/wallet/src/migrate.js
DATABASE_URL=$PROMOTIONS_DATABASE_URL node -r ./tools/dev/register-paths.js dist/apps/promotions/src/migrate.js
bash tools/dev/services.sh start tools/dev/dev.env "$repo/.local/run"
demo=$(DATABASE_URL=$WALLET_DATABASE_URL SEED_BASE_URL="http://127.0.0.1:$GATEWAY_HTTP_PORT/operator-api/v2/$DEMO_PLATFORM_ID" \
  SEED_PLATFORM_ID=$DEMO_PLATFORM_ID SEED_OPERATOR_ID=$DEMO_OPERATOR_ID SEED_SECRET_KEY=$DEMO_SECRET_KEY \
  node -r ./tools/dev/register-paths.js dist/apps/wallet/src/seed/seed-player.js --user=demo-player-1)
node -e '
  const d = JSON.parse(process.argv[1]);
  const lines = Object.entries({ BASE_URL: d.base_url, OPERATOR_ID: d.operator_id, SECRET_KEY: d.secret_key, TOKEN: d.token,
    USER_ID: d.user_id, CURRENCY: d.currency, GAME_ID: d.game_id,
    BACK_OFFICE_URL: `http://127.0.0.1:${process.env.WALLET_HTTP_PORT}/back-office/v1`, BACK_OFFICE_API_KEY: process.env.DEMO_BACK_OFFICE_ADMIN_KEY }).map(([k, v]) => `export ${k}=${v}`);
  require("fs").writeFileSync(".local/demo.env", lines.join("\n") + "\n");' "$demo"
cat <<MSG

Ready in $(( $(date +%s) - started_at )) s. Demo player: $demo
Logs: .local/run/<service>.log   Stop everything: npm stop

Try a signed balance request (the README explains each line):
  source .local/demo.env
  bash tools/dev/call-operator-api.sh balance "{\"token\":\"\$TOKEN\",\"user_id\":\"\$USER_ID\",\"currency_code\":\"\$CURRENCY\"}"
MSG
