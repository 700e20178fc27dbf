import { createHash } from 'node:crypto';
import { currencyCodeOf, Money } from '@wallet-platform/money';
import { ChoiceGamingServiceApiClient } from '../choice-gaming-service-api-client';
import { FreeRoundsAction, type FreeRoundsGrant } from '../free-rounds-request';
import { OutboundHttpServiceApiTransport } from '../service-api-transport';
import { FakeChoiceGamingProvider } from './fake-choice-gaming-provider';

/** In the promotions helper's port range (18450-18499). */
const PORT = 18450;
const PRIVATE_KEY = 'fake-provider-private-key-0001';
const IDENTITY = { platform: 8n, partnerId: 1n };
const players = (count: number) => Array.from({ length: count }, (_, i) => ({ playerId: `p/${i}-é`, externalReferenceId: `camp-1.${i}` }));
const grantFor = (action: FreeRoundsAction, count: number): FreeRoundsGrant => ({
  action,
  players: players(count),
  validUntil: new Date('2026-12-31T23:59:59Z'),
  roundsCount: 40,
  bet: Money.parseOrThrow('0.10', 2, currencyCodeOf('EUR')),
  gameId: '2',
});
const CONTEXT = { campaign: 'camp-1', chunk: '1' };

describe('the client against the fake Choice Gaming provider, over HTTP', () => {
  let fake: FakeChoiceGamingProvider;
  const client = (options = {}) =>
    new ChoiceGamingServiceApiClient({ url: fake.url, privateKey: PRIVATE_KEY, ...IDENTITY }, new OutboundHttpServiceApiTransport('choice-gaming-test'), { retryDelayBaseMs: 10, retryDelayMaxMs: 20, ...options });

  beforeEach(async () => {
    fake = await FakeChoiceGamingProvider.start({ port: PORT, privateKey: PRIVATE_KEY, ...IDENTITY });
  });
  afterEach(async () => {
    await fake.stop();
  });

  it('given 3 players with freeRounds when granted then the provider accepts the list form and grants each once', async () => {
    const outcome = await client().grant(grantFor(FreeRoundsAction.FreeRounds, 3), CONTEXT);
    expect(outcome).toEqual({ kind: 'granted', referenceId: 'cg-1', attempts: 1 });
    expect(fake.violations).toEqual([]);
    expect(fake.requests.map((request) => request.form)).toEqual(['list']);
    expect(fake.grantedPlayerIds()).toEqual(['p/0-é', 'p/1-é', 'p/2-é']);
  });

  it('given one player with freeRoundsByBet when granted then the single form is accepted', async () => {
    const outcome = await client().grant(grantFor(FreeRoundsAction.FreeRoundsByBet, 1), CONTEXT);
    expect(outcome.kind).toBe('granted');
    expect(fake.violations).toEqual([]);
    expect(fake.requests[0]).toMatchObject({ form: 'single', action: 'freeRoundsByBet', playerIds: ['p/0-é'] });
    expect(fake.requests[0].data['betAmount']).toMatchObject({ text: '0.1' });
  });

  it('given a body signed over its own bytes rather than PHP\'s json_encode form when sent then the provider answers 8', async () => {
    // What a naive client does: JSON.stringify and sign that. PHP re-encodes "0.10" as 0.1 and "/" as "\/".
    const data = '{"playerId":"p/1","externalReferenceId":"r1","freeRoundValidity":"31-12-2026 23:59:59","numberOfFreeRounds":40,"amount":0.10,"currency":"EUR","gameIds":["2"]}';
    const time = '01-05-2026 10:00:00';
    const hash = createHash('sha256').update(`${PRIVATE_KEY}${time}${data}`).digest('hex');
    const body = `{"action":"freeRounds","platform":8,"partnerId":1,"time":"${time}","data":${data},"hash":"${hash}"}`;
    const result = await new OutboundHttpServiceApiTransport('choice-gaming-test').post({ url: fake.url, body, timeoutMs: 2000, responseBytesMax: 4096 });
    expect(result.kind === 'answered' && Buffer.from(result.body).toString()).toBe('{"code":8,"message":"hash not valid","data":null}');
    expect(fake.grants.size).toBe(0);
  });

  it('given a wrong partner when granting then the provider answers 9 and the refusal is final', async () => {
    const wrong = new ChoiceGamingServiceApiClient({ url: fake.url, privateKey: PRIVATE_KEY, platform: 8n, partnerId: 2n }, new OutboundHttpServiceApiTransport('choice-gaming-test'));
    const outcome = await wrong.grant(grantFor(FreeRoundsAction.FreeRounds, 2), CONTEXT);
    expect(outcome.kind === 'refused' && outcome.error.code).toBe(9);
    expect(fake.requests).toHaveLength(0);
  });

  it('given the provider accepts and then times out when granting then the retry is the same grant: granted once, replayed once', async () => {
    fake.inject({ kind: 'accept-then-time-out', holdMs: 1_000, when: () => true, times: 1 });
    const outcome = await client({ timeoutMs: 200, attemptsMax: 2 }).grant(grantFor(FreeRoundsAction.FreeRounds, 3), CONTEXT);
    expect(outcome).toEqual({ kind: 'granted', referenceId: 'cg-2', attempts: 2 });
    expect(fake.grants.size).toBe(3);
    expect([...fake.replays.values()]).toEqual([1, 1, 1]);
    // Each attempt was signed for its own time (within one second the two may coincide).
    expect(fake.requests.map((request) => request.externalReferenceIds)).toEqual([['camp-1.0', 'camp-1.1', 'camp-1.2'], ['camp-1.0', 'camp-1.1', 'camp-1.2']]);
    expect(fake.violations).toEqual([]);
  });

  it('given the provider always times out when granting then the outcome is unknown after the bounded attempts', async () => {
    fake.inject({ kind: 'accept-then-time-out', holdMs: 1_000, when: () => true });
    const outcome = await client({ timeoutMs: 100, attemptsMax: 2 }).grant(grantFor(FreeRoundsAction.FreeRounds, 1), CONTEXT);
    expect(outcome).toEqual({ kind: 'unknown', reason: 'campaign camp-1, chunk 1: no complete answer within 100 ms', attempts: 2 });
  });

  it('given code 8 injected for a chunk when granting then it is refused and nothing is granted', async () => {
    fake.inject({ kind: 'refuse-code-8', when: (request) => request.externalReferenceIds.includes('camp-1.1') });
    const outcome = await client().grant(grantFor(FreeRoundsAction.FreeRounds, 3), { campaign: 'camp-1', chunk: '7' });
    expect(outcome.kind === 'refused' && outcome.error.message).toBe('Choice Gaming refused the free rounds of campaign camp-1, chunk 7: code 8 (hash not valid)');
    expect(fake.grants.size).toBe(0);
  });
});
