import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { FakePlatformServer, fakeJson } from '@wallet-platform/platform-client/testing';
import { TEST_ADMIN_API_KEY, TEST_GAME_LAUNCH_BASE_URL, TEST_OPERATOR_ID, TEST_PLATFORM_ID, TEST_SECRET_KEY, TEST_SUPPORT_API_KEY, TestStack } from '@wallet-platform/test-stack';

const repo = join(__dirname, '..', '..', '..');
/** A CLI run that takes longer than this is hung, not slow (a platform sync here takes milliseconds). */
const CLI_RUN_TIMEOUT_MS = 60_000;

interface CliRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The compiled `bo` as an operator runs it, against the real wallet (its own database, Kafka
 * topics and ports) and a fake platform for the catalog. Build first: `npx tsc -b tsconfig.build.json`.
 */
describe('bo, the back-office CLI, against the real wallet', () => {
  const stack = new TestStack(18340);
  let fake: FakePlatformServer;
  const game = (id: number, enabled: 0 | 1) => ({ id, title: `Game ${id}`, platform: 'desktop', type: 'slots', enabled, fun_mode: 1, campaigns: 0, vendor: 'vendor-x', created_at: '2024-05-10', details: {} });

  const bo = (args: string[], apiKey: string = TEST_ADMIN_API_KEY): Promise<CliRun> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['-r', './tools/dev/register-paths.js', 'dist/apps/back-office-cli/src/main.js', ...args], {
        cwd: repo,
        env: { PATH: process.env['PATH'], BACK_OFFICE_URL: stack.backOfficeUrl(), BACK_OFFICE_API_KEY: apiKey },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: CLI_RUN_TIMEOUT_MS,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
    });

  let sequence = 0;
  const newPlayer = async (): Promise<{ playerId: string; userId: string }> => {
    sequence += 1;
    const userId = `cli-${Date.now()}-${sequence}`;
    const created = await bo(['players', 'create', '--operator', TEST_OPERATOR_ID, '--user', userId, '--name', `cli_${sequence}`, '--country', 'Malta', '--currency', 'EUR', '--json']);
    expect(created.exitCode).toBe(0);
    return JSON.parse(created.stdout) as { playerId: string; userId: string };
  };
  const balanceOf = async (playerId: string): Promise<string> => (JSON.parse((await bo(['players', 'get', playerId, '--json'])).stdout) as { balance: string }).balance;

  beforeAll(async () => {
    fake = await FakePlatformServer.start({
      operatorId: TEST_OPERATOR_ID,
      secretKey: TEST_SECRET_KEY,
      fixtures: {
        games: fakeJson({ games: [game(200, 1), game(201, 0), game(202, 1)] }),
        lobbies: fakeJson({ lobbies: [{ lobby_id: 'portomaso', vendor: 'portomaso', details: {} }] }),
      },
    });
    stack.platformApiBaseUrl = fake.baseUrl;
    await stack.start(0);
  });

  afterAll(async () => {
    const report = await stack.checkLedger();
    await stack.stop();
    await fake.close();
    expect(report.ok).toBe(true);
  });

  it('creates a player and shows them as a readable view', async () => {
    const created = await bo(['players', 'create', '--operator', TEST_OPERATOR_ID, '--user', `cli-view-${Date.now()}`, '--name', 'cli_view', '--display-name', 'Cli V.', '--country', 'Malta', '--currency', 'EUR', '--group', 'vip']);
    expect(created.exitCode).toBe(0);
    expect(created.stdout).toMatch(/^player {8}[0-9a-f-]{36}\n/);
    expect(created.stdout).toContain('\nbalance       0.00 EUR\n');
    expect(created.stdout).toContain('\ngroup         vip\n');
  });

  it('deposits once, however often the same deposit is retried with its key', async () => {
    const { playerId } = await newPlayer();
    const first = await bo(['cashier', 'deposit', playerId, '100.10', '--reason', 'bank transfer 1']);
    expect(first.exitCode).toBe(0);
    const key = /idempotency key: (\S+) \(to retry this deposit safely, add --key \1\)/.exec(first.stderr)?.[1];
    expect(key).toMatch(/^bo-deposit-[0-9a-f-]{36}$/);
    expect(first.stdout).toContain('balance after    100.10 EUR\n');

    const retried = await bo(['cashier', 'deposit', playerId, '100.10', '--reason', 'bank transfer 1', '--key', key!, '--json']);
    expect(retried.exitCode).toBe(0);
    const operationId = /^operation +(\S+)$/m.exec(first.stdout)?.[1];
    expect(JSON.parse(retried.stdout)).toMatchObject({ operationId, kind: 'deposit', amount: '100.10', balanceAfter: '100.10', performedBy: 'e2e-admin' });
    expect(retried.stderr).toBe('');
    expect(await balanceOf(playerId)).toBe('100.10');
  });

  it('refuses a withdrawal beyond the balance: exit 1, insufficient_funds, nothing moved', async () => {
    const { playerId } = await newPlayer();
    expect((await bo(['cashier', 'deposit', playerId, '10.00', '--reason', 'deposit'])).exitCode).toBe(0);
    const refused = await bo(['cashier', 'withdraw', playerId, '10.01', '--reason', 'payout']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('error: HTTP 409 insufficient_funds: ');
    expect(await balanceOf(playerId)).toBe('10.00');
    const adjusted = await bo(['cashier', 'adjust', playerId, '-0.05', '--reason', 'rounding correction']);
    expect([adjusted.exitCode, adjusted.stdout]).toEqual([0, expect.stringContaining('balance after    9.95 EUR\n')]);
  });

  it('sets limits and reads them back, "none" removing one', async () => {
    const { playerId } = await newPlayer();
    const set = await bo(['limits', 'set', playerId, '--daily-wager', '10.00', '--daily-loss', '5.00']);
    expect(set.exitCode).toBe(0);
    await bo(['limits', 'set', playerId, '--daily-loss', 'none']);
    const read = await bo(['limits', 'get', playerId], TEST_SUPPORT_API_KEY);
    expect([read.exitCode, read.stdout]).toEqual([0, 'daily wager limit  10.00\ndaily loss limit   none\nwagered today      0.00\nnet loss today     0.00\n']);
  });

  it('launches a game (a token and the launch URL) and ends the session', async () => {
    const { playerId } = await newPlayer();
    const launched = await bo(['sessions', 'launch', playerId, '--platform', TEST_PLATFORM_ID, '--mode', 'real', '--game', '200', '--language', 'en', '--device', 'desktop', '--home-url', 'https://casino.example/lobby?x=1']);
    expect(launched.exitCode).toBe(0);
    const token = /^token +([A-Za-z0-9]{20,50})$/m.exec(launched.stdout)?.[1];
    const launchUrl = /^launch url +(\S+)$/m.exec(launched.stdout)?.[1];
    expect(token).toBeDefined();
    expect(launchUrl!.startsWith(TEST_GAME_LAUNCH_BASE_URL)).toBe(true);
    expect(new URL(launchUrl!).searchParams.get('token')).toBe(token);

    const ended = await bo(['sessions', 'end', token!]);
    expect([ended.exitCode, ended.stdout]).toEqual([0, 'session ended\n']);
    const unknown = await bo(['sessions', 'end', 'N'.repeat(30)]);
    expect([unknown.exitCode, unknown.stderr]).toEqual([1, 'error: HTTP 404 session_not_found: no such session\n']);
  });

  it('lists a player’s transactions, newest first, and follows the pages with --all', async () => {
    const { playerId } = await newPlayer();
    for (const amount of ['20.00', '0.50', '1.25']) await bo(['cashier', 'deposit', playerId, amount, '--reason', 'deposit']);
    await bo(['cashier', 'withdraw', playerId, '0.75', '--reason', 'payout']);
    const table = await bo(['history', 'transactions', playerId], TEST_SUPPORT_API_KEY);
    expect(table.exitCode).toBe(0);
    const rows = table.stdout.split('\n').slice(1, -1);
    expect(rows.map((row) => row.split(/ +/).slice(1, 3))).toEqual([
      ['WITHDRAWAL', '-0.75'],
      ['DEPOSIT', '1.25'],
      ['DEPOSIT', '0.50'],
      ['DEPOSIT', '20.00'],
    ]);
    const paged = await bo(['history', 'transactions', playerId, '--limit', '3', '--all', '--type', 'DEPOSIT', '--json']);
    expect(JSON.parse(paged.stdout)).toEqual({ items: [expect.objectContaining({ amount: '1.25' }), expect.objectContaining({ amount: '0.50' }), expect.objectContaining({ amount: '20.00' })], nextCursor: null });
  });

  it('syncs the catalog platform by platform with progress and a summary; exit 1 when a platform fails', async () => {
    const synced = await bo(['catalog', 'sync']);
    expect(synced.exitCode).toBe(0);
    expect(synced.stderr).toMatch(/^syncing 1 platform one by one\n\[1\/1\] e2e-platform … ok: 3 games \(1 disabled\), 1 lobby \(\d+\.\d s\)\n$/);
    expect(synced.stdout).toMatch(/\n1 platform in \d+\.\d s: 1 ok, 0 failed, 0 skipped\n$/);
    const unplayable = await bo(['catalog', 'games', '--platform', TEST_PLATFORM_ID, '--playable', 'false', '--json'], TEST_SUPPORT_API_KEY);
    expect((JSON.parse(unplayable.stdout) as { items: Array<{ gameId: string }> }).items.map((item) => item.gameId)).toEqual(['201']);

    const switched = await bo(['catalog', 'switch', TEST_PLATFORM_ID, '202', 'off']);
    expect([switched.exitCode, switched.stdout]).toEqual([0, expect.stringContaining('our switch           off\nplayable             no\n')]);

    fake.misbehave('games', { kind: 'status', httpStatus: 500 });
    try {
      const failed = await bo(['catalog', 'sync', '--platform', TEST_PLATFORM_ID]);
      expect(failed.exitCode).toBe(1);
      expect(failed.stderr).toMatch(/\[1\/1\] e2e-platform … failed: .*games.*\n$/);
      expect(failed.stdout).toContain('0 ok, 1 failed, 0 skipped');
    } finally {
      fake.behaveNormally();
    }
    const unknown = await bo(['catalog', 'sync', '--platform', 'nowhere']);
    expect([unknown.exitCode, unknown.stderr]).toEqual([1, expect.stringContaining('[1/1] nowhere … failed: POST /back-office/v1/catalog/sync: 404 platform_not_configured')]);
  });

  it('refuses amount 1.005 before sending (exit 2, naming the field), and passes the API’s own 400 on (exit 2)', async () => {
    const { playerId } = await newPlayer();
    const local = await bo(['cashier', 'deposit', playerId, '1.005', '--reason', 'deposit']);
    expect(local.exitCode).toBe(2);
    expect(local.stderr).toMatch(/^error: validation_failed \(checked here; nothing was sent\)\n {2}amount: .*got "1\.005"\n$/);
    const remote = await bo(['players', 'get', 'not-a-uuid']);
    expect([remote.exitCode, remote.stderr]).toEqual([2, 'error: HTTP 400 validation_failed\n  playerId: playerId must be a UUID\n']);
    expect(await balanceOf(playerId)).toBe('0.00');
  });

  it('refuses a deposit with a support key: exit 1, 403, nothing moved', async () => {
    const { playerId } = await newPlayer();
    const refused = await bo(['cashier', 'deposit', playerId, '5.00', '--reason', 'deposit'], TEST_SUPPORT_API_KEY);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('error: HTTP 403 forbidden: this operation needs the admin role');
    expect(refused.stderr).not.toContain(TEST_SUPPORT_API_KEY);
    expect(await balanceOf(playerId)).toBe('0.00');
  });
});
