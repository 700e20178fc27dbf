import { CapturedOutput, fakeFetch, type FakeAnswer, type RecordedRequest } from '../testing/fake-fetch';
import { ManualClock } from '../testing/manual-clock';
import { runCli } from '../cli/run-cli';

const API_KEY = 'desk-admin-key-0123456789abcdef';
const ENV = { BACK_OFFICE_URL: 'http://127.0.0.1:18081/back-office/v1', BACK_OFFICE_API_KEY: API_KEY };
const PLAYER_ID = '0b7c6a52-3f0e-4d55-9a55-2a4c1b9b7e11';
const TRANSFER_ID = '6f1d2c3b-4a59-4e8f-9d7c-1b2a3c4d5e6f';

function transferJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: TRANSFER_ID,
    aggregatorId: 'zg',
    playerId: PLAYER_ID,
    aggregatorUsername: 'wp0abc123def456ghi789jkl',
    direction: 'deposit',
    amount: '50.00',
    currency: 'EUR',
    state: 'posted',
    idempotencyKey: 'aggregator-bo-deposit-generated-0001',
    aggregatorBalanceBefore: '0.00',
    sentAt: '2026-12-02T06:00:00.000Z',
    outcomeNote: 'applied: balance there 0.00 -> 50.00',
    aggregatorTxId: 'tw1',
    aggregatorWalletTxId: 'w1',
    resolutionAttempts: 0,
    nextResolutionAt: null,
    settledBy: 'call',
    createdAt: '2026-12-02T06:00:00.000Z',
    settledAt: '2026-12-02T06:00:00.100Z',
    ...overrides,
  };
}

/** `bo transfers`: what the operator types, what is sent, what they see, and the exit code. */
describe('bo transfers', () => {
  const run = async (argv: string[], answer: (request: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>) => {
    const output = new CapturedOutput();
    const fake = fakeFetch(answer);
    const exitCode = await runCli({ argv, env: ENV, output, fetchFunction: fake.fetchFunction, clock: new ManualClock(), newIdempotencyKey: (kind) => `bo-${kind}-generated-0001` });
    expect(output.stdoutText + output.stderrText).not.toContain(API_KEY);
    return { exitCode, stdout: output.stdoutText, stderr: output.stderrText, requests: fake.requests };
  };

  it('to: prints the generated key before sending, sends the amount as typed, exit 0 when posted', async () => {
    const result = await run(['transfers', 'to', PLAYER_ID, 'zg', '50.00'], () => ({ status: 200, body: transferJson() }));
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('idempotency key: aggregator-bo-deposit-generated-0001 (to retry this transfer safely, add --key aggregator-bo-deposit-generated-0001)');
    expect(result.requests.map((request) => [request.method, request.url.pathname, request.body])).toEqual([
      ['POST', `/back-office/v1/players/${PLAYER_ID}/aggregator-transfers`, { aggregatorId: 'zg', direction: 'deposit', amount: '50.00', idempotencyKey: 'aggregator-bo-deposit-generated-0001' }],
    ]);
    expect(result.stdout).toContain('state         posted\n');
  });

  it('from with "all" and a key: exit 1 while the transfer is unknown, saying the money is in transit', async () => {
    const result = await run(['transfers', 'from', PLAYER_ID, 'zg', 'all', '--key', 'sweep-2026-12-02-0001'], () => ({
      status: 200,
      body: transferJson({ direction: 'withdraw', state: 'unknown', settledBy: null, settledAt: null, idempotencyKey: 'sweep-2026-12-02-0001', outcomeNote: 'unknown: timeout' }),
    }));
    expect(result.exitCode).toBe(1);
    expect(result.requests[0]?.body).toEqual({ aggregatorId: 'zg', direction: 'withdraw', amount: 'all', idempotencyKey: 'sweep-2026-12-02-0001' });
    expect(result.stdout).toContain('state         unknown: the money is in transit until resolved (bo transfers open)');
  });

  it('refuses a bad amount locally (exit 2, nothing sent), and after a lost answer says to retry with the same key', async () => {
    const bad = await run(['transfers', 'to', PLAYER_ID, 'zg', '10.001'], () => ({ status: 500 }));
    expect([bad.exitCode, bad.requests.length]).toEqual([2, 0]);
    const lost = await run(['transfers', 'to', PLAYER_ID, 'zg', '10.00'], () => new TypeError('fetch failed'));
    expect(lost.exitCode).toBe(1);
    expect(lost.stderr).toContain('run the same command with --key aggregator-bo-deposit-generated-0001 (never a new key)');
  });

  it('open lists the support queue; settle sends the decision with its reason and wallet tx', async () => {
    const open = await run(['transfers', 'open'], () => ({ status: 200, body: [transferJson({ state: 'unknown', resolutionAttempts: 3, settledBy: null, outcomeNote: 'still unknown: 2 matching transfers' })] }));
    expect(open.exitCode).toBe(0);
    expect(open.stdout).toMatch(/TRANSFER\s+CREATED\s+AGGREGATOR\s+DIRECTION\s+AMOUNT\s+CUR\s+STATE\s+TRIES/);
    expect(open.stdout).toContain('still unknown: 2 matching transfers');
    const settled = await run(['transfers', 'settle', TRANSFER_ID, 'posted', '--wallet-tx', 'w1842', '--reason', 'confirmed, ticket 4711'], () => ({
      status: 200,
      body: transferJson({ settledBy: 'support' }),
    }));
    expect(settled.exitCode).toBe(0);
    expect(settled.requests.map((request) => [request.method, request.url.pathname, request.body])).toEqual([
      ['POST', `/back-office/v1/aggregator-transfers/${TRANSFER_ID}/settle`, { outcome: 'posted', walletTxId: 'w1842', reason: 'confirmed, ticket 4711' }],
    ]);
    expect((await run(['transfers', 'settle', TRANSFER_ID, 'maybe', '--reason', 'not sure'], () => ({ status: 500 }))).exitCode).toBe(2);
  });

  it('balance-check: the table, exit 1 when a balance there could not be read', async () => {
    const answer = { aggregatorId: 'zg', checkedAt: '2026-12-02T06:00:00Z', complete: true, rows: [{ operatorId: 'op1', currency: 'EUR', held: '105.00', inTransit: '0.00', balancesThere: '101.75', difference: '-3.25', players: 2, unreadable: 1 }] };
    const result = await run(['transfers', 'balance-check', 'zg'], () => ({ status: 200, body: answer }));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/op1\s+EUR\s+105\.00\s+0\.00\s+101\.75\s+-3\.25\s+2\s+1/);
  });
});
