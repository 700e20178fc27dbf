import { fakeFetch, operationJson, playerJson } from '../testing/fake-fetch';
import { LocalValidationError } from '../input/input-errors';
import { ApiUnreachableReason, BackOfficeApiError, BackOfficeUnreachableError, ContractViolationError } from './back-office-api-error';
import { BackOfficeClient, RESPONSE_BODY_BYTES_MAX } from './back-office-client';

const BASE_URL = 'http://127.0.0.1:18081/back-office/v1/';
const API_KEY = 'test-admin-key-0000000000000000';

describe('the back-office client', () => {
  const clientWith = (fake: ReturnType<typeof fakeFetch>, requestTimeoutMs?: number) => new BackOfficeClient({ baseUrl: BASE_URL, apiKey: API_KEY, fetchFunction: fake.fetchFunction, requestTimeoutMs });

  it('sends the key as a bearer token, JSON bodies, a deadline, and refuses redirects', async () => {
    const fake = fakeFetch(() => ({ status: 200, body: operationJson() }));
    await clientWith(fake).deposit('p-1', { idempotencyKey: 'dep-00000001', amount: '100.10', reason: 'bank transfer 1' });
    const [request] = fake.requests;
    expect([request.method, request.url.href]).toEqual(['POST', 'http://127.0.0.1:18081/back-office/v1/players/p-1/deposits']);
    expect(request.headers).toMatchObject({ Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' });
    expect(request.body).toEqual({ idempotencyKey: 'dep-00000001', amount: '100.10', reason: 'bank transfer 1' });
    expect([request.redirect, request.hasTimeoutSignal]).toEqual(['error', true]);
  });

  it('encodes path segments and refuses one that would resolve to another path', async () => {
    const fake = fakeFetch(() => ({ status: 200, body: playerJson() }));
    await clientWith(fake).readPlayer('a/b?c');
    expect(fake.requests[0].url.pathname).toBe('/back-office/v1/players/a%2Fb%3Fc');
    await expect(clientWith(fake).readPlayer('..')).rejects.toBeInstanceOf(LocalValidationError);
    expect(fake.requests).toHaveLength(1);
  });

  it('sends only the query parameters given', async () => {
    const fake = fakeFetch(() => ({ status: 200, body: { items: [], nextCursor: null } }));
    await clientWith(fake).transactions('p-1', { type: 'BET', limit: 20, cursor: undefined, from: undefined });
    expect(fake.requests[0].url.search).toBe('?type=BET&limit=20');
  });

  it('passes the API’s refusal on with its code, message and fields', async () => {
    const body = { error: 'validation_failed', fields: [{ field: 'amount', problems: ['amount must be a positive decimal'] }] };
    const fake = fakeFetch(() => ({ status: 400, body }));
    const refused = await clientWith(fake).withdraw('p-1', { idempotencyKey: 'wd-00000001', amount: '1', reason: 'x' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BackOfficeApiError);
    expect(refused).toMatchObject({ httpStatus: 400, body, isValidationFailure: true, outcomeUnknown: false, bodyText: JSON.stringify(body) });
  });

  it('keeps the status of an error body that is not the API’s', async () => {
    const fake = fakeFetch(() => ({ status: 502, body: { statusCode: 502, message: 'Bad Gateway' } }));
    await expect(clientWith(fake).readPlayer('p-1')).rejects.toMatchObject({ httpStatus: 502, body: { error: 'http_502', message: 'Bad Gateway' }, outcomeUnknown: true });
  });

  it('reports a timeout as such (the request may have been applied)', async () => {
    const slow = new BackOfficeClient({
      baseUrl: BASE_URL,
      apiKey: API_KEY,
      requestTimeoutMs: 20,
      // A server that never answers: only the deadline ends the request.
      fetchFunction: (_input, init) => new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))),
    });
    await expect(slow.readPlayer('p-1')).rejects.toMatchObject({ reason: ApiUnreachableReason.Timeout, message: expect.stringContaining('no answer within 20 ms') });
  });

  it('reports a refused connection with its cause, and never the key', async () => {
    const fake = fakeFetch(() => Object.assign(new TypeError('fetch failed'), { cause: new Error('connect ECONNREFUSED 127.0.0.1:18081') }));
    const error = (await clientWith(fake).readPlayer('p-1').catch((caught: unknown) => caught)) as BackOfficeUnreachableError;
    expect([error.reason, error.message]).toEqual([ApiUnreachableReason.Network, 'GET /back-office/v1/players/p-1: fetch failed: connect ECONNREFUSED 127.0.0.1:18081']);
    expect(error.message).not.toContain(API_KEY);
  });

  it('refuses an answer that is not the API’s: HTML, or larger than the bound', async () => {
    const html = fakeFetch(() => ({ status: 200, text: '<html>login</html>', headers: { 'content-type': 'text/html' } }));
    await expect(clientWith(html).readPlayer('p-1')).rejects.toMatchObject({ reason: ApiUnreachableReason.UnexpectedResponse, message: expect.stringContaining('text/html') });
    const huge = fakeFetch(() => ({ status: 200, text: ' '.repeat(RESPONSE_BODY_BYTES_MAX + 1) }));
    await expect(clientWith(huge).readPlayer('p-1')).rejects.toMatchObject({ message: expect.stringContaining(`larger than ${RESPONSE_BODY_BYTES_MAX} bytes`) });
  });

  it('stops on an amount that arrives as a JSON number: it would already be a binary float', async () => {
    const fake = fakeFetch(() => ({ status: 200, text: JSON.stringify(playerJson()).replace('"balance":"100.10"', '"balance":100.1') }));
    await expect(clientWith(fake).readPlayer('p-1')).rejects.toBeInstanceOf(ContractViolationError);
    const limits = fakeFetch(() => ({ status: 200, body: { dailyWagerLimit: 10, dailyLossLimit: null, wageredToday: '0.00', netLossToday: '0.00' } }));
    await expect(clientWith(limits).readLimits('p-1')).rejects.toThrow('dailyWagerLimit is 10, not a decimal string or null');
  });

  it('takes 204 as done', async () => {
    const fake = fakeFetch(() => ({ status: 204 }));
    await expect(clientWith(fake).endSession('N'.repeat(30))).resolves.toBeUndefined();
    expect([fake.requests[0].method, fake.requests[0].url.pathname]).toEqual(['DELETE', `/back-office/v1/sessions/${'N'.repeat(30)}`]);
  });

  it('syncs every platform with an empty body, one with its id', async () => {
    const fake = fakeFetch(() => ({ status: 200, body: { results: [] } }));
    await clientWith(fake).syncCatalog();
    await clientWith(fake).syncCatalog('platform-x');
    expect(fake.requests.map((request) => request.body)).toEqual([{}, { platformId: 'platform-x' }]);
  });
});
