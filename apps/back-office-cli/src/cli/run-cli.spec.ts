import { CapturedOutput, fakeFetch, operationJson, playerJson, type FakeAnswer, type RecordedRequest } from '../testing/fake-fetch';
import { ManualClock } from '../testing/manual-clock';
import { runCli } from './run-cli';

const API_KEY = 'desk-admin-key-0123456789abcdef';
const ENV = { BACK_OFFICE_URL: 'http://127.0.0.1:18081/back-office/v1', BACK_OFFICE_API_KEY: API_KEY };
const PLAYER_ID = '0b7c6a52-3f0e-4d55-9a55-2a4c1b9b7e11';

/** The CLI from argv to exit code against a scripted API: what the operator types, sees, and gets. */
describe('bo', () => {
  const run = async (argv: string[], answer: (request: RecordedRequest) => FakeAnswer | Promise<FakeAnswer> = () => ({ status: 500 }), env: Record<string, string> = ENV) => {
    const output = new CapturedOutput();
    const fake = fakeFetch(answer);
    const exitCode = await runCli({ argv, env, output, fetchFunction: fake.fetchFunction, clock: new ManualClock(), newIdempotencyKey: (kind) => `bo-${kind}-generated-0001` });
    // Whatever happened, the key is never shown.
    expect(output.stdoutText + output.stderrText).not.toContain(API_KEY);
    return { exitCode, stdout: output.stdoutText, stderr: output.stderrText, requests: fake.requests };
  };

  describe('help and usage', () => {
    it('answers `bo help` and `bo <group> --help` on stdout with exit 0, without a key', async () => {
      const help = await run(['help'], undefined, {});
      expect([help.exitCode, help.stdout]).toEqual([0, expect.stringContaining('usage: bo <group> <command>')]);
      const group = await run(['cashier', '--help'], undefined, {});
      expect([group.exitCode, group.stdout]).toEqual([0, expect.stringContaining('bo cashier adjust PLAYER_ID SIGNED_AMOUNT --reason R [--key IDEMPOTENCY_KEY]')]);
      const command = await run(['catalog', 'switch', '--help'], undefined, {});
      expect(command.stdout).toContain('usage: bo catalog switch PLATFORM GAME on|off');
    });

    it('answers exit 2 with the usage on stderr for no command, an unknown group, command or option', async () => {
      expect((await run([])).exitCode).toBe(2);
      expect(await run(['wallet'])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('unknown group "wallet"') });
      expect(await run(['players', 'delete', PLAYER_ID])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('see: bo players --help') });
      expect(await run(['players', 'get'])).toMatchObject({ exitCode: 2, stderr: 'bo: missing PLAYER_ID\nsee: bo players get --help\n' });
      expect(await run(['players', 'get', PLAYER_ID, '--verbose'])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('unknown option --verbose') });
    });

    it('refuses to run without BACK_OFFICE_API_KEY, and names the variable (exit 2, nothing sent)', async () => {
      const result = await run(['players', 'get', PLAYER_ID], undefined, {});
      expect([result.exitCode, result.requests.length]).toEqual([2, 0]);
      expect(result.stderr).toContain('BACK_OFFICE_API_KEY is not set');
    });

    it('warns when the key would travel over plain http to another machine', async () => {
      const result = await run(['players', 'get', PLAYER_ID], () => ({ status: 200, body: playerJson() }), { ...ENV, BACK_OFFICE_URL: 'http://backoffice.internal/back-office/v1' });
      expect(result.stderr).toContain('warning: BACK_OFFICE_URL is plain http to backoffice.internal');
    });
  });

  describe('cashier', () => {
    it('generates an idempotency key, prints it before sending, and sends the amount exactly as typed', async () => {
      let stderrWhenSent = '';
      const output = new CapturedOutput();
      const fake = fakeFetch(() => ((stderrWhenSent = output.stderrText), { status: 200, body: operationJson() }));
      const exitCode = await runCli({
        argv: ['cashier', 'deposit', PLAYER_ID, '100.10', '--reason', 'bank transfer 1'],
        env: ENV,
        output,
        fetchFunction: fake.fetchFunction,
        newIdempotencyKey: (kind) => `bo-${kind}-generated-0001`,
      });
      expect(exitCode).toBe(0);
      expect(stderrWhenSent).toBe('idempotency key: bo-deposit-generated-0001 (to retry this deposit safely, add --key bo-deposit-generated-0001)\n');
      expect(fake.requests[0].body).toEqual({ idempotencyKey: 'bo-deposit-generated-0001', amount: '100.10', reason: 'bank transfer 1' });
      expect(output.stdoutText).toContain('balance after    100.10 EUR\n');
      expect(output.stdoutText).toContain('idempotency key  bo-deposit-generated-0001\n');
    });

    it('retries with the operator’s key and prints no new one', async () => {
      const result = await run(['cashier', 'withdraw', PLAYER_ID, '40.05', '--reason', 'payout', '--key', 'wd-2026-01-31-0001'], () => ({
        status: 200,
        body: operationJson({ kind: 'withdrawal', amount: '-40.05', balanceAfter: '60.05' }),
      }));
      expect(result.requests[0].body).toMatchObject({ idempotencyKey: 'wd-2026-01-31-0001', amount: '40.05' });
      expect(result.stderr).toBe('');
    });

    it('says the outcome is unknown and how to retry safely when no answer comes', async () => {
      const result = await run(['cashier', 'deposit', PLAYER_ID, '5.00', '--reason', 'deposit'], () => Object.assign(new TypeError('fetch failed'), { cause: new Error('socket hang up') }));
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain('the deposit may or may not have been applied: run the same command with --key bo-deposit-generated-0001');
      expect(result.stderr).toContain('error: network: POST /back-office/v1/players/');
    });

    it('sends a negative adjustment as typed', async () => {
      const result = await run(['cashier', 'adjust', PLAYER_ID, '-0.05', '--reason', 'rounding correction'], () => ({ status: 200, body: operationJson({ kind: 'adjustment', amount: '-0.05' }) }));
      expect([result.exitCode, result.requests[0].body]).toEqual([0, expect.objectContaining({ amount: '-0.05' })]);
    });

    it('refuses 1.005 before sending anything (exit 2, naming the field)', async () => {
      const result = await run(['cashier', 'deposit', PLAYER_ID, '1.005', '--reason', 'deposit']);
      expect([result.exitCode, result.requests.length]).toEqual([2, 0]);
      expect(result.stderr).toMatch(/^error: validation_failed \(checked here; nothing was sent\)\n {2}amount: amount must be a positive decimal/);
    });
  });

  describe('the API’s refusals', () => {
    it('prints the error code and message: 409 insufficient_funds is exit 1', async () => {
      const result = await run(['cashier', 'withdraw', PLAYER_ID, '60.06', '--reason', 'payout', '--key', 'wd-00000002'], () => ({
        status: 409,
        body: { error: 'insufficient_funds', message: "the player's balance does not cover -60.06 EUR" },
      }));
      expect([result.exitCode, result.stderr]).toEqual([1, "error: HTTP 409 insufficient_funds: the player's balance does not cover -60.06 EUR\n"]);
    });

    it('prints every field problem of a 400, and answers exit 2', async () => {
      const result = await run(['players', 'create', '--operator', 'examplecasino', '--user', 'a|b', '--name', 'x', '--country', 'Malta', '--currency', 'euro'], () => ({
        status: 400,
        body: { error: 'validation_failed', fields: [{ field: 'userId', problems: ['userId must be 1-70 chars of [A-Za-z0-9_.@-]'] }, { field: 'currency', problems: ['currency must be 3-4 uppercase letters or digits'] }] },
      }));
      expect([result.exitCode, result.stderr]).toEqual([
        2,
        'error: HTTP 400 validation_failed\n  userId: userId must be 1-70 chars of [A-Za-z0-9_.@-]\n  currency: currency must be 3-4 uppercase letters or digits\n',
      ]);
    });

    it('with --json, also puts the API’s error body on stdout as received', async () => {
      const body = '{"error":"forbidden","message":"this operation needs the admin role; key desk-support has support"}';
      const result = await run(['--json', 'players', 'block', PLAYER_ID], () => ({ status: 403, text: body }));
      expect([result.exitCode, result.stdout]).toEqual([1, `${body}\n`]);
      expect(result.stderr).toContain('error: HTTP 403 forbidden');
    });
  });

  describe('lists', () => {
    it('follows the cursors with --all, in pages of 200, and prints one table', async () => {
      const result = await run(['history', 'transactions', PLAYER_ID, '--all', '--type', 'BET'], (request) => {
        const second = request.url.searchParams.get('cursor') === 'c2';
        const item = { source: 'game', type: 'BET', reference: second ? 't2' : 't1', platformId: 'p', roundId: '1', gameId: '200', amount: '-2.00', currency: 'EUR', status: 'OK', errorKind: null, balanceAfter: '18.00', createdAt: 't' };
        return { status: 200, body: { items: [item], nextCursor: second ? null : 'c2' } };
      });
      expect(result.requests.map((request) => request.url.search)).toEqual(['?type=BET&limit=200', '?type=BET&limit=200&cursor=c2']);
      expect(result.stdout.split('\n').filter((line) => line.includes('-2.00'))).toHaveLength(2);
      expect(result.stdout).not.toContain('more:');
    });

    it('shows where the next page starts without --all', async () => {
      const result = await run(['players', 'search', '--operator', 'examplecasino', '--limit', '1'], () => ({ status: 200, body: { items: [playerJson()], nextCursor: 'abc' } }));
      expect(result.stdout.endsWith('more: --cursor abc\n')).toBe(true);
      expect((await run(['players', 'search', '--limit', '201'])).exitCode).toBe(2);
    });
  });

  describe('limits', () => {
    it('sends none as null and leaves out the limit not given', async () => {
      const result = await run(['limits', 'set', PLAYER_ID, '--daily-wager', 'none'], () => ({ status: 200, body: { dailyWagerLimit: null, dailyLossLimit: '5.00', wageredToday: '0.00', netLossToday: '0.00' } }));
      expect(result.requests[0].body).toEqual({ dailyWagerLimit: null });
      expect(result.stdout).toContain('daily wager limit  none');
    });

    it('refuses a set with nothing to set', async () => {
      expect(await run(['limits', 'set', PLAYER_ID])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('give --daily-wager and/or --daily-loss') });
    });
  });

  describe('catalog sync', () => {
    const platforms = { items: [{ platformId: 'platform-a', operatorId: 'c1', apiBaseUrl: 'https://a' }, { platformId: 'platform-b', operatorId: 'c1', apiBaseUrl: 'https://b' }] };
    const answer = (failing: string | null) => (request: RecordedRequest): FakeAnswer => {
      if (request.method === 'GET') return { status: 200, body: platforms };
      const platformId = (request.body as { platformId: string }).platformId;
      const failed = platformId === failing;
      return {
        status: 200,
        body: { results: [{ platformId, operatorId: 'c1', outcome: failed ? 'failed' : 'ok', gamesSeen: failed ? 0 : 3, gamesDisabledByPlatform: failed ? 0 : 1, lobbiesSeen: 1, error: failed ? `${platformId} games: HTTP 500` : null }] },
      };
    };

    it('syncs the platforms one by one with progress on stderr and a summary on stdout', async () => {
      const result = await run(['catalog', 'sync'], answer(null));
      expect(result.requests.map((request) => [request.method, request.body])).toEqual([
        ['GET', undefined],
        ['POST', { platformId: 'platform-a' }],
        ['POST', { platformId: 'platform-b' }],
      ]);
      expect(result.stderr).toBe('syncing 2 platforms one by one\n[1/2] platform-a … ok: 3 games (1 disabled), 1 lobby (0.0 s)\n[2/2] platform-b … ok: 3 games (1 disabled), 1 lobby (0.0 s)\n');
      expect(result.stdout).toContain('2 platforms in 0.0 s: 2 ok, 0 failed, 0 skipped\n');
      expect(result.exitCode).toBe(0);
    });

    it('answers exit 1 when any platform failed, after trying them all', async () => {
      const result = await run(['catalog', 'sync'], answer('platform-a'));
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain('[1/2] platform-a … failed: platform-a games: HTTP 500');
      expect(result.stdout).toContain('1 ok, 1 failed');
    });

    it('counts a platform the wallet does not know as failed', async () => {
      const result = await run(['catalog', 'sync', '--platform', 'nowhere'], () => ({ status: 200, body: { results: [] } }));
      expect([result.exitCode, result.requests.length]).toEqual([1, 1]);
      expect(result.stderr).toContain('[1/1] nowhere … failed: not configured in the wallet');
    });
  });
});
