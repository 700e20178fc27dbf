// Seeds many funded players in ONE process with the wallet's own seed function (the code behind
// `seed-player.js`), for load runs: the seed command costs ~1 s of process start-up per player,
// which for hundreds of players would take longer than the benchmark itself.
//   node -r ./tools/dev/register-paths.js tools/bench/seed-players.js --count=N [--balance=100000.00]
//     [--game=200] [--prefix=load]
// Environment as for the seed command: DATABASE_URL, SEED_PLATFORM_ID, SEED_OPERATOR_ID.
// Prints a JSON array of {user_id, token, currency, game_id, balance}.
require('reflect-metadata');
const { randomBytes } = require('node:crypto');
const { join } = require('node:path');

const PLAYERS_MAX = 10000;
const dist = join(__dirname, '..', '..', 'dist', 'apps', 'wallet', 'src');
const { seedPlayer } = require(join(dist, 'seed', 'seed-player.js'));
const { createWalletDataSource } = require(join(dist, 'persistence', 'wallet-data-source.js'));

function option(name, fallback) {
  const prefix = `--${name}=`;
  const found = process.argv.find((argument) => argument.startsWith(prefix));
  return found ? found.slice(prefix.length) : fallback;
}

async function main() {
  const count = Number(option('count', '10'));
  if (!Number.isInteger(count) || count < 1 || count > PLAYERS_MAX) throw new Error(`--count: 1..${PLAYERS_MAX}`);
  const balance = option('balance', '100000.00');
  const gameId = option('game', '200');
  // A run-unique prefix: seeding twice into one database never reuses (and re-funds) a player.
  const prefix = `${option('prefix', 'load')}-${randomBytes(3).toString('hex')}`;
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const dataSource = await createWalletDataSource(databaseUrl, 2).initialize();
  const players = [];
  try {
    for (let index = 0; index < count; index++) {
      const userId = `${prefix}-${index}`;
      const seeded = await seedPlayer(dataSource, {
        platformId: process.env.SEED_PLATFORM_ID || 'demo-platform',
        operatorId: process.env.SEED_OPERATOR_ID || 'examplecasino',
        userId,
        currency: 'EUR',
        balance,
        gameId,
        sessionHours: 24,
        blocked: false,
        dailyWagerLimit: null,
        dailyLossLimit: null,
        disabledGameId: null,
      });
      players.push({ user_id: userId, token: seeded.token, currency: 'EUR', game_id: gameId, balance: seeded.balance });
    }
  } finally {
    await dataSource.destroy();
  }
  process.stdout.write(JSON.stringify(players) + '\n');
}

main().catch((error) => {
  process.stderr.write(`seed-players failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
