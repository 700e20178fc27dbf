import 'reflect-metadata';
import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AMOUNT_SCALE, Money, currencyCodeOf } from '@wallet-platform/money';
import { postingIdempotencyKey } from '../idempotency/idempotency';
import { openHouseAccount, openPlayerAccount } from '../ledger/accounts';
import { HouseAccountPurpose, PostingKind } from '../ledger/ledger-kinds';
import { postLedgerTransaction } from '../ledger/ledger-posting';
import { newSessionToken } from '../players/session-token';
import { createWalletDataSource } from '../persistence/wallet-data-source';
import { loadWalletConfig } from '../wallet.config';
import { OPERATOR_ID_PATTERN, PLATFORM_ID_PATTERN } from '@wallet-platform/platform-registry';

/**
 * `node dist/apps/wallet/src/seed/seed-player.js [--operator=ID] [--user=ID] [--currency=EUR]
 *   [--balance=1000.00] [--game=200] [--session-hours=24] [--status=active|blocked]
 *   [--daily-wager-limit=D] [--daily-loss-limit=D] [--disabled-game=ID]`
 * Creates (or reuses) a player, funds a new player through a balanced cashier deposit, issues a
 * fresh game session token, and prints one JSON line describing how to call the API as them.
 * `SEED_BASE_URL`, `SEED_PLATFORM_ID` and `SEED_SECRET_KEY` describe the gateway to print.
 */
export interface SeedRequest {
  readonly platformId: string;
  readonly operatorId: string;
  readonly userId: string;
  readonly currency: string;
  readonly balance: string;
  readonly gameId: string;
  readonly sessionHours: number;
  readonly blocked: boolean;
  readonly dailyWagerLimit: string | null;
  readonly dailyLossLimit: string | null;
  /** A game id to switch off in our catalog (for OP_35 checks), or null. */
  readonly disabledGameId: string | null;
}

export interface SeededPlayer {
  readonly playerId: string;
  readonly token: string;
  readonly balance: string;
}

// Moved to players/session-token.ts (session regeneration issues tokens too); re-exported for
// callers that still import it from here.

export async function seedPlayer(dataSource: DataSource, request: SeedRequest): Promise<SeededPlayer> {
  validate(request);
  return dataSource.transaction(async (manager) => {
    const [player] = (await manager.query(
      `INSERT INTO players (operator_id, user_id, user_name, display_name, country, currency, status)
       VALUES ($1, $2, $3, $4, 'Germany', $5, 'active')
       ON CONFLICT (operator_id, user_id) DO UPDATE SET operator_id = EXCLUDED.operator_id
       RETURNING id, currency`,
      [request.operatorId, request.userId, `user_${request.userId}`, `Player ${request.userId}`, request.currency],
    )) as Array<{ id: string; currency: string }>;
    if (player.currency !== request.currency) throw new Error(`player ${request.userId} exists with currency ${player.currency}`);
    const playerAccountId = await openPlayerAccount(manager, { playerId: player.id, operatorId: request.operatorId, currency: request.currency });
    const cashierAccountId = await openHouseAccount(manager, { operatorId: request.operatorId, currency: request.currency, purpose: HouseAccountPurpose.Cashier });
    const deposit = Money.parseOrThrow(request.balance, AMOUNT_SCALE, currencyCodeOf(request.currency));
    if (!deposit.isZero()) {
      // The same key on a re-run: an existing player is never funded twice by the seed.
      await manager.query(`SAVEPOINT seed_deposit`);
      try {
        await postLedgerTransaction(
          manager,
          {
            idempotencyKey: postingIdempotencyKey({ kind: 'seed-deposit', operatorId: request.operatorId, userId: request.userId }),
            kind: PostingKind.Deposit,
            currency: request.currency,
            legs: [
              { accountId: playerAccountId, accountKind: 'player', amount: deposit },
              { accountId: cashierAccountId, accountKind: 'house', amount: deposit.negate() },
            ],
          },
          0n,
        );
      } catch (error) {
        if (!(error instanceof Error && /ledger_transactions_idempotency_unique/.test(error.message))) throw error;
        await manager.query(`ROLLBACK TO SAVEPOINT seed_deposit`);
      }
    }
    if (request.blocked) await manager.query(`UPDATE players SET status = 'blocked' WHERE id = $1`, [player.id]);
    if (request.dailyWagerLimit !== null || request.dailyLossLimit !== null) {
      await manager.query(
        `INSERT INTO player_limits (player_id, daily_wager_limit, daily_loss_limit) VALUES ($1, $2::numeric, $3::numeric)
         ON CONFLICT (player_id) DO UPDATE SET daily_wager_limit = EXCLUDED.daily_wager_limit, daily_loss_limit = EXCLUDED.daily_loss_limit, updated_at = now()`,
        [player.id, request.dailyWagerLimit, request.dailyLossLimit],
      );
    }
    await manager.query(
      `INSERT INTO games (platform_id, game_id, enabled_by_platform, enabled_by_operator) VALUES ($1, $2, true, true) ON CONFLICT DO NOTHING`,
      [request.platformId, request.gameId],
    );
    if (request.disabledGameId !== null) {
      await manager.query(
        `INSERT INTO games (platform_id, game_id, enabled_by_platform, enabled_by_operator) VALUES ($1, $2, true, false)
         ON CONFLICT (platform_id, game_id) DO UPDATE SET enabled_by_operator = false, updated_at = now()`,
        [request.platformId, request.disabledGameId],
      );
    }
    const token = newSessionToken();
    await manager.query(
      `INSERT INTO game_sessions (token, player_id, operator_id, game_id, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5::int))`,
      [token, player.id, request.operatorId, request.gameId, request.sessionHours],
    );
    const [{ balance }] = (await manager.query(`SELECT balance::text AS balance FROM accounts WHERE id = $1`, [playerAccountId])) as Array<{
      balance: string;
    }>;
    return { playerId: player.id, token, balance };
  });
}

function validate(request: SeedRequest): void {
  const problems: string[] = [];
  if (!OPERATOR_ID_PATTERN.test(request.operatorId)) problems.push('--operator: 1-20 chars of [A-Za-z0-9_.-]');
  if (!/^[A-Za-z0-9_.-]{1,70}$/.test(request.userId)) problems.push('--user: 1-70 chars of [A-Za-z0-9_.-]');
  if (!/^[A-Z0-9]{3,4}$/.test(request.currency)) problems.push('--currency: 3-4 chars of [A-Z0-9]');
  if (!/^\d{1,16}(\.\d{1,2})?$/.test(request.balance)) problems.push('--balance: a non-negative DECIMAL(18,2) such as 1000.00');
  if (!/^\d{1,6}$/.test(request.gameId)) problems.push('--game: 1-6 digits');
  if (!PLATFORM_ID_PATTERN.test(request.platformId)) problems.push('SEED_PLATFORM_ID: 1-40 chars of [a-z0-9-]');
  for (const [name, limit] of [['--daily-wager-limit', request.dailyWagerLimit], ['--daily-loss-limit', request.dailyLossLimit]] as const) {
    if (limit !== null && !/^\d{1,16}(\.\d{1,2})?$/.test(limit)) problems.push(`${name}: a non-negative DECIMAL(18,2)`);
  }
  if (request.disabledGameId !== null && !/^\d{1,6}$/.test(request.disabledGameId)) problems.push('--disabled-game: 1-6 digits');
  if (!Number.isInteger(request.sessionHours) || request.sessionHours < 1 || request.sessionHours > 720) problems.push('--session-hours: 1..720');
  if (problems.length > 0) throw new Error(`bad seed arguments:\n  ${problems.join('\n  ')}`);
}

function argument(name: string, fallback: string): string {
  const prefix = `--${name}=`;
  const found = process.argv.find((arg) => arg.startsWith(prefix));
  return found ? found.slice(prefix.length) : fallback;
}

async function main(): Promise<void> {
  const config = loadWalletConfig();
  const optional = (name: string) => {
    const value = argument(name, '');
    return value === '' ? null : value;
  };
  const status = argument('status', 'active');
  if (status !== 'active' && status !== 'blocked') throw new Error('--status: active or blocked');
  const request: SeedRequest = {
    platformId: process.env['SEED_PLATFORM_ID'] ?? 'demo-platform',
    operatorId: argument('operator', process.env['SEED_OPERATOR_ID'] ?? 'examplecasino'),
    userId: argument('user', `player${randomInt(1_000_000_000)}`),
    currency: argument('currency', 'EUR'),
    balance: argument('balance', '1000.00'),
    gameId: argument('game', '200'),
    sessionHours: Number(argument('session-hours', '24')),
    blocked: status === 'blocked',
    dailyWagerLimit: optional('daily-wager-limit'),
    dailyLossLimit: optional('daily-loss-limit'),
    disabledGameId: optional('disabled-game'),
  };
  const dataSource = await createWalletDataSource(config.DATABASE_URL, 2).initialize();
  try {
    const seeded = await seedPlayer(dataSource, request);
    process.stdout.write(
      JSON.stringify({
        base_url: process.env['SEED_BASE_URL'] ?? 'http://127.0.0.1:18080/operator-api/v2/demo-platform',
        platform_id: process.env['SEED_PLATFORM_ID'] ?? 'demo-platform',
        operator_id: request.operatorId,
        secret_key: process.env['SEED_SECRET_KEY'] ?? '',
        token: seeded.token,
        user_id: request.userId,
        currency: request.currency,
        game_id: request.gameId,
        balance: seeded.balance,
      }) + '\n',
    );
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
