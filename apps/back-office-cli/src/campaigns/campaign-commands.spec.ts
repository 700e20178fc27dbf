import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli';
import { CapturedOutput, fakeFetch, type FakeAnswer, type RecordedRequest } from '../testing/fake-fetch';
import { ManualClock } from '../testing/manual-clock';

const API_KEY = 'crm-admin-key-0123456789abcdef';
const ENV = { BACK_OFFICE_API_KEY: API_KEY, PROMOTIONS_BACK_OFFICE_URL: 'http://127.0.0.1:18082/back-office/v1' };
const settlement = (granting: boolean, granted: number, unknown = 0) => ({
  campaign: 'spring',
  state: granting ? 'granting' : 'completed',
  granting,
  players: { total: 1001, pending: 1000 - granted - unknown, skipped: 1, granted, rejected: 0, unknown, played: 0, expired: 0, canceled: 0 },
  skipReasons: { blocked: 1 },
  rejectionCodes: {},
  roundsGranted: granted * 10,
  costByCurrency: { EUR: `${granted * 2}.00` },
  winsByCurrency: { freeSpins: {}, promo: {}, tournament: {} },
  paidByCurrency: {},
});

describe('bo campaigns', () => {
  const run = async (argv: string[], answer: (request: RecordedRequest) => FakeAnswer) => {
    const output = new CapturedOutput();
    const fake = fakeFetch(answer);
    const clock = new ManualClock();
    let done = false;
    const exit = runCli({ argv, env: ENV, output, fetchFunction: fake.fetchFunction, clock, newIdempotencyKey: () => 'unused' }).finally(() => (done = true));
    // Each tick is one poll interval passing.
    for (let ticks = 0; !done && ticks < 100; ticks++) {
      await new Promise((resolve) => setImmediate(resolve));
      clock.tick();
    }
    const exitCode = await exit;
    expect(output.stdoutText + output.stderrText).not.toContain(API_KEY);
    return { exitCode, stdout: output.stdoutText, stderr: output.stderrText, requests: fake.requests };
  };

  it('given the options when creating then one POST to the promotions back office carries them, the bet as a decimal string', async () => {
    const result = await run(
      ['campaigns', 'create', 'spring', '--name', 'Spring', '--platform', 'choice-gaming', '--game', '2', '--rounds', '10', '--bet', '0.20', '--currency', 'EUR', '--valid-until', '2026-12-31T23:59:59Z'],
      (request) => ({ status: 201, body: { ...(request.body as object), state: 'draft', createdBy: 'crm', createdAt: '2026-05-01T00:00:00Z' } }),
    );
    expect(result.exitCode).toBe(0);
    expect(result.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['POST /back-office/v1/campaigns']);
    expect(result.requests[0].body).toMatchObject({ reference: 'spring', betAmount: '0.20', roundsCount: 10, kind: 'freeRounds', provider: 'choice-gaming' });
    expect(result.stdout).toBe('campaign spring created (draft): 10 × 0.20 EUR on game 2\n');
  });

  it('given filters when listing then one GET carries them, and each campaign is a line', async () => {
    const campaign = { reference: 'agg-spins', name: 'Spins', provider: 'aggregator', platformId: 'zg', kind: 'freeRoundsByBet', gameId: 'pg_00001', roundsCount: 15, betAmount: '0.20', currency: 'EUR', validUntil: '2026-12-31T23:59:59.000Z', state: 'granting', createdBy: 'crm', createdAt: '2026-12-01T00:00:00Z' };
    const result = await run(['campaigns', 'list', '--provider', 'aggregator', '--platform', 'zg', '--limit', '10'], () => ({ status: 200, body: { items: [campaign], hasMore: true } }));
    expect(result.exitCode).toBe(0);
    expect(result.requests.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`)).toEqual(['GET /back-office/v1/campaigns?provider=aggregator&platformId=zg&limit=10']);
    expect(result.stdout).toBe('agg-spins\tgranting\taggregator/zg\t15 × 0.20 EUR\tuntil 2026-12-31T23:59:59.000Z\nmore campaigns match: narrow the filter or raise --limit\n');
    expect((await run(['campaigns', 'list', '--limit', '0'], () => ({ status: 200, body: { items: [], hasMore: false } }))).exitCode).toBe(2);
  });

  it('given grants the provider did not take back when canceling then each is named and it exits 1', async () => {
    const result = await run(['campaigns', 'cancel', 'agg-spins'], () => ({ status: 200, body: { canceledGrants: 3, revokedGrants: 1, notRevoked: [{ playerId: 'p-2', outcome: 'unknown', detail: 'no answer' }], revokesLeft: 0 } }));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('canceled; 3 pending grants will not be sent, 1 granted revoked\nnot revoked: p-2 (unknown: no answer)\n');
  });

  it('given a grant that takes three polls when started then it follows the settlement to the end and exits 0', async () => {
    const answers = [settlement(true, 0), settlement(true, 600), settlement(false, 1000)];
    const result = await run(['campaigns', 'grant', 'spring'], (request) =>
      request.url.pathname.endsWith('/grant') ? { status: 202, body: { started: true } } : { status: 200, body: answers.shift() ?? settlement(false, 1000) },
    );
    expect(result.exitCode).toBe(0);
    expect(result.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'POST /back-office/v1/campaigns/spring/grant',
      'GET /back-office/v1/campaigns/spring/settlement',
      'GET /back-office/v1/campaigns/spring/settlement',
      'GET /back-office/v1/campaigns/spring/settlement',
    ]);
    expect(result.stdout).toBe('granted 1000 · rejected 0 · unknown 0 · pending 0 · skipped 1 · of 1001\n');
  });

  it('given grants left unknown when the run ends then it exits 1 and says to run it again', async () => {
    const result = await run(['campaigns', 'grant', 'spring'], (request) =>
      request.url.pathname.endsWith('/grant') ? { status: 202, body: { started: false } } : { status: 200, body: settlement(false, 900, 100) },
    );
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('100 unknown, 0 pending: run bo campaigns grant spring again');
  });

  it('given a file of 10,001 players when adding then two calls go, the first of 10,000', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'bo-campaigns-'));
    try {
      const file = join(directory, 'players.txt');
      writeFileSync(file, ['# exported from the CRM', ...Array.from({ length: 10_001 }, (_, i) => `p-${i}`), ''].join('\n'));
      const result = await run(['campaigns', 'add-players', 'spring', '--file', file], (request) => {
        const count = (request.body as { playerIds: string[] }).playerIds.length;
        return { status: 200, body: { received: count, added: count, skipped: 0, alreadyInCampaign: 0 } };
      });
      expect(result.exitCode).toBe(0);
      expect(result.requests.map((r) => (r.body as { playerIds: string[] }).playerIds.length)).toEqual([10_000, 1]);
      expect(result.stdout).toBe('added 10001 (of which skipped 0), already in the campaign 0, of 10001 read\n');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('given a settlement when shown then players, reasons, rounds and cost are listed', async () => {
    const result = await run(['campaigns', 'settlement', 'spring'], () => ({ status: 200, body: settlement(false, 1000) }));
    expect(result.stdout).toContain('rounds        10000');
    expect(result.stdout).toContain('cost          EUR 2000.00');
    expect(result.stdout).toContain('skipped for   blocked 1');
  });
});
