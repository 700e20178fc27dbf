import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { aggregatorUsernameFor } from '@wallet-platform/aggregator-client';
import { FakeAggregatorServer, testAggregatorEntry } from '@wallet-platform/aggregator-client/testing';
import { TEST_ADMIN_API_KEY, TEST_OPERATOR_ID, TestStack } from '@wallet-platform/test-stack';

const repo = join(__dirname, '..', '..', '..', '..');
const AGGREGATOR_KEY = 'AggregatorKey-chain-e2e-9d0c';
const ANALYST_KEY = 'aggregator-chain-e2e-analyst-key-00';

/**
 * The whole chain with compiled services: the wallet moves players' money to the fake aggregator
 * and back through its back-office API (its transfers write `aggregator-transfer.changed` into the
 * outbox, the relay publishes them), the reporting service consumes them from the real topic, and
 * the compiled `bo reconcile run zg DAY --source aggregator` compares the day with the fake's
 * `playerDailyReport`: exit 0 while the balances explain the play, exit 3 naming the player, field and
 * amount once the aggregator takes money its report does not show. Build first:
 * `npx tsc -b tsconfig.build.json`. Ports 18761-18765 (gateway, wallet, promotions, reporting, the fake).
 */
describe('the wallet, the reporting service and bo reconcile against the fake aggregator', () => {
  const stack = new TestStack(18761);
  let fake: FakeAggregatorServer;
  const day = new Date().toISOString().slice(0, 10);

  const bo = (args: string[]): Promise<{ exitCode: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['-r', './tools/dev/register-paths.js', 'dist/apps/back-office-cli/src/main.js', ...args], {
        cwd: repo,
        env: { PATH: process.env['PATH'], REPORTING_URL: `${stack.reportingUrl()}/reports/v1`, BACK_OFFICE_API_KEY: ANALYST_KEY },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60_000,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
    });

  beforeAll(async () => {
    fake = await FakeAggregatorServer.start({ port: 18765, apiKey: AGGREGATOR_KEY });
    // One registry entry for both services: the wallet's transfers, reporting's reconciliation.
    stack.extraPlatforms.push(
      testAggregatorEntry({ baseUrl: fake.baseUrl, apiKey: AGGREGATOR_KEY, limits: { readTimeoutMs: 2_000, transferTimeoutMs: 2_000 }, reconciliation: { baseCurrency: 'EUR', operatorIds: [TEST_OPERATOR_ID] } }),
    );
    stack.reportingEnv = {
      BACK_OFFICE_API_KEYS: JSON.stringify([{ name: 'analyst', role: 'support', sha256: createHash('sha256').update(ANALYST_KEY).digest('hex') }]),
      RECONCILIATION_SCHEDULE: 'off',
    };
    await stack.start(1);
  }, 240_000);

  afterAll(async () => {
    await stack.stop();
    await fake?.close();
  });

  async function newPlayer(user: string): Promise<{ playerId: string; username: string }> {
    await stack.seedPlayer({ user, balance: '100.00' });
    const [{ id }] = await stack.walletQuery<{ id: string }>(`SELECT id FROM players WHERE user_id = $1`, [user]);
    return { playerId: id, username: aggregatorUsernameFor('wp', TEST_OPERATOR_ID, id) };
  }

  let keys = 0;
  async function transfer(playerId: string, direction: 'deposit' | 'withdraw', amount: string): Promise<void> {
    const response = await fetch(`${stack.backOfficeUrl()}/players/${playerId}/aggregator-transfers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ aggregatorId: 'zg', direction, amount, idempotencyKey: `chain-e2e-${++keys}` }),
    });
    const body = (await response.json()) as { state?: string };
    if (response.status !== 200 || body.state !== 'posted') throw new Error(`transfer ${direction} ${amount}: ${response.status} ${JSON.stringify(body)}`);
  }

  async function reportingHolds(settled: number): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const [{ count }] = await stack.reportingQuery<{ count: string }>(`SELECT count(*)::text AS count FROM aggregator_transfer_facts WHERE state = 'posted'`);
      if (Number(count) === settled) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`reporting did not receive ${settled} settled transfers`);
  }

  it('exits 0 on a day the balances explain, and 3 naming the player, field and amount of money the report does not show', async () => {
    const first = await newPlayer('chain-1');
    await transfer(first.playerId, 'deposit', '40.00');
    fake.play(first.username, 'EUR', '-6.00');
    fake.play(first.username, 'EUR', '2.40');
    await transfer(first.playerId, 'withdraw', 'all');
    await reportingHolds(2);
    const matched = await bo(['reconcile', 'run', 'zg', day, '--source', 'aggregator']);
    expect([matched.exitCode, matched.stderr]).toEqual([0, '']);
    expect(matched.stdout.split('\n').slice(0, 3)).toEqual([
      expect.stringMatching(new RegExp(`^aggregator zg \\(${TEST_OPERATOR_ID}\\) ${day}: MATCHED · run [0-9a-f-]{36} by request at `)),
      '  tolerance: sums 0.00, counts 0',
      '  players: 1 matched, 0 mismatched, 0 not comparable',
    ]);

    const second = await newPlayer('chain-2');
    await transfer(second.playerId, 'deposit', '20.00');
    fake.play(second.username, 'EUR', '-1.00');
    fake.adjustBalanceUnreported(second.username, 'EUR', '-0.50');
    await transfer(second.playerId, 'withdraw', 'all');
    await reportingHolds(4);
    const mismatched = await bo(['reconcile', 'run', 'zg', day, '--source', 'aggregator']);
    expect(mismatched.exitCode).toBe(3);
    expect(mismatched.stdout.split('\n').slice(2)).toEqual([
      '  players: 1 matched, 1 mismatched, 0 not comparable',
      `  player ${second.playerId} (${second.username}) EUR: mismatched`,
      '    playerWinLoss: ours -1.50, platform -1.00, difference 0.50',
      '',
    ]);
    const status = await bo(['reconcile', 'status', '--from', day, '--source', 'aggregator']);
    expect(status.exitCode).toBe(3);
    expect(status.stdout.split('\n')[1]).toMatch(new RegExp(`^${day}\\s+zg\\s+${TEST_OPERATOR_ID}\\s+mismatched\\s+1\\s+request\\s+aggregator`));
  });
});
