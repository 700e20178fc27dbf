import { CapturedOutput, fakeFetch, type FakeAnswer, type RecordedRequest } from '../testing/fake-fetch';
import { ManualClock } from '../testing/manual-clock';
import { runCli } from '../cli/run-cli';

const API_KEY = 'desk-admin-key-0123456789abcdef';
const ENV = { BACK_OFFICE_URL: 'http://127.0.0.1:18081/back-office/v1', BACK_OFFICE_API_KEY: API_KEY };
const PLAYER_ID = '0b7c6a52-3f0e-4d55-9a55-2a4c1b9b7e11';
const SESSION_ID = '7a2b3c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d';
const TRANSFER_ID = '6f1d2c3b-4a59-4e8f-9d7c-1b2a3c4d5e6f';

function sessionJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: SESSION_ID,
    aggregatorId: 'zg',
    playerId: PLAYER_ID,
    aggregatorUsername: 'wp0abc123def456ghi789jkl',
    gameId: 'pg_00001',
    currency: 'EUR',
    state: 'launched',
    idempotencyKey: 'aggregator-launch-bo-deposit-generated-0001',
    launchPolicy: { kind: 'whole-balance' },
    depositTransferId: TRANSFER_ID,
    depositSkipped: false,
    withdrawAttempts: 0,
    withdrawTransferId: null,
    endReason: null,
    endNote: null,
    createdAt: '2026-12-02T06:00:00.000Z',
    launchedAt: '2026-12-02T06:00:00.200Z',
    endingSince: null,
    endedAt: null,
    ...overrides,
  };
}

const deposit = (state = 'posted') => ({ id: TRANSFER_ID, direction: 'deposit', amount: '100.00', currency: 'EUR', state, outcomeNote: null });

/** `bo sessions aggregator-…`: what the operator types, what is sent, what they see, and the exit code. */
describe('bo sessions aggregator-launch / aggregator-end / aggregator-list', () => {
  const run = async (argv: string[], answer: (request: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>) => {
    const output = new CapturedOutput();
    const fake = fakeFetch(answer);
    const exitCode = await runCli({ argv, env: ENV, output, fetchFunction: fake.fetchFunction, clock: new ManualClock(), newIdempotencyKey: (kind) => `bo-${kind}-generated-0001` });
    expect(output.stdoutText + output.stderrText).not.toContain(API_KEY);
    return { exitCode, stdout: output.stdoutText, stderr: output.stderrText, requests: fake.requests };
  };

  it('launch: prints the generated key before sending, sends the launch, shows the url; exit 0', async () => {
    const result = await run(['sessions', 'aggregator-launch', PLAYER_ID, 'zg', 'pg_00001', '--language', 'en', '--device', 'mobile', '--lobby-url', 'https://casino.example/lobby'], () => ({
      status: 200,
      body: { outcome: 'launched', session: sessionJson(), launch: { type: 'url', url: 'https://games.example/launch?g=pg_00001' }, transfer: deposit() },
    }));
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('idempotency key: aggregator-launch-bo-deposit-generated-0001 (to retry this launch safely, add --key aggregator-launch-bo-deposit-generated-0001)');
    expect(result.requests.map((request) => [request.method, request.url.pathname, request.body])).toEqual([
      [
        'POST',
        `/back-office/v1/players/${PLAYER_ID}/aggregator-sessions`,
        { aggregatorId: 'zg', gameId: 'pg_00001', idempotencyKey: 'aggregator-launch-bo-deposit-generated-0001', language: 'en', device: 'mobile', lobbyUrl: 'https://casino.example/lobby' },
      ],
    ]);
    expect(result.stdout).toContain('transfer      deposit 100.00 EUR, posted');
    expect(result.stdout).toContain('launch url    https://games.example/launch?g=pg_00001');
  });

  it('launch with a key: a deposit in transit (202) is exit 1 and says to run it again with the same key', async () => {
    const result = await run(['sessions', 'aggregator-launch', PLAYER_ID, 'zg', 'pg_00001', '--language', 'en', '--device', 'desktop', '--key', 'launch-2026-12-02-0001'], () => ({
      status: 202,
      body: { outcome: 'deposit_in_transit', session: sessionJson({ state: 'opening', launchedAt: null }), launch: null, transfer: deposit('unknown') },
    }));
    expect(result.exitCode).toBe(1);
    expect(result.requests[0]?.body).toMatchObject({ idempotencyKey: 'launch-2026-12-02-0001' });
    expect(result.stdout).toContain('deposit in transit: the resolver decides it; run the same command with the same --key later');
  });

  it('launch: a refusal is shown with its code (exit 1), a bad device is refused locally (exit 2), a lost answer says to keep the key', async () => {
    const refused = await run(['sessions', 'aggregator-launch', PLAYER_ID, 'zg', 'png_00072', '--language', 'en', '--device', 'desktop'], () => ({
      status: 409,
      body: { error: 'aggregator_game_not_playable', message: 'game png_00072 of zg is not playable: switched off by the operator' },
    }));
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('aggregator_game_not_playable');
    const bad = await run(['sessions', 'aggregator-launch', PLAYER_ID, 'zg', 'pg_00001', '--language', 'en', '--device', 'tv'], () => ({ status: 500 }));
    expect([bad.exitCode, bad.requests.length]).toEqual([2, 0]);
    const lost = await run(['sessions', 'aggregator-launch', PLAYER_ID, 'zg', 'pg_00001', '--language', 'en', '--device', 'desktop'], () => new TypeError('fetch failed'));
    expect(lost.exitCode).toBe(1);
    expect(lost.stderr).toContain('run the same command with --key aggregator-launch-bo-deposit-generated-0001 (never a new key)');
  });

  it('end: exit 0 when ended, 1 while the withdraw is in transit; list shows the sessions', async () => {
    const ended = await run(['sessions', 'aggregator-end', SESSION_ID], () => ({
      status: 200,
      body: { outcome: 'ended', session: sessionJson({ state: 'ended', endReason: 'back-office' }), transfer: { ...deposit(), direction: 'withdraw', amount: '94.75' } },
    }));
    expect(ended.exitCode).toBe(0);
    expect(ended.requests.map((request) => [request.method, request.url.pathname])).toEqual([['POST', `/back-office/v1/aggregator-sessions/${SESSION_ID}/end`]]);
    expect(ended.stdout).toContain('transfer      withdraw 94.75 EUR, posted');
    const inTransit = await run(['sessions', 'aggregator-end', SESSION_ID], () => ({ status: 202, body: { outcome: 'withdraw_in_transit', session: sessionJson({ state: 'ending' }), transfer: null } }));
    expect(inTransit.exitCode).toBe(1);
    const list = await run(['sessions', 'aggregator-list', PLAYER_ID], () => ({ status: 200, body: [sessionJson({ state: 'ending', endReason: 'swept', withdrawAttempts: 2, endNote: 'withdraw 1 voided: refused: PLAYER_INACTIVE' })] }));
    expect(list.exitCode).toBe(0);
    expect(list.stdout).toMatch(/SESSION\s+CREATED\s+AGGREGATOR\s+GAME\s+STATE\s+END\s+TRIES\s+NOTE/);
    expect(list.stdout).toMatch(/pg_00001\s+ending\s+swept\s+2\s+withdraw 1 voided/);
  });
});
