import { createHash } from 'node:crypto';
import { FakePlatformServer, fakeJson } from './fake-platform-server';
import { LosslessNumber } from 'lossless-json';

const OPERATOR_ID = 'op-17';
const SECRET_KEY = 'fake-secret';

function authorization(apiName: string): string {
  return createHash('sha1').update(`${apiName}${OPERATOR_ID}${SECRET_KEY}`).digest('hex');
}

function signedHeaders(apiName: string): Record<string, string> {
  return { 'X-Operator-Id': OPERATOR_ID, 'X-Authorization': authorization(apiName) };
}

describe('fake platform server', () => {
  let fake: FakePlatformServer;

  beforeEach(async () => {
    fake = await FakePlatformServer.start({ operatorId: OPERATOR_ID, secretKey: SECRET_KEY });
  });

  afterEach(() => fake.close());

  async function get(path: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; body: string }> {
    const response = await fetch(`${fake.baseUrl}${path}`, { method, headers });
    return { status: response.status, body: await response.text() };
  }

  it('listens on loopback on an ephemeral port', () => {
    expect(fake.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
  });

  it('given correct headers, then the default fixture answers 200', async () => {
    expect(await get('/api/generic/games/list/all', signedHeaders('games'))).toEqual({ status: 200, body: '{"games":[]}' });
  });

  it.each([
    ['no headers', {}],
    ['another operator id', { 'X-Operator-Id': 'op-18', 'X-Authorization': authorization('games') }],
    ['the lobbies digest on the games endpoint', signedHeaders('lobbies')],
    ['the digest in capitals', { 'X-Operator-Id': OPERATOR_ID, 'X-Authorization': authorization('games').toUpperCase() }],
  ])('given %s, then 403', async (_case, headers) => {
    expect((await get('/api/generic/games/list/all', headers)).status).toBe(403);
  });

  it('given hand history without X-Vendor-Id, then 403; with it, 200', async () => {
    expect((await get('/api/generic/handHistory/111/350-a1Basdf', signedHeaders('handHistory'))).status).toBe(403);
    expect((await get('/api/generic/handHistory/111/350-a1Basdf', { ...signedHeaders('handHistory'), 'X-Vendor-Id': 'evolution' })).status).toBe(200);
  });

  it('given an unknown path, a POST, or a report without a date, then 404, 405 and 400', async () => {
    expect((await get('/api/generic/ggrLimits', signedHeaders('ggrLimits'))).status).toBe(404);
    expect((await get('/api/generic/balanceLimits', signedHeaders('balanceLimits'), 'POST')).status).toBe(405);
    expect((await get('/api/generic/businessReport', signedHeaders('businessReport'))).status).toBe(400);
  });

  it('records every request: endpoint, method, path, query, headers and the status it answered', async () => {
    await get('/api/generic/balanceLimits?currencies=GBP,EUR', signedHeaders('balanceLimits'));
    await get('/api/generic/games/list/all', {});

    expect(fake.requests.map(({ endpoint, method, path, query, rawQuery, answeredStatus }) => ({ endpoint, method, path, query, rawQuery, answeredStatus }))).toEqual([
      { endpoint: 'balanceLimits', method: 'GET', path: '/api/generic/balanceLimits', query: { currencies: 'GBP,EUR' }, rawQuery: 'currencies=GBP,EUR', answeredStatus: 200 },
      { endpoint: 'games', method: 'GET', path: '/api/generic/games/list/all', query: {}, rawQuery: '', answeredStatus: 403 },
    ]);
    expect(fake.requests[0].headers['x-operator-id']).toBe(OPERATOR_ID);
    expect(fake.requestsTo('games')).toHaveLength(1);

    fake.clearRequests();
    expect(fake.requests).toEqual([]);
  });

  it('given a fixture function, then it answers from the request', async () => {
    fake.setFixture('businessReport', (request) => `[{"date":"${request.query['date']}"}]`);

    expect((await get('/api/generic/businessReport?date=2021-05-03', signedHeaders('businessReport'))).body).toBe('[{"date":"2021-05-03"}]');
  });

  it('given a misbehaviour for K requests, then it misbehaves K times and then answers normally', async () => {
    fake.misbehave('lobbies', { kind: 'status', httpStatus: 500, times: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await get('/api/generic/lobbies/list/all', signedHeaders('lobbies'))).status);
    }

    expect(statuses).toEqual([500, 500, 200]);
  });

  it('given behaveNormally, then a lasting misbehaviour ends', async () => {
    fake.misbehave('lobbies', { kind: 'invalid-json' });
    expect((await get('/api/generic/lobbies/list/all', signedHeaders('lobbies'))).body).not.toBe('{"lobbies":[]}');

    fake.behaveNormally('lobbies');

    expect((await get('/api/generic/lobbies/list/all', signedHeaders('lobbies'))).body).toBe('{"lobbies":[]}');
  });

  it('given an oversized misbehaviour, then the body has exactly that many bytes', async () => {
    fake.misbehave('games', { kind: 'oversized', sizeBytes: 200_000, declareLength: false });

    const { body } = await get('/api/generic/games/list/all', signedHeaders('games'));

    expect(body).toHaveLength(200_000);
    expect(body.trim()).toBe('{}');
  });

  it('given a pending delayed answer, then close does not wait for it', async () => {
    fake.misbehave('games', { kind: 'delay', delayMs: 60_000 });
    const pending = fetch(`${fake.baseUrl}/api/generic/games/list/all`, { headers: signedHeaders('games') }).catch(() => 'connection closed');
    await waitFor(() => fake.requests.length === 1);
    const startedMs = Date.now();

    await fake.close();

    expect(Date.now() - startedMs).toBeLessThan(1_000);
    expect(await pending).toBe('connection closed');
    fake = await FakePlatformServer.start({ operatorId: OPERATOR_ID, secretKey: SECRET_KEY });
  });

  it('fakeJson writes lossless numbers exactly', () => {
    expect(fakeJson({ wins_sum: new LosslessNumber('3.30') })).toBe('{"wins_sum":3.30}');
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
