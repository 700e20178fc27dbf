#!/usr/bin/env bash
# Certification fixtures for OUR stack, made with the wallet's seed command: the test accounts an
# operator gives a platform (funded, second funded, blocked, daily-wager-limited, on a disabled
# game), plus optionally N funded players for `simulator load`.
#
#   DATABASE_URL=… SEED_PLATFORM_ID=… SEED_OPERATOR_ID=… [SEED_BASE_URL=… SEED_SECRET_KEY=…] \
#     bash tools/bench/make-fixtures.sh --out fixtures.json [--players N] [--player-balance 100000.00]
#
# The other variables the wallet's config reads (ENVIRONMENT_NAME, KAFKA_BROKERS, REDIS_URL) are
# passed through. Run `npx tsc -b tsconfig.build.json` first. Needs the seed options --status,
# --daily-wager-limit and --disabled-game (wallet, since commit 05950ce).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"

out=""
players=0
player_balance="100000.00"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --players) players=$2; shift 2 ;;
    --player-balance) player_balance=$2; shift 2 ;;
    *) echo "make-fixtures: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] || { echo "make-fixtures: --out FILE is required" >&2; exit 2; }
[ -n "${DATABASE_URL:-}" ] || { echo "make-fixtures: DATABASE_URL (the wallet's database) is required" >&2; exit 2; }
[[ "$players" =~ ^[0-9]+$ ]] && [ "$players" -le 10000 ] || { echo "make-fixtures: --players 0..10000" >&2; exit 2; }

# Game ids chosen far from the demo game (200) so the disabled one never disables real play.
disabled_game=990001
wager_limit="50.00"
seed() { node -r ./tools/dev/register-paths.js dist/apps/wallet/src/seed/seed-player.js "--operator=${SEED_OPERATOR_ID:-examplecasino}" "$@"; }
suffix=$(date +%s)-$$

funded=$(seed --user="cert-funded-$suffix" --balance=1000.00)
second=$(seed --user="cert-second-$suffix" --balance=1000.00)
blocked=$(seed --user="cert-blocked-$suffix" --balance=1000.00 --status=blocked)
limited=$(seed --user="cert-limited-$suffix" --balance=1000.00 --daily-wager-limit=$wager_limit)
disabled=$(seed --user="cert-disabled-$suffix" --balance=1000.00 --game=$disabled_game --disabled-game=$disabled_game)
load_players="[]"
if [ "$players" -gt 0 ]; then
  load_players=$(node -r ./tools/dev/register-paths.js tools/bench/seed-players.js --count="$players" --balance="$player_balance")
fi

node -e '
  const [out, funded, second, blocked, limited, disabled, players, wagerLimit] = process.argv.slice(1);
  const player = (line) => { const p = JSON.parse(line); return { user_id: p.user_id, token: p.token, currency: p.currency, game_id: p.game_id, balance: p.balance }; };
  const any = JSON.parse(funded);
  const fixtures = {
    base_url: any.base_url, operator_id: any.operator_id,
    funded: player(funded), second: player(second), blocked: player(blocked),
    wager_limited: { ...player(limited), daily_wager_limit: wagerLimit },
    disabled_game: player(disabled),
    players: JSON.parse(players),
  };
  require("fs").writeFileSync(out, JSON.stringify(fixtures, null, 2) + "\n");
' "$out" "$funded" "$second" "$blocked" "$limited" "$disabled" "$load_players" "$wager_limit"
echo "make-fixtures: wrote $out (5 certification players, $players load players)" >&2
