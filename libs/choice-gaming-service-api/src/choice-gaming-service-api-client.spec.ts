import { currencyCodeOf, Money } from '@wallet-platform/money';
import { ChoiceGamingServiceApiClient, ServiceApiConfigError, type ServiceApiClock } from './choice-gaming-service-api-client';
import { FreeRoundsAction, type FreeRoundsGrant } from './free-rounds-request';
import type { ServiceApiHttpRequest, ServiceApiHttpResult, ServiceApiTransport } from './service-api-transport';

const PRIVATE_KEY = 'SuperSecretPrivateKey-77ab';
const CONFIG = { url: 'https://provider.test/serviceApi.php', platform: 8n, partnerId: 1n, privateKey: PRIVATE_KEY };
const GRANT: FreeRoundsGrant = {
  action: FreeRoundsAction.FreeRounds,
  players: [{ playerId: 'p1', externalReferenceId: 'camp.1' }],
  validUntil: new Date('2026-12-31T00:00:00Z'),
  roundsCount: 10,
  bet: Money.parseOrThrow('0.20', 2, currencyCodeOf('EUR')),
  gameId: '2',
};
const CONTEXT = { campaign: 'spring-2026', chunk: '3' };

/** Answers from a script, one per attempt, and keeps what was sent. */
class ScriptedTransport implements ServiceApiTransport {
  readonly sent: ServiceApiHttpRequest[] = [];
  constructor(private readonly script: ServiceApiHttpResult[]) {}
  async post(request: ServiceApiHttpRequest): Promise<ServiceApiHttpResult> {
    this.sent.push(request);
    const next = this.script.shift();
    if (next === undefined) throw new Error('script exhausted');
    return next;
  }
}

const ok = (text: string): ServiceApiHttpResult => ({ kind: 'answered', httpStatus: 200, body: Buffer.from(text) });

function clockFrom(startMs: number): ServiceApiClock & { sleeps: number[] } {
  let nowMs = startMs;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => new Date(nowMs),
    sleep: async (durationMs) => {
      sleeps.push(durationMs);
      nowMs += Math.max(durationMs, 1000);
    },
    random: () => 0.5,
  };
}

describe('Choice Gaming service-API client', () => {
  it('given a timeout and then code 0 when granting then the retry is the same data, freshly signed, and the reference is kept', async () => {
    const transport = new ScriptedTransport([{ kind: 'timeout' }, ok('{"code":0,"message":"ok","data":{"referenceId":"R-1"}}')]);
    const clock = clockFrom(Date.parse('2026-05-01T10:00:00Z'));
    const client = new ChoiceGamingServiceApiClient(CONFIG, transport, { retryDelayBaseMs: 100, retryDelayMaxMs: 400 }, clock);
    expect(await client.grant(GRANT, CONTEXT)).toEqual({ kind: 'granted', referenceId: 'R-1', attempts: 2 });
    const [first, second] = transport.sent.map((request) => JSON.parse(request.body) as { time: string; hash: string; data: unknown });
    expect(second.data).toEqual(first.data);
    expect(second.time).not.toBe(first.time);
    expect(second.hash).not.toBe(first.hash);
    expect(clock.sleeps).toEqual([75]);
  });

  it('given code 8 when granting then it is refused at once, and the error names the campaign and the chunk', async () => {
    const transport = new ScriptedTransport([ok('{"code":8,"message":"hash not valid","data":null}')]);
    const outcome = await new ChoiceGamingServiceApiClient(CONFIG, transport, {}, clockFrom(0)).grant(GRANT, CONTEXT);
    if (outcome.kind !== 'refused') throw new Error(`expected refused, got ${outcome.kind}`);
    expect(outcome.error.message).toBe('Choice Gaming refused the free rounds of campaign spring-2026, chunk 3: code 8 (hash not valid)');
    expect(outcome.error.code).toBe(8);
    expect(transport.sent).toHaveLength(1);
  });

  it('given no decision in any attempt when granting then the outcome is unknown after attemptsMax, with bounded growing delays', async () => {
    const transport = new ScriptedTransport([
      { kind: 'answered', httpStatus: 503, body: Buffer.alloc(0) },
      { kind: 'failed', reason: 'ECONNRESET' },
      ok('{"code":77}'),
      { kind: 'timeout' },
    ]);
    const clock = clockFrom(0);
    const outcome = await new ChoiceGamingServiceApiClient(CONFIG, transport, { attemptsMax: 4, retryDelayBaseMs: 100, retryDelayMaxMs: 300 }, clock).grant(GRANT, CONTEXT);
    expect(outcome).toEqual({ kind: 'unknown', reason: 'campaign spring-2026, chunk 3: no complete answer within 10000 ms', attempts: 4 });
    expect(clock.sleeps).toEqual([75, 150, 225]);
  });

  it('given any outcome when the client or its errors are shown then the private key is nowhere', async () => {
    const transport = new ScriptedTransport([ok('{"code":9,"message":"platform not valid"}')]);
    const client = new ChoiceGamingServiceApiClient(CONFIG, transport, {}, clockFrom(0));
    const outcome = await client.grant(GRANT, CONTEXT);
    const shown = `${JSON.stringify(client)} ${JSON.stringify(outcome)} ${outcome.kind === 'refused' ? String(outcome.error.stack) : ''} ${String(Object.values(client))}`;
    expect(shown).not.toContain(PRIVATE_KEY);
    expect(transport.sent[0].body).not.toContain(PRIVATE_KEY);
  });

  it.each([
    ['a ftp url', { url: 'ftp://x/serviceApi.php' }],
    ['credentials in the url', { url: 'https://user:pw@x/serviceApi.php' }],
    ['platform 0', { platform: 0n }],
    ['a short key', { privateKey: 'short' }],
  ])('given %s when configured then it is refused', (_case, change) => {
    expect(() => new ChoiceGamingServiceApiClient({ ...CONFIG, ...change }, new ScriptedTransport([]))).toThrow(ServiceApiConfigError);
  });
});
