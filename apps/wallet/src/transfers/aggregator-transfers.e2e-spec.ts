import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { Agent } from 'undici';
import { FakeAggregatorServer, centsText, type AggregatorFault, registryVariableOf, testAggregatorEntry, type TestAggregator, testAggregatorRegistry } from '@wallet-platform/aggregator-client/testing';
import { createRedisClient } from '@wallet-platform/service-kit';
import { checkLedgerInvariants } from '../ledger/ledger-invariants';
import { PLAYER_LOCK_KEY_PREFIX_PROVIDER, PLAYER_LOCK_TTL_MS, PlayerBusyError, PlayerLock } from '../players/player-lock';
import { seedTestPlayer } from '../testing/back-office-test-app';
import { createScratchWalletDatabase } from '../testing/scratch-wallet-database';
import { WalletTestProcesses } from '../testing/wallet-test-processes';
import { TransferAggregators } from './transfer-aggregators';
import { TransferSender } from './transfer-sender';
import { TransferDirection, TransferState } from './transfer-state';
import { TransferStore, type TransferRecord } from './transfer-store';

/**
 * Given 50 players each moving money to the (fake) aggregator and back 20 times, 1,000 transfers,
 * with the aggregator losing answers after applying, timing out before applying, answering 503 and
 * refusing with error codes, and the players winning and losing there meanwhile; and the compiled
 * resolver running as its own process, killed with SIGKILL twice while it resolves and started
 * again: then for every player our balance + in transit + their balance there is what they started
 * with plus what they won or lost there, every aggregator transfer is attributed to exactly one
 * posted transfer of ours (nothing applied twice, nothing lost), nothing is left unresolved, and
 * the ledger invariant check passes.
 */
describe('aggregator transfers: 1,000 transfers under faults, resolver killed mid-resolution', () => {
  // This suite's ports: 18540 (the fake aggregator).
  const FAKE_PORT = 18540;
  const API_KEY = 'AggregatorKey-e2e-41f2c9';
  const PLAYERS = 50;
  const TRANSFERS_PER_PLAYER = 20;
  const START_CENTS = 100_000n;
  const environmentName = `agt-${randomBytes(4).toString('hex')}`;

  let fake: FakeAggregatorServer;
  let dataSource: DataSource;
  let databaseUrl: string;
  let drop: () => Promise<void>;
  let redis: Redis;
  let store: TransferStore;
  let sender: TransferSender;
  let registryJson: string;
  const dispatcher = new Agent({ connections: 64 });
  let resolverProcess: ChildProcess | null = null;

  const random = mulberry32(20261202);
  const netPlayCents: bigint[] = Array.from({ length: PLAYERS }, () => 0n);
  const playerIds: string[] = [];
  const usernames: string[] = [];

  beforeAll(async () => {
    fake = await FakeAggregatorServer.start({ port: FAKE_PORT, apiKey: API_KEY });
    ({ dataSource, url: databaseUrl, drop } = await createScratchWalletDatabase());
    redis = createRedisClient('redis://127.0.0.1:6379', `${environmentName}-test`);
    const settings: TestAggregator[] = [
      {
        aggregatorId: 'zg',
        baseUrl: fake.baseUrl,
        apiKey: API_KEY,
        currencies: ['EUR'],
        usernamePrefix: 'wp',
        limits: { readTimeoutMs: 2_000, transferTimeoutMs: 300, readAttemptsMax: 3, retryDelayBaseMs: 5, retryDelayMaxMs: 20 },
        // The history is read from 2 s before the balance read (as if the clocks could differ by
        // that much): it then holds play the balance before already contains, which the resolver
        // must place by the balance chain. A request held past its deadline is dropped by the
        // fake 150 ms later, well inside the arrival margin.
        transfers: { arrivalMarginMs: 300, historyLookbackMs: 2_000 },
      },
    ];
    registryJson = registryVariableOf(...settings.map(testAggregatorEntry));
    const aggregators = TransferAggregators.fromRegistry(testAggregatorRegistry(...settings), { dispatcher });
    store = new TransferStore(dataSource, new PlayerLock(redis, PLAYER_LOCK_KEY_PREFIX_PROVIDER(environmentName).useValue));
    sender = new TransferSender(store, aggregators);
    for (let index = 0; index < PLAYERS; index++) {
      playerIds.push(await seedTestPlayer(dataSource, `agt-player-${index}`, centsText(START_CENTS)));
    }
  });

  afterAll(async () => {
    await processes.killAll();
    await fake?.close();
    await dispatcher.close();
    redis?.disconnect();
    await drop?.();
  });

  const processes = new WalletTestProcesses(() => ({ DATABASE_URL: databaseUrl, REDIS_URL: 'redis://127.0.0.1:6379', ENVIRONMENT_NAME: environmentName, PLATFORM_REGISTRY: registryJson }));

  function startResolver(): void {
    resolverProcess = processes.startResolver({ AGGREGATOR_RESOLVER_INTERVAL_MS: '50', AGGREGATOR_RESOLVER_RETRY_BASE_MS: '100', AGGREGATOR_PENDING_STALE_MS: '5000' });
  }

  async function killResolver(): Promise<void> {
    const child = resolverProcess;
    if (!child || child.exitCode !== null) throw new Error(`the resolver is not running: ${processes.output}`);
    child.kill('SIGKILL');
    await once(child, 'exit');
    resolverProcess = null;
  }

  async function resolvedByResolver(): Promise<number> {
    const [{ count }] = (await dataSource.query(`SELECT count(*)::int AS count FROM aggregator_transfers WHERE settled_by = 'resolver'`)) as Array<{ count: number }>;
    return count;
  }

  /** Waits (bounded) until the transfer is posted or voided: its call, or the resolver, settles it. */
  async function settled(id: string): Promise<TransferRecord> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const transfer = await store.mustFind(id);
      if (transfer.state === TransferState.Posted || transfer.state === TransferState.Voided) return transfer;
      if (Date.now() > deadline) throw new Error(`transfer ${id} still ${transfer.state}: ${transfer.outcomeNote ?? ''}; resolver: ${processes.output.slice(-2000)}`);
      await sleep(20);
    }
  }

  async function walletCents(playerId: string): Promise<bigint> {
    const [{ balance }] = (await dataSource.query(`SELECT balance::text AS balance FROM accounts WHERE kind = 'player' AND player_id = $1`, [playerId])) as Array<{ balance: string }>;
    return cents(balance);
  }

  /**
   * A resolver SIGKILLed between its settlement's commit and its unlock leaves that player's lock
   * in Redis until it expires (PLAYER_LOCK_TTL_MS). The sender then answers PlayerBusyError, which
   * is definite (nothing was opened or sent), and a caller tries again with the same key, as the
   * back office's callers do on its 503: bounded here to the lock's lifetime and a margin.
   */
  async function transferAsACallerWould(request: Parameters<TransferSender['transfer']>[0]): ReturnType<TransferSender['transfer']> {
    const deadline = Date.now() + PLAYER_LOCK_TTL_MS + 5_000;
    for (;;) {
      try {
        return await sender.transfer(request);
      } catch (error) {
        if (!(error instanceof PlayerBusyError) || Date.now() > deadline) throw error;
        await sleep(200);
      }
    }
  }

  /** One player's 20 transfers, one at a time (one in flight per player), with play at the aggregator in between. */
  async function runPlayer(index: number): Promise<void> {
    const playerId = playerIds[index];
    for (let n = 0; n < TRANSFERS_PER_PLAYER; n++) {
      const direction = n % 2 === 0 ? TransferDirection.Deposit : TransferDirection.Withdraw;
      let amountCents: bigint;
      if (direction === TransferDirection.Deposit) {
        const available = await walletCents(playerId);
        amountCents = bigintBetween(random, 100n, available < 5_000n ? available : 5_000n);
      } else {
        const there = usernames[index] === undefined ? 0n : cents(fake.balanceOf(usernames[index], 'EUR'));
        // Now and then more than is there: the aggregator refuses it (a definite error).
        amountCents = there < 100n || random() < 0.1 ? there + 100n : bigintBetween(random, 100n, there);
      }
      if (amountCents < 100n) amountCents = 100n;
      const request = { aggregatorId: 'zg', playerId, direction, amount: centsText(amountCents), idempotencyKey: `e2e-transfer-${index}-${n}` };
      const first = await transferAsACallerWould(request);
      usernames[index] ??= first.aggregatorUsername;
      if (random() < 0.1) {
        // The caller retries with the same key: the stored transfer answers, nothing is sent again.
        const again = await transferAsACallerWould(request);
        expect(again.id).toBe(first.id);
      }
      // Game play at the aggregator, also while the transfer is still unknown.
      const there = cents(fake.balanceOf(first.aggregatorUsername, 'EUR'));
      if (there > 0n && random() < 0.7) {
        const delta = bigintBetween(random, -there, 3_000n);
        if (delta !== 0n) {
          fake.play(first.aggregatorUsername, 'EUR', centsText(delta));
          netPlayCents[index] += delta;
        }
      }
      await settled(first.id);
      // The next transfer reads its "balance before" strictly after this play (history is by the millisecond).
      await sleep(3);
    }
  }

  it('keeps every cent: balances add up, nothing applied twice, all resolved, ledger consistent', async () => {
    const chooser = (): AggregatorFault | undefined => {
      const roll = random();
      if (roll < 0.12) return { kind: 'lose-answer-after-apply' };
      if (roll < 0.24) return { kind: 'timeout-before-apply', holdMs: 450 };
      if (roll < 0.29) return { kind: 'http-status', httpStatus: 503 };
      if (roll < 0.35) return { kind: 'error-code', code: 'PLAYER_INACTIVE' };
      return undefined;
    };
    fake.injectWith('deposit', chooser);
    fake.injectWith('withdraw', chooser);
    // Slow history pages: each resolution takes a while, so the kills land inside resolutions.
    fake.injectWith('history', () => ({ kind: 'slow', delayMs: 15 }));

    startResolver();
    let loadEnded = false;
    const load = Promise.all(Array.from({ length: PLAYERS }, (_, index) => runPlayer(index))).finally(() => (loadEnded = true));
    const kills: Array<{ resolvedBefore: number; dueAtKill: number }> = [];
    const killer = (async () => {
      for (const threshold of [25, 90]) {
        while (!loadEnded && (await resolvedByResolver()) < threshold) await sleep(10);
        if (loadEnded) return;
        const resolvedBefore = await resolvedByResolver();
        // Work the resolver had in hand when it died: sent transfers already due for resolution.
        const [{ due }] = (await dataSource.query(`SELECT count(*)::int AS due FROM aggregator_transfers WHERE state IN ('sending', 'unknown') AND next_resolution_at <= now()`)) as Array<{ due: number }>;
        await killResolver();
        kills.push({ resolvedBefore, dueAtKill: due });
        await sleep(300);
        startResolver();
      }
    })();
    await Promise.all([load, killer]);

    // Everything is settled: nothing open is left for support.
    expect(await store.listOpen(100)).toEqual([]);

    const transfers = (await dataSource.query(
      `SELECT id, player_id AS "playerId", direction, amount::text AS amount, state, settled_by AS "settledBy", aggregator_wallet_tx_id AS "walletTxId" FROM aggregator_transfers`,
    )) as Array<{ id: string; playerId: string; direction: string; amount: string; state: string; settledBy: string; walletTxId: string | null }>;
    expect(transfers).toHaveLength(PLAYERS * TRANSFERS_PER_PLAYER);

    // Every fault kind happened, and the resolver decided both ways.
    expect(fake.faultsApplied.get('lose-answer-after-apply') ?? 0).toBeGreaterThan(20);
    expect(fake.faultsApplied.get('timeout-before-apply') ?? 0).toBeGreaterThan(20);
    expect(fake.faultsApplied.get('error-code') ?? 0).toBeGreaterThan(20);
    expect(fake.faultsApplied.get('http-status') ?? 0).toBeGreaterThan(5);
    const byResolver = transfers.filter((transfer) => transfer.settledBy === 'resolver');
    expect(byResolver.filter((transfer) => transfer.state === 'posted').length).toBeGreaterThan(20);
    expect(byResolver.filter((transfer) => transfer.state === 'voided').length).toBeGreaterThan(20);
    expect(kills).toHaveLength(2);
    expect(kills.some((kill) => kill.dueAtKill > 0)).toBe(true);
    // Both restarts did resolve more after the kill.
    expect(await resolvedByResolver()).toBeGreaterThan(kills[1].resolvedBefore);

    // Nothing applied twice, nothing lost: the aggregator's transfer entries and our posted
    // transfers are the same set, one to one, with the same direction and amount.
    const fakeTransfers = fake.history.filter((entry) => entry.label === 'Deposit' || entry.label === 'Withdraw');
    const posted = transfers.filter((transfer) => transfer.state === 'posted');
    expect(posted.length).toBe(fakeTransfers.length);
    const postedByTx = new Map(posted.map((transfer) => [transfer.walletTxId, transfer]));
    expect(postedByTx.size).toBe(posted.length);
    for (const entry of fakeTransfers) {
      const ours = postedByTx.get(entry.walletTxId);
      expect({ walletTxId: entry.walletTxId, direction: ours?.direction, amount: ours?.amount }).toEqual({
        walletTxId: entry.walletTxId,
        direction: entry.label === 'Deposit' ? 'deposit' : 'withdraw',
        amount: centsText(entry.afterCents > entry.beforeCents ? entry.afterCents - entry.beforeCents : entry.beforeCents - entry.afterCents),
      });
    }

    // Per player: our balance + in transit + their balance there = the start + what they won or lost there.
    const mismatches: string[] = [];
    for (let index = 0; index < PLAYERS; index++) {
      const ours = await walletCents(playerIds[index]);
      const [{ inTransit }] = (await dataSource.query(`SELECT COALESCE(SUM(amount), 0)::text AS "inTransit" FROM aggregator_transfers WHERE player_id = $1 AND state IN ('pending', 'sending', 'unknown')`, [
        playerIds[index],
      ])) as Array<{ inTransit: string }>;
      const there = usernames[index] === undefined ? 0n : cents(fake.balanceOf(usernames[index], 'EUR'));
      if (ours + cents(inTransit) + there !== START_CENTS + netPlayCents[index]) {
        mismatches.push(`player ${index}: ours ${centsText(ours)} + in transit ${inTransit} + there ${centsText(there)} != ${centsText(START_CENTS + netPlayCents[index])}`);
      }
    }
    expect(mismatches).toEqual([]);

    // The house side: in transit is empty; held at the aggregator is what the players have there minus their play.
    const house = (await dataSource.query(
      `SELECT a.house_purpose AS purpose, COALESCE(SUM(e.amount), 0)::text AS balance FROM accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id
        WHERE a.kind = 'house' AND a.house_purpose IN ('aggregator-in-transit:zg', 'aggregator-held:zg') GROUP BY a.house_purpose`,
    )) as Array<{ purpose: string; balance: string }>;
    const heldExpected = usernames.reduce((sum, username, index) => sum + (username === undefined ? 0n : cents(fake.balanceOf(username, 'EUR'))) - netPlayCents[index], 0n);
    expect(Object.fromEntries(house.map((row) => [row.purpose, row.balance]))).toEqual({ 'aggregator-in-transit:zg': '0.00', 'aggregator-held:zg': centsText(heldExpected) });

    const report = await dataSource.transaction('REPEATABLE READ', (manager) => checkLedgerInvariants(manager));
    expect(report.violations).toEqual({
      balanceNotSumOfEntries: { count: 0, examples: [] },
      transactionNotBalanced: { count: 0, examples: [] },
      lastBalanceAfterMismatch: { count: 0, examples: [] },
      gameTransactionWithoutLedger: { count: 0, examples: [] },
      aggregatorInTransitMismatch: { count: 0, examples: [] },
    });
    expect(report.ok).toBe(true);
  });
});

function cents(text: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new Error(`not a 2-place decimal: ${text}`);
  const value = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -value : value;
}

/** A deterministic PRNG (mulberry32): the same run every time. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function bigintBetween(random: () => number, low: bigint, high: bigint): bigint {
  if (high <= low) return low;
  return low + BigInt(Math.floor(random() * Number(high - low + 1n)));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
