import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { FakePlatformServer } from '@wallet-platform/platform-client/testing';
import { TestStack } from '@wallet-platform/test-stack';
import { gameEvent, TestLedgerTopic } from '../testing/ledger-topic';

const repo = join(__dirname, '..', '..', '..', '..');
const API_KEY = 'bo-reconcile-e2e-key-000000000000';
const SECRET_KEY = 'bo-reconcile-secret-key-0001';

/**
 * The compiled reporting service (its reports API with the back-office keys, the platform client
 * pointed at the fake platform server) and the compiled `bo` as an operator runs it: a matching
 * day exits 0, a day on which the platform has one WIN more exits 3 and names the field and amount,
 * and `bo reconcile status` shows the day's latest run. Build first: `npx tsc -b tsconfig.build.json`.
 */
describe('bo reconcile against the reporting service and the fake platform', () => {
  const stack = new TestStack(18420);
  const topic = new TestLedgerTopic(stack.environmentName);
  let fake: FakePlatformServer;
  let report = '[]';
  const row = (figures: string) => `[{"entity_name":"casino","vendor":"netent","currency_code":"EUR",${figures},"date":"2026-11-30"}]`;

  const bo = (args: string[]): Promise<{ exitCode: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['-r', './tools/dev/register-paths.js', 'dist/apps/back-office-cli/src/main.js', ...args], {
        cwd: repo,
        env: { PATH: process.env['PATH'], REPORTING_URL: `${stack.reportingUrl()}/reports/v1`, BACK_OFFICE_API_KEY: API_KEY },
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
    fake = await FakePlatformServer.start({ operatorId: 'casino1', secretKey: SECRET_KEY, fixtures: { businessReport: () => report } });
    await topic.create();
    await topic.publish([
      gameEvent({ userId: 'u1', transactionId: '1', transactionType: 'BET', amount: '6.10' }),
      gameEvent({ userId: 'u1', transactionId: '2', transactionType: 'WIN', amount: '3.30' }),
    ]);
    stack.extraPlatforms.push({
      platformId: 'plat-a',
      protocol: 'operator-api',
      operators: [{ operatorId: 'casino1', secretKey: SECRET_KEY }],
      api: { baseUrl: fake.baseUrl, gameLaunchBaseUrl: 'https://launch.plat-a.test/' },
    });
    await stack.startReportingAlone({
      BACK_OFFICE_API_KEYS: JSON.stringify([{ name: 'analyst', role: 'support', sha256: createHash('sha256').update(API_KEY).digest('hex') }]),
      RECONCILIATION_SCHEDULE: 'off',
    });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const [{ count }] = await stack.reportingQuery<{ count: string }>(`SELECT count(*)::text AS count FROM processed_ledger_events`);
      if (count === '2') return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the reporting service did not consume the seeded events');
  });

  afterAll(async () => {
    await stack.stop();
    await topic.delete();
    await fake?.close();
  });

  it('exits 0 on a matching day and 3 on a day with one WIN more on the platform, naming the field and amount', async () => {
    report = row('"bets_sum":6.1,"bets_count":1,"wins_sum":3.3,"wins_count":1,"freespins_sum":0,"freespins_count":0,"jackpots_sum":0,"jackpots_count":0,"gross_gaming_revenue":"2.80"');
    const matched = await bo(['reconcile', 'run', 'plat-a', '2026-11-30']);
    expect([matched.exitCode, matched.stderr, matched.stdout.split('\n')[0]]).toEqual([0, '', expect.stringMatching(/^plat-a \(casino1\) 2026-11-30: MATCHED · run [0-9a-f-]{36} by request at /)]);

    report = row('"bets_sum":6.1,"bets_count":1,"wins_sum":5.8,"wins_count":2,"freespins_sum":0,"freespins_count":0,"jackpots_sum":0,"jackpots_count":0,"gross_gaming_revenue":"0.30"');
    const mismatched = await bo(['reconcile', 'run', 'plat-a', '2026-11-30']);
    expect(mismatched.exitCode).toBe(3);
    expect(mismatched.stdout.split('\n').slice(2)).toEqual([
      '  netent EUR: mismatched',
      '    wins_sum: ours 3.30, platform 5.80, difference 2.50',
      '    wins_count: ours 1, platform 2, difference 1',
      '    gross_gaming_revenue: ours 2.80, platform 0.30, difference -2.50',
      '',
    ]);

    const status = await bo(['reconcile', 'status', '--from', '2026-11-30']);
    expect(status.exitCode).toBe(3);
    expect(status.stdout.split('\n')[1]).toMatch(/^2026-11-30\s+plat-a\s+casino1\s+mismatched\s+1\s+request/);
    const [{ runs }] = await stack.reportingQuery<{ runs: string }>(`SELECT count(*)::text AS runs FROM reconciliation_runs WHERE published_at IS NOT NULL`);
    expect(runs).toBe('2');
  });
});
