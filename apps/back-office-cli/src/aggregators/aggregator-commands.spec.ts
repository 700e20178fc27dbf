import { CapturedOutput, fakeFetch, type FakeAnswer, type RecordedRequest } from '../testing/fake-fetch';
import { ManualClock } from '../testing/manual-clock';
import { runCli } from '../cli/run-cli';

const API_KEY = 'desk-support-key-0123456789abcdef';
const ENV = { BACK_OFFICE_URL: 'http://127.0.0.1:18081/back-office/v1', BACK_OFFICE_API_KEY: API_KEY };
const PLAYER_ID = '0b7c6a52-3f0e-4d55-9a55-2a4c1b9b7e11';

function entry(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 'h1',
    provider: { id: 'pg', name: 'Pocket Games Soft' },
    userInGame: { userInGame: 'wpabc-EUR', playerId: 'idwpabc', agentId: '9', agentPrefix: 'wp', currency: 'EUR', username: 'wpabc' },
    game: { gameId: 'pg_00001', name: 'Leprechaun Riches', category: 'slot' },
    roundId: 'r1',
    walletTxId: 'w1',
    providerTxId: 'pw1',
    txType: { id: 1, label: 'Bet', flag: '' },
    amount: { providerCurrency: 'EUR', playerCurrency: 'EUR', providerAmount: '-1.60', playerAmount: '-1.60' },
    walletBeforeBalance: '100.00',
    walletAfterBalance: '98.40',
    receivedAt: '2026-12-02T06:00:00.000Z',
    ...overrides,
  };
}

function driftReport(drift: string): Record<string, unknown> {
  return {
    aggregatorId: 'zg',
    checkedAt: '2026-12-02T06:15:00.000Z',
    complete: true,
    rows: [
      {
        operatorId: 'op1',
        currency: 'EUR',
        held: '90.00',
        heldByTransfers: '90.00',
        balancesThere: '69.88',
        playThere: '-19.75',
        heldForChecked: '90.00',
        drift,
        players: 3,
        playersChecked: 2,
        playersSkipped: { 'transfer-in-flight': 1, 'balance-moving': 0, unreadable: 0 },
      },
    ],
    skipped: [{ playerId: PLAYER_ID, reason: 'transfer-in-flight', detail: '1 transfer(s) open' }],
  };
}

/** `bo history aggregator|game-log`, `bo catalog aggregator-…`, `bo transfers drift`: what is typed, sent, shown, and the exit code. */
describe('bo and the aggregators', () => {
  const run = async (argv: string[], answer: (request: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>) => {
    const output = new CapturedOutput();
    const fake = fakeFetch(answer);
    const exitCode = await runCli({ argv, env: ENV, output, fetchFunction: fake.fetchFunction, clock: new ManualClock(), newIdempotencyKey: (kind) => `bo-${kind}-generated-0001` });
    expect(output.stdoutText + output.stderrText).not.toContain(API_KEY);
    return { exitCode, stdout: output.stdoutText, stderr: output.stderrText, requests: fake.requests };
  };

  it('history aggregator: sends the page and filters, shows each entry with its currency group, and where the next page is', async () => {
    const result = await run(['history', 'aggregator', PLAYER_ID, 'zg', '--page', '2', '--per-page', '2', '--from', '2026-12-01T00:00:00Z', '--game', 'pg_00001'], () => ({
      status: 200,
      body: {
        aggregatorId: 'zg',
        username: 'wpabc',
        page: 2,
        perPage: 2,
        hasNext: true,
        currencyGroups: [
          { currency: 'IDR', items: [entry({ id: 'h3', amount: { providerCurrency: 'KIDR', playerCurrency: 'IDR', providerAmount: '-1.6', playerAmount: '-1600.00' } })] },
          { currency: 'EUR', items: [entry({ id: 'h4', txType: { id: 2, label: 'Settle', flag: '' } })] },
        ],
      },
    }));
    expect(result.exitCode).toBe(0);
    const [request] = result.requests;
    expect(request?.url.pathname).toBe(`/back-office/v1/players/${PLAYER_ID}/aggregators/zg/history`);
    expect(Object.fromEntries(request?.url.searchParams ?? [])).toEqual({ page: '2', perPage: '2', from: '2026-12-01T00:00:00Z', gameId: 'pg_00001' });
    expect(result.stdout).toContain('zg player wpabc, page 2 (2 per page)\n');
    expect(result.stdout).toMatch(/IDR\s+Bet\s+-1600\.00\s+IDR\s+100\.00\s+98\.40\s+pg_00001\s+r1\s+h3/);
    expect(result.stdout).toMatch(/EUR\s+Settle\s+-1\.60\s+EUR/);
    expect(result.stdout).toContain('more: --page 3\n');
  });

  it('history aggregator: a page size over the bound is refused before anything is sent', async () => {
    const result = await run(['history', 'aggregator', PLAYER_ID, 'zg', '--per-page', '101'], () => ({ status: 500 }));
    expect(result.exitCode).toBe(2);
    expect(result.requests).toEqual([]);
    expect(result.stderr).toContain('perPage must be an integer from 1 to 100');
  });

  it('history aggregator: the wallet’s 502 from the aggregator is shown with its code, exit 1', async () => {
    const result = await run(['history', 'aggregator', PLAYER_ID, 'zg'], () => ({
      status: 502,
      body: { error: 'aggregator_refused', aggregatorId: 'zg', call: 'history', code: 'AGENT_NOT_ACTIVE', message: 'our agent is switched off at the aggregator: fake' },
    }));
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('error: HTTP 502 aggregator_refused: our agent is switched off at the aggregator');
  });

  it.each([
    ['nodata', { logType: 'nodata' }, 'the provider keeps no log for this round\n'],
    ['iframe', { logType: 'iframe', url: 'https://history.example/r/1' }, "open the provider's log: https://history.example/r/1\n"],
    ['hand', { logType: 'hand', hands: [{ title: 'Banker', cards: ['AS', '9H'], result: 'win' }] }, /HAND\s+CARDS\s+RESULT\nBanker\s+AS 9H\s+win/],
    ['roulette', { logType: 'roulette', pockets: [{ number: '17', color: 'black', evenOdd: 'odd' }] }, /POCKET\s+COLOR\s+EVEN\/ODD\n\s*17\s+black\s+odd/],
    ['dice', { logType: 'dice', dices: ['3', '5'] }, 'dice: 3 5\n'],
    ['table', { logType: 'table', rows: [{ key: 'Bet', value: '1.60' }] }, /Bet\s+1\.60/],
  ])('history game-log: shows a %s log', async (type, view, shown) => {
    const result = await run(['history', 'game-log', PLAYER_ID, 'zg', '--history-id', 'h3'], () => ({
      status: 200,
      body: {
        aggregatorId: 'zg',
        username: 'wpabc',
        providerId: 'pg',
        gameType: 'Slot',
        gameName: 'Leprechaun Riches',
        roundId: 'r1',
        resultGameName: '',
        gameResult: 'lost',
        view,
        transactions: [{ id: 't1', type: 'bet', providerAmount: '-1.60', providerCurrency: 'EUR', walletCurrency: 'EUR', beforeBalance: '100.00', afterBalance: '98.40', createdAt: '2026-12-02T06:00:00Z', agentProviderKeyRevisionId: 'k' }],
      },
    }));
    expect(result.exitCode).toBe(0);
    expect(Object.fromEntries(result.requests[0]?.url.searchParams ?? [])).toEqual({ historyId: 'h3' });
    expect(result.stdout).toMatch(new RegExp(`log type\\s+${type}`));
    if (typeof shown === 'string') expect(result.stdout).toContain(shown);
    else expect(result.stdout).toMatch(shown);
    expect(result.stdout).toMatch(/t1\n/);
  });

  it('history game-log: by game and round, or refused before sending when both or neither are given', async () => {
    const byRound = await run(['history', 'game-log', PLAYER_ID, 'zg', '--game', 'pg_00001', '--round', 'r-77'], () => ({
      status: 200,
      body: { aggregatorId: 'zg', username: 'wpabc', providerId: 'pg', gameType: '', gameName: '', roundId: 'r-77', resultGameName: '', gameResult: '', view: { logType: 'nodata' }, transactions: [] },
    }));
    expect(byRound.exitCode).toBe(0);
    expect(Object.fromEntries(byRound.requests[0]?.url.searchParams ?? [])).toEqual({ gameId: 'pg_00001', roundId: 'r-77' });
    for (const argv of [[], ['--history-id', 'h1', '--round', 'r'], ['--game', 'g']]) {
      const refused = await run(['history', 'game-log', PLAYER_ID, 'zg', ...argv], () => ({ status: 500 }));
      expect([argv, refused.exitCode, refused.requests.length]).toEqual([argv, 2, 0]);
    }
  });

  it('catalog aggregator-games: filters and pages, showing gone games and our switch', async () => {
    const result = await run(['catalog', 'aggregator-games', 'zg', '--provider', 'pg', '--playable', 'false', '--limit', '2'], () => ({
      status: 200,
      body: {
        items: [
          {
            aggregatorId: 'zg',
            gameId: 'pg_00001',
            name: 'Leprechaun Riches',
            logoUrl: null,
            category: { id: 'slot', label: 'Slot' },
            providerId: 'pg',
            providerName: 'Pocket Games Soft',
            listedByAggregator: false,
            goneSince: '2026-12-02T06:00:00.000000Z',
            enabledByOperator: false,
            playable: false,
            updatedAt: '2026-12-02T06:00:00.000000Z',
          },
        ],
        nextCursor: 'abc',
      },
    }));
    expect(result.exitCode).toBe(0);
    expect(result.requests[0]?.url.pathname).toBe('/back-office/v1/catalog/aggregators/zg/games');
    expect(Object.fromEntries(result.requests[0]?.url.searchParams ?? [])).toEqual({ providerId: 'pg', playable: 'false', limit: '2' });
    expect(result.stdout).toMatch(/pg_00001\s+Leprechaun Riches\s+Slot\s+pg\s+gone 2026-12-02T06:00:00.000000Z\s+off\s+no/);
    expect(result.stdout).toContain('more: --cursor abc\n');
  });

  it('catalog aggregator-switch and aggregator-sync: what is sent, and exit 1 when a sync failed', async () => {
    const switched = await run(['catalog', 'aggregator-switch', 'zg', 'pp_10001', 'off'], () => ({
      status: 200,
      body: { aggregatorId: 'zg', gameId: 'pp_10001', name: 'Sweet Bonanza', logoUrl: null, category: { id: 'slot', label: 'Slot' }, providerId: 'pp', providerName: 'Pragmatic Play', listedByAggregator: true, goneSince: null, enabledByOperator: false, playable: false, updatedAt: 'x' },
    }));
    expect(switched.requests.map((request) => [request.method, request.url.pathname, request.body])).toEqual([['PUT', '/back-office/v1/catalog/aggregators/zg/games/pp_10001', { enabledByOperator: false }]]);
    expect(switched.stdout).toMatch(/our switch\s+off/);
    expect((await run(['catalog', 'aggregator-switch', 'zg', 'pp_10001', 'maybe'], () => ({ status: 500 }))).exitCode).toBe(2);

    const synced = await run(['catalog', 'aggregator-sync'], () => ({
      status: 200,
      body: {
        results: [
          { aggregatorId: 'zg', outcome: 'ok', gamesSeen: 5, gamesGone: 1, providersSeen: 2, error: null },
          { aggregatorId: 'down', outcome: 'failed', gamesSeen: 0, gamesGone: 0, providersSeen: 0, error: 'aggregator "down": providers unavailable' },
        ],
      },
    }));
    expect(synced.exitCode).toBe(1);
    expect(synced.requests[0]?.body).toEqual({});
    expect(synced.stdout).toBe('zg: ok: 5 games (1 gone), 2 providers\ndown: failed: aggregator "down": providers unavailable\n');
  });

  it('transfers drift: the last check, exit 3 when it found drift and 0 when none; --check runs one', async () => {
    const drifted = await run(['transfers', 'drift', 'zg'], () => ({ status: 200, body: driftReport('-0.37') }));
    expect(drifted.exitCode).toBe(3);
    expect(drifted.requests.map((request) => [request.method, request.url.pathname])).toEqual([['GET', '/back-office/v1/aggregators/zg/balance-drift']]);
    expect(drifted.stdout).toMatch(/op1\s+EUR\s+90\.00\s+90\.00\s+69\.88\s+-19\.75\s+-0\.37\s+2\/3\s+in flight 1, moving 0, unreadable 0/);
    expect(drifted.stdout).toMatch(new RegExp(`${PLAYER_ID}\\s+transfer-in-flight\\s+1 transfer\\(s\\) open`));

    const honest = await run(['transfers', 'drift', 'zg', '--check'], () => ({ status: 200, body: driftReport('0.00') }));
    expect(honest.exitCode).toBe(0);
    expect(honest.requests.map((request) => [request.method, request.url.pathname])).toEqual([['POST', '/back-office/v1/aggregators/zg/balance-drift']]);

    const none = await run(['transfers', 'drift', 'zg'], () => ({ status: 404, body: { error: 'no_balance_check_yet', message: 'aggregator zg has not been checked yet' } }));
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toContain('no_balance_check_yet');

    const numberDrift = await run(['transfers', 'drift', 'zg'], () => ({ status: 200, body: { ...driftReport('0.00'), rows: [{ ...(driftReport('0.00')['rows'] as object[])[0], drift: -0.37 }] } }));
    expect(numberDrift.exitCode).toBe(1);
  });
});
