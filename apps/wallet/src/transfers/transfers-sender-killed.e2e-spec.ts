import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { DataSource } from 'typeorm';
import { FakeAggregatorServer, centsText, type AggregatorFault, registryVariableOf, testAggregatorEntry, type TestAggregator } from '@wallet-platform/aggregator-client/testing';
import { checkLedgerInvariants } from '../ledger/ledger-invariants';
import { seedTestPlayer } from '../testing/back-office-test-app';
import { createScratchWalletDatabase } from '../testing/scratch-wallet-database';
import { WalletTestProcesses } from '../testing/wallet-test-processes';

/**
 * Given a process making transfers (20 players × 20) against the fake aggregator with lost answers,
 * timeouts and refusals, and the compiled resolver running beside it; when the transfer process is
 * killed with SIGKILL in the middle (transfers left pending, or sent with no answer recorded) and
 * started again (it replays its keys): then no key is sent twice, every transfer ends posted or
 * voided, our balance + the balance there is what each player started with, and the ledger
 * invariant check passes. Port 18546 (the fake).
 */
describe('aggregator transfers: the sending process killed mid-transfer', () => {
  const API_KEY = 'AggregatorKey-kill-90b3d2';
  const PLAYERS = 20;
  const TRANSFERS = 20;
  const environmentName = `agtk-${randomBytes(4).toString('hex')}`;
  let fake: FakeAggregatorServer;
  let dataSource: DataSource;
  let databaseUrl: string;
  let drop: () => Promise<void>;
  const playerIds: string[] = [];
  let registryJson: string;

  beforeAll(async () => {
    fake = await FakeAggregatorServer.start({ port: 18546, apiKey: API_KEY });
    ({ dataSource, url: databaseUrl, drop } = await createScratchWalletDatabase());
    const settings: TestAggregator[] = [
      {
        aggregatorId: 'zg',
        baseUrl: fake.baseUrl,
        apiKey: API_KEY,
        currencies: ['EUR'],
        usernamePrefix: 'wp',
        limits: { readTimeoutMs: 2_000, transferTimeoutMs: 300, readAttemptsMax: 3, retryDelayBaseMs: 5, retryDelayMaxMs: 20 },
        transfers: { arrivalMarginMs: 300, historyLookbackMs: 0 },
      },
    ];
    registryJson = registryVariableOf(...settings.map(testAggregatorEntry));
    for (let index = 0; index < PLAYERS; index++) {
      playerIds.push(await seedTestPlayer(dataSource, `agtk-player-${index}`, '500.00'));
    }
  });

  afterAll(async () => {
    await processes.killAll();
    await fake?.close();
    await drop?.();
  });

  const processes = new WalletTestProcesses(() => ({ DATABASE_URL: databaseUrl, REDIS_URL: 'redis://127.0.0.1:6379', ENVIRONMENT_NAME: environmentName, PLATFORM_REGISTRY: registryJson }));

  /** The transfer process runs from source (test support is not compiled), through ts-node. */
  const startLoad = () =>
    processes.startFromSource('apps/wallet/src/testing/transfer-load.ts', {
      LOAD_PLAYER_IDS: playerIds.join(','),
      LOAD_TRANSFERS: String(TRANSFERS),
      LOAD_KEY_PREFIX: 'kill-load',
    });

  async function count(sql: string): Promise<number> {
    const [{ count: value }] = (await dataSource.query(sql)) as Array<{ count: number }>;
    return value;
  }

  it('leaves nothing that the resolver cannot finish, and sends no key twice', async () => {
    const chooser = (): AggregatorFault | undefined => {
      const roll = Math.random();
      if (roll < 0.15) return { kind: 'lose-answer-after-apply' };
      if (roll < 0.3) return { kind: 'timeout-before-apply', holdMs: 450 };
      if (roll < 0.35) return { kind: 'error-code', code: 'PLAYER_INACTIVE' };
      return undefined;
    };
    fake.injectWith('deposit', chooser);
    fake.injectWith('withdraw', chooser);
    processes.startResolver({
      AGGREGATOR_RESOLVER_INTERVAL_MS: '50',
      AGGREGATOR_RESOLVER_RETRY_BASE_MS: '100',
      AGGREGATOR_PENDING_STALE_MS: '1000',
    });

    const load = startLoad();
    const deadline = Date.now() + 60_000;
    while ((await count(`SELECT count(*)::int AS count FROM aggregator_transfers`)) < 150) {
      if (load.exitCode !== null || Date.now() > deadline) throw new Error(`the load ended early: ${processes.output}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    load.kill('SIGKILL');
    await once(load, 'exit');
    const openAtKill = await count(`SELECT count(*)::int AS count FROM aggregator_transfers WHERE state IN ('pending', 'sending', 'unknown')`);
    const callsAtKill = fake.requestsTo('deposit').length + fake.requestsTo('withdraw').length;

    const again = startLoad();
    const [code] = (await once(again, 'exit')) as [number | null];
    expect({ code, output: code === 0 ? '' : processes.output }).toEqual({ code: 0, output: '' });
    const openDeadline = Date.now() + 60_000;
    while ((await count(`SELECT count(*)::int AS count FROM aggregator_transfers WHERE state IN ('pending', 'sending', 'unknown')`)) > 0) {
      if (Date.now() > openDeadline) throw new Error(`transfers still open: ${processes.output.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    expect(openAtKill).toBeGreaterThan(0);
    expect(callsAtKill).toBeGreaterThan(0);
    expect(await count(`SELECT count(*)::int AS count FROM aggregator_transfers`)).toBe(PLAYERS * TRANSFERS);
    // One call at most per transfer that reached "sending" (a replayed key is never sent again), and every applied one is ours once.
    expect(fake.requestsTo('deposit').length + fake.requestsTo('withdraw').length).toBeLessThanOrEqual(await count(`SELECT count(*)::int AS count FROM aggregator_transfers WHERE sent_at IS NOT NULL`));
    const posted = (await dataSource.query(`SELECT aggregator_wallet_tx_id AS "walletTxId", direction, amount::text AS amount FROM aggregator_transfers WHERE state = 'posted'`)) as Array<{
      walletTxId: string;
      direction: string;
      amount: string;
    }>;
    const applied = fake.history.filter((entry) => entry.label === 'Deposit' || entry.label === 'Withdraw');
    expect(posted.map((transfer) => `${transfer.walletTxId}:${transfer.direction}:${transfer.amount}`).sort()).toEqual(
      applied
        .map((entry) => `${entry.walletTxId}:${entry.label === 'Deposit' ? 'deposit' : 'withdraw'}:${centsText(entry.afterCents > entry.beforeCents ? entry.afterCents - entry.beforeCents : entry.beforeCents - entry.afterCents)}`)
        .sort(),
    );
    const mismatches: string[] = [];
    for (const playerId of playerIds) {
      const [{ ours, username }] = (await dataSource.query(
        `SELECT a.balance::text AS ours, (SELECT aggregator_username FROM aggregator_transfers t WHERE t.player_id = a.player_id LIMIT 1) AS username
           FROM accounts a WHERE a.kind = 'player' AND a.player_id = $1`,
        [playerId],
      )) as Array<{ ours: string; username: string }>;
      const total = BigInt(ours.replace('.', '')) + BigInt(fake.balanceOf(username, 'EUR').replace('.', ''));
      if (total !== 50_000n) mismatches.push(`${playerId}: ours ${ours} + there ${fake.balanceOf(username, 'EUR')}`);
    }
    expect(mismatches).toEqual([]);
    const report = await dataSource.transaction('REPEATABLE READ', (manager) => checkLedgerInvariants(manager));
    expect(report.ok).toBe(true);
  });
});
