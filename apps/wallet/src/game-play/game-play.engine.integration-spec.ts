import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { WalletCommandType, type ChangeBalanceCommand } from '@wallet-platform/contracts';
import { AMOUNT_SCALE, Money, currencyCodeOf } from '@wallet-platform/money';
import { checkLedgerInvariants } from '../ledger/ledger-invariants';
import { PlayerLock } from '../players/player-lock';
import { seedPlayer } from '../seed/seed-player';
import { createScratchWalletDatabase } from '../testing/scratch-wallet-database';
import { GamePlayEngine } from './game-play.engine';
import { decodeMoneyCommand } from './money-command';
import { decidePlay } from './play-decision';
import { playerKey } from './play-state';
import { PlayWriteConflictError, readPlayState, writePlay } from './play-store';
import { metricsRegistry } from '@wallet-platform/service-kit';

const eur = (literal: string) => Money.parseOrThrow(literal, AMOUNT_SCALE, currencyCodeOf('EUR'));

/** The batch engine on the real PostgreSQL and Redis: fallback, exactly once, fences after Redis loses them. */
describe('GamePlayEngine on PostgreSQL and Redis', () => {
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  const prefix = `engine-it-${randomBytes(4).toString('hex')}:wallet:player-lock`;
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  let engine: GamePlayEngine;
  const players: Array<{ userId: string; token: string }> = [];
  const logged: string[] = [];

  beforeAll(async () => {
    ({ dataSource, drop } = await createScratchWalletDatabase());
    engine = new GamePlayEngine(dataSource, new PlayerLock(redis, prefix), (level, message) => logged.push(`${level} ${message}`));
    for (const userId of ['p1', 'p2', 'p3']) {
      const seeded = await seedPlayer(dataSource, {
        platformId: 'it-platform',
        operatorId: 'op',
        userId,
        currency: 'EUR',
        balance: '100.00',
        gameId: '200',
        sessionHours: 24,
        blocked: false,
        dailyWagerLimit: null,
        dailyLossLimit: null,
        disabledGameId: null,
      });
      players.push({ userId, token: seeded.token });
    }
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix.split(':')[0]}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await drop();
  });

  let nextId = 1000;
  const bet = (player: { userId: string; token: string }, amount: string, transactionId = String(nextId++)) => {
    const command: ChangeBalanceCommand = {
      caller: { platformId: 'it-platform', operatorId: 'op' },
      userId: player.userId,
      token: player.token,
      type: 'BET',
      transactionId,
      roundId: transactionId,
      roundFinished: true,
      gameId: '200',
      currency: 'EUR',
      amount,
      transactionTimestamp: '2026-12-01 12:00:00',
      rake: null,
      reason: 'SPIN',
    };
    return { type: WalletCommandType.ChangeBalance, payload: command, requestId: undefined };
  };
  const balanceOf = async (userId: string) =>
    (
      await dataSource.query(`SELECT a.balance::text AS balance FROM accounts a JOIN players p ON p.id = a.player_id WHERE p.user_id = $1`, [userId])
    )[0].balance as string;

  it('applies a batch of three players in one go, every answer to the cent', async () => {
    const replies = await engine.process([bet(players[0], '1.00'), bet(players[1], '2.00'), bet(players[0], '3.00'), bet(players[2], '4.00')]);
    expect(replies).toEqual([
      { ok: true, result: { balance: '99.00', currency: 'EUR' } },
      { ok: true, result: { balance: '98.00', currency: 'EUR' } },
      { ok: true, result: { balance: '96.00', currency: 'EUR' } },
      { ok: true, result: { balance: '96.00', currency: 'EUR' } },
    ]);
    expect((await checkLedgerInvariants(dataSource.manager)).ok).toBe(true);
  });

  it('refuses a malformed command with the field it broke, and applies the rest of its batch', async () => {
    const malformed = bet(players[0], '1.00');
    const replies = await engine.process([{ ...malformed, payload: { ...(malformed.payload as object), transactionId: 12 } }, bet(players[1], '1.00')]);
    expect(replies[0]).toEqual({ ok: false, error: { kind: 'INVALID_COMMAND', message: 'Invalid command: transactionId: must be a string' } });
    expect(replies[1]).toEqual({ ok: true, result: { balance: '97.00', currency: 'EUR' } });
  });

  it('answers the one command that cannot be written, applies the others once, and applies it once when it can', async () => {
    // A fault only this transaction id meets, inside the database: the batch's write fails.
    await dataSource.query(`
      CREATE FUNCTION refuse_666() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.transaction_id = '666' THEN RAISE EXCEPTION 'planted fault'; END IF; RETURN NEW; END $$`);
    await dataSource.query(`CREATE TRIGGER refuse_666 BEFORE INSERT ON game_transactions FOR EACH ROW EXECUTE FUNCTION refuse_666()`);
    const before = await Promise.all(players.map((player) => balanceOf(player.userId)));
    const batch = [bet(players[0], '1.00'), bet(players[1], '1.00', '666'), bet(players[2], '1.00'), bet(players[0], '1.00'), bet(players[2], '0.50')];
    const replies = await engine.process(batch);
    expect(replies).toEqual([
      { ok: true, result: { balance: '95.00', currency: 'EUR' } },
      { ok: false, error: { kind: 'INTERNAL', message: 'internal error' } },
      { ok: true, result: { balance: '95.00', currency: 'EUR' } },
      { ok: true, result: { balance: '94.00', currency: 'EUR' } },
      { ok: true, result: { balance: '94.50', currency: 'EUR' } },
    ]);
    expect(before).toEqual(['96.00', '97.00', '96.00']);
    expect(await balanceOf('p2')).toBe('97.00');
    expect(logged.some((line) => line.startsWith('error command could not be written'))).toBe(true);

    await dataSource.query(`DROP TRIGGER refuse_666 ON game_transactions`);
    // The platform retries everything: the four applied ones replay, the failed one applies now.
    const retried = await engine.process(batch);
    expect(retried).toEqual([
      { ok: true, result: { balance: '95.00', currency: 'EUR' } },
      { ok: true, result: { balance: '96.00', currency: 'EUR' } },
      { ok: true, result: { balance: '95.00', currency: 'EUR' } },
      { ok: true, result: { balance: '94.00', currency: 'EUR' } },
      { ok: true, result: { balance: '94.50', currency: 'EUR' } },
    ]);
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM game_transactions WHERE transaction_id = ANY($1)`, [
      batch.map((command) => (command.payload as ChangeBalanceCommand).transactionId),
    ]);
    expect(count).toBe(5);
    expect((await checkLedgerInvariants(dataSource.manager)).ok).toBe(true);
  });

  it('plays on after Redis lost every lock and fence counter, with fences above the stored ones', async () => {
    await engine.process([bet(players[0], '1.00'), bet(players[1], '1.00')]);
    const [{ fence: storedBefore }] = await dataSource.query(`SELECT max(fence)::text AS fence FROM accounts WHERE kind = 'player'`);
    // What a FLUSHALL or a restart does to this wallet's keys (the shared Redis keeps the others').
    const keys = await redis.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);

    const replies = await engine.process([bet(players[0], '1.00'), bet(players[1], '1.00'), bet(players[2], '1.00')]);
    expect(replies.every((reply) => (reply as { ok: boolean }).ok)).toBe(true);
    expect(logged.some((line) => line.startsWith('warn lock fences below the stored ones'))).toBe(true);
    const [{ fence: storedAfter }] = await dataSource.query(`SELECT max(fence)::text AS fence FROM accounts WHERE kind = 'player'`);
    expect(BigInt(storedAfter) > BigInt(storedBefore)).toBe(true);
    expect((await checkLedgerInvariants(dataSource.manager)).ok).toBe(true);
  });

  it('writes nothing of a batch whose account changed after it was read (compare-and-set)', async () => {
    const command = bet(players[0], '1.00');
    const decoded = decodeMoneyCommand(command.type, command.payload);
    if (!decoded.ok) throw new Error(decoded.problem);
    const [{ id: playerId }] = await dataSource.query(`SELECT id FROM players WHERE user_id = 'p1'`);
    const runner = dataSource.createQueryRunner();
    const client = (await runner.connect()) as import('pg').PoolClient;
    try {
      const now = new Date();
      const state = await readPlayState(client, {
        now,
        playerIds: [playerId],
        transactions: [{ platformId: 'it-platform', operatorId: 'op', transactionId: (command.payload as ChangeBalanceCommand).transactionId }],
        awards: [],
        tokens: [players[0].token],
        games: [],
        houseAccounts: [{ operatorId: 'op', purpose: 'game-play:it-platform' }],
        winRounds: [],
      });
      expect(state.players.get(playerKey('op', 'p1'))).toBeDefined();
      const decision = decidePlay(state, [decoded.value]);
      const before = await balanceOf('p1');
      // Another writer moves the balance between the read and the write.
      await dataSource.query(`UPDATE accounts SET balance = balance + 5, version = version + 1 WHERE player_id = $1 AND kind = 'player'`, [playerId]);
      await expect(writePlay(client, decision.writes, new Map([[playerId, 1_000_000_000n]]), now)).rejects.toBeInstanceOf(PlayWriteConflictError);
      expect(await balanceOf('p1')).toBe(eur(before).add(eur('5.00')).toDecimalString());
      const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM game_transactions WHERE transaction_id = $1`, [(command.payload as ChangeBalanceCommand).transactionId]);
      expect(count).toBe(0);
      await dataSource.query(`UPDATE accounts SET balance = balance - 5, version = version + 1 WHERE player_id = $1 AND kind = 'player'`, [playerId]);
    } finally {
      await runner.release();
    }
    expect((await checkLedgerInvariants(dataSource.manager)).ok).toBe(true);
  });

  it('pays a promotion prize once from the promotions house account, whatever the retries', async () => {
    const credit = (awardId: string, amount: string, currency = 'EUR') => ({
      type: WalletCommandType.CreditPromotion,
      payload: { caller: { platformId: 'it-platform', operatorId: 'op' }, userId: 'p2', awardId, kind: 'PROMO_WIN', amount, currency, campaignCode: 'SPRING' },
      requestId: undefined,
    });
    const before = await balanceOf('p2');
    const replies = (await engine.process([credit('award-1', '10.00'), credit('award-1', '10.00'), credit('award-1', '11.00'), credit('award-2', '1.00', 'USD')])) as Array<{
      ok: boolean;
      result?: { balance: string; ledgerTransactionId: string };
      error?: { kind: string };
    }>;
    const paid = eur(before).add(eur('10.00')).toDecimalString();
    expect(replies[0]).toMatchObject({ ok: true, result: { balance: paid, currency: 'EUR' } });
    expect(replies[1]).toEqual(replies[0]);
    expect(replies[2]).toMatchObject({ ok: false, error: { kind: 'DUPLICATE_TRANSACTION' } });
    expect(replies[3]).toMatchObject({ ok: false, error: { kind: 'CURRENCY_MISMATCH' } });
    // A later retry, in a batch of its own, answers from the stored outcome.
    expect(await engine.process([credit('award-1', '10.00'), credit('award-2', '1.00', 'USD')])).toEqual([replies[0], { ok: false, error: { kind: 'CURRENCY_MISMATCH', message: 'Refused earlier: currency mismatch' } }]);
    expect(await balanceOf('p2')).toBe(paid);
    const postings = await dataSource.query(
      `SELECT t.kind, a.house_purpose AS purpose, e.amount::text AS amount FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
         JOIN accounts a ON a.id = e.account_id WHERE t.id = $1 ORDER BY e.amount`,
      [replies[0].result?.ledgerTransactionId],
    );
    expect(postings).toEqual([
      { kind: 'promo-win', purpose: 'promotions:it-platform', amount: '-10.00' },
      { kind: 'promo-win', purpose: null, amount: '10.00' },
    ]);
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM outbox_events WHERE event_type = 'promotion-credit.applied'`);
    expect(count).toBe(1);
    expect((await checkLedgerInvariants(dataSource.manager)).ok).toBe(true);
  });

  it('lifts its fence above one the database stored that this Redis never handed out', async () => {
    const [account] = await dataSource.query(`SELECT a.id, a.fence::text AS fence FROM accounts a JOIN players p ON p.id = a.player_id WHERE p.user_id = 'p3'`);
    await dataSource.query(`UPDATE accounts SET fence = fence + 1000000 WHERE id = $1`, [account.id]);
    // The engine notices, lifts its fence above the stored one, and plays on.
    const [reply] = await engine.process([bet(players[2], '1.00')]);
    expect(reply).toMatchObject({ ok: true });
    const [after] = await dataSource.query(`SELECT fence::text AS fence FROM accounts WHERE id = $1`, [account.id]);
    expect(BigInt(after.fence) > BigInt(account.fence) + 1000000n).toBe(true);
  });

  it('pays a WIN on a round where the player has no applied BET, stores it as such, logs and counts it', async () => {
    const win = (player: { userId: string; token: string }, roundId: string, amount: string) => {
      const command = bet(player, amount);
      return { ...command, payload: { ...(command.payload as ChangeBalanceCommand), type: 'WIN', token: null, roundId, roundFinished: false } };
    };
    const roundBet = (player: { userId: string; token: string }, roundId: string) => {
      const command = bet(player, '1.00');
      return { ...command, payload: { ...(command.payload as ChangeBalanceCommand), roundId, roundFinished: false } };
    };
    const counted = async () => ((await metricsRegistry.getSingleMetricAsString('wallet_wins_without_bet_total')).match(/platform="it-platform",reason="other"} (\d+)/)?.[1] ?? '0');
    const countedBefore = Number(await counted());
    logged.length = 0;

    const before = await balanceOf('p2');
    // Round 5001: p1 bets (earlier batch), then wins. Round 5002: p1 bets, p2 "wins" (not p2's BET). Round 5003: nobody bet.
    await engine.process([roundBet(players[0], '5001'), roundBet(players[0], '5002')]);
    const replies = await engine.process([win(players[0], '5001', '2.00'), win(players[1], '5002', '3.00'), win(players[1], '5003', '500.00')]);
    expect(replies.map((reply) => (reply as { ok: boolean }).ok)).toEqual([true, true, true]);
    expect(await balanceOf('p2')).toBe(eur(before).add(eur('503.00')).toDecimalString());

    const stored = await dataSource.query(`SELECT round_id, user_id, win_without_bet FROM game_transactions WHERE type = 'WIN' AND round_id IN ('5001', '5002', '5003') ORDER BY round_id`);
    expect(stored).toEqual([
      { round_id: '5001', user_id: 'p1', win_without_bet: false },
      { round_id: '5002', user_id: 'p2', win_without_bet: true },
      { round_id: '5003', user_id: 'p2', win_without_bet: true },
    ]);
    expect(logged.filter((line) => line === 'warn WIN paid on a round without a BET')).toHaveLength(2);
    expect(Number(await counted()) - countedBefore).toBe(2);
    expect((await checkLedgerInvariants(dataSource.manager)).ok).toBe(true);
  });
});
