import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { DataSource } from 'typeorm';
import { FakeAggregatorServer, centsText, registryVariableOf, testAggregatorEntry, type AggregatorFault } from '@wallet-platform/aggregator-client/testing';
import { checkLedgerInvariants } from '../ledger/ledger-invariants';
import { seedTestPlayer } from '../testing/back-office-test-app';
import { createScratchWalletDatabase } from '../testing/scratch-wallet-database';
import { WalletTestProcesses } from '../testing/wallet-test-processes';

/**
 * Given a process launching and ending aggregator sessions (12 players × 8 sessions, 10.00 a
 * launch) against the fake with lost answers, timeouts, refusals and a failing launchGame, and the
 * compiled resolver beside it; when that process is killed with SIGKILL in the middle and started
 * again (it replays its keys): then every session ends, no transfer is sent twice, the aggregator's
 * applied transfers and our posted ones match one to one, each player's money is all back on our
 * side (500.00, nothing left there), and the ledger invariant check passes. Port 18802 (the fake).
 */
describe('aggregator sessions: the launching process killed mid-launch', () => {
  const API_KEY = 'AggregatorKey-skill-4e1a77';
  const PLAYERS = 12;
  const SESSIONS = 8;
  const environmentName = `agsk-${randomBytes(4).toString('hex')}`;
  let fake: FakeAggregatorServer;
  let dataSource: DataSource;
  let databaseUrl: string;
  let drop: () => Promise<void>;
  const playerIds: string[] = [];
  let registryJson: string;

  beforeAll(async () => {
    fake = await FakeAggregatorServer.start({ port: 18802, apiKey: API_KEY });
    ({ dataSource, url: databaseUrl, drop } = await createScratchWalletDatabase());
    registryJson = registryVariableOf(
      testAggregatorEntry({
        aggregatorId: 'zg',
        baseUrl: fake.baseUrl,
        apiKey: API_KEY,
        currencies: ['EUR'],
        usernamePrefix: 'wp',
        limits: { readTimeoutMs: 2_000, transferTimeoutMs: 300, readAttemptsMax: 3, retryDelayBaseMs: 5, retryDelayMaxMs: 20 },
        transfers: { arrivalMarginMs: 300, historyLookbackMs: 0 },
      }),
    );
    await dataSource.query(
      `INSERT INTO aggregator_games (aggregator_id, game_id, name, category_id, category_label, first_seen_in_sync_at, last_seen_in_sync_at) VALUES ('zg', 'pg_00001', 'Leprechaun Riches', 'slot', 'Slot', now(), now())`,
    );
    for (let index = 0; index < PLAYERS; index++) {
      playerIds.push(await seedTestPlayer(dataSource, `agsk-player-${index}`, '500.00'));
    }
  });

  afterAll(async () => {
    await processes.killAll();
    await fake?.close();
    await drop?.();
  });

  const processes = new WalletTestProcesses(() => ({ DATABASE_URL: databaseUrl, REDIS_URL: 'redis://127.0.0.1:6379', ENVIRONMENT_NAME: environmentName, PLATFORM_REGISTRY: registryJson }));

  /** The launching process runs from source (test support is not compiled), through ts-node. */
  const startLoad = () =>
    processes.startFromSource('apps/wallet/src/testing/session-load.ts', {
      LOAD_PLAYER_IDS: playerIds.join(','),
      LOAD_SESSIONS: String(SESSIONS),
      LOAD_KEY_PREFIX: 'kill-sessions',
      LOAD_LAUNCH_AMOUNT: '10.00',
    });

  async function count(sql: string): Promise<number> {
    const [{ count: value }] = (await dataSource.query(sql)) as Array<{ count: number }>;
    return value;
  }

  it('ends every session with all the money back, sending no transfer twice', async () => {
    const chooser = (): AggregatorFault | undefined => {
      const roll = Math.random();
      if (roll < 0.15) return { kind: 'lose-answer-after-apply' };
      if (roll < 0.3) return { kind: 'timeout-before-apply', holdMs: 450 };
      if (roll < 0.35) return { kind: 'error-code', code: 'PLAYER_INACTIVE' };
      return undefined;
    };
    fake.injectWith('deposit', chooser);
    fake.injectWith('withdraw', chooser);
    fake.injectWith('launchGame', () => (Math.random() < 0.2 ? { kind: 'http-status', httpStatus: 503 } : undefined));
    processes.startResolver({
      AGGREGATOR_RESOLVER_INTERVAL_MS: '50',
      AGGREGATOR_RESOLVER_RETRY_BASE_MS: '100',
      AGGREGATOR_PENDING_STALE_MS: '1000',
    });

    const load = startLoad();
    const deadline = Date.now() + 60_000;
    while ((await count(`SELECT count(*)::int AS count FROM aggregator_sessions`)) < (PLAYERS * SESSIONS) / 2) {
      if (load.exitCode !== null || Date.now() > deadline) throw new Error(`the load ended early: ${processes.output}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    load.kill('SIGKILL');
    await once(load, 'exit');
    const liveAtKill = await count(`SELECT count(*)::int AS count FROM aggregator_sessions WHERE state <> 'ended'`);

    const again = startLoad();
    const [code] = (await once(again, 'exit')) as [number | null];
    expect({ code, output: code === 0 ? '' : processes.output.slice(-3000) }).toEqual({ code: 0, output: '' });
    const openDeadline = Date.now() + 30_000;
    while ((await count(`SELECT count(*)::int AS count FROM aggregator_transfers WHERE state IN ('pending', 'sending', 'unknown')`)) > 0) {
      if (Date.now() > openDeadline) throw new Error(`transfers still open: ${processes.output.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    expect(liveAtKill).toBeGreaterThan(0);
    expect(await count(`SELECT count(*)::int AS count FROM aggregator_sessions`)).toBe(PLAYERS * SESSIONS);
    expect(await count(`SELECT count(*)::int AS count FROM aggregator_sessions WHERE state <> 'ended'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS count FROM aggregator_sessions WHERE state = 'ended' AND launch_type = 'url'`)).toBeGreaterThan(0);
    expect(fake.requestsTo('deposit').length + fake.requestsTo('withdraw').length).toBeLessThanOrEqual(await count(`SELECT count(*)::int AS count FROM aggregator_transfers WHERE sent_at IS NOT NULL`));
    // A session's deposit is one transfer, whatever the retries.
    expect(await count(`SELECT count(*)::int AS count FROM aggregator_transfers WHERE direction = 'deposit'`)).toBe(await count(`SELECT count(*)::int AS count FROM aggregator_sessions WHERE deposit_transfer_id IS NOT NULL`));
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
        `SELECT a.balance::text AS ours, (SELECT aggregator_username FROM aggregator_sessions s WHERE s.player_id = a.player_id LIMIT 1) AS username
           FROM accounts a WHERE a.kind = 'player' AND a.player_id = $1`,
        [playerId],
      )) as Array<{ ours: string; username: string }>;
      if (ours !== '500.00' || fake.balanceOf(username, 'EUR') !== '0.00') mismatches.push(`${playerId}: ours ${ours}, there ${fake.balanceOf(username, 'EUR')}`);
    }
    expect(mismatches).toEqual([]);
    const report = await dataSource.transaction('REPEATABLE READ', (manager) => checkLedgerInvariants(manager));
    expect(report.ok).toBe(true);
  });
});
