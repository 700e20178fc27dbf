import { createHash } from 'node:crypto';
import { FakeChoiceGamingProvider } from '@wallet-platform/choice-gaming-service-api/testing';
import { GamePlatform, PlatformClient, TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack, type SeededPlayer } from '@wallet-platform/test-stack';

const PORT_BASE = 18490;
const FAKE_PROVIDER_PORT = 18499;
const CG_PLATFORM_ID = 'choice-gaming-wins';
const CG_WALLET_KEY = 'cg-wins-wallet-key-0123456789';
const CG_SERVICE_KEY = 'cg-wins-service-key-0123456789';
const ADMIN_KEY = 'promotions-e2e-admin-key-0123456789';
const REFERENCE = 'winter-spins';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

interface Settlement {
  readonly state: string;
  readonly players: Record<string, number>;
  readonly skipReasons: Record<string, number>;
  readonly winsByCurrency: { freeSpins: Record<string, string>; promo: Record<string, string>; tournament: Record<string, string> };
  readonly paidByCurrency: Record<string, string>;
}

/**
 * A campaign's whole life on the real stack: players checked against the wallet (player facts over
 * Kafka), granted through a fake Choice Gaming provider that checks every request as the provider
 * does, then played: a PROMO-FREESPIN win through the Operator API and a /promoWin on a grant both
 * show in the campaign's settlement.
 */
describe('a campaign granted, played and settled', () => {
  const stack = new TestStack(PORT_BASE);
  let fake: FakeChoiceGamingProvider;
  let operatorApi: GamePlatform;
  const players: SeededPlayer[] = [];

  const backOffice = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${stack.promotionsUrl()}/back-office/v1/campaigns${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const settlement = async () => (await backOffice('GET', `/${REFERENCE}/settlement`)).body as unknown as Settlement;
  const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`${what} not within 30 s: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const promoWin = async (body: string) => {
    const response = await fetch(`${stack.choiceGamingUrl(CG_PLATFORM_ID)}/promoWin`, { method: 'POST', headers: { 'Content-Type': 'application/json', Hash: sha256(CG_WALLET_KEY + body) }, body });
    return response.text();
  };

  beforeAll(async () => {
    fake = await FakeChoiceGamingProvider.start({ port: FAKE_PROVIDER_PORT, privateKey: CG_SERVICE_KEY, platform: 8n, partnerId: 1n });
    stack.promotionsEnv = { BACK_OFFICE_API_KEYS: JSON.stringify([{ name: 'crm-e2e', role: 'admin', sha256: sha256(ADMIN_KEY) }]) };
    stack.extraPlatforms.push({
      platformId: CG_PLATFORM_ID,
      protocol: 'choice-gaming',
      operatorId: TEST_OPERATOR_ID,
      hashKey: CG_WALLET_KEY,
      serviceApi: { url: fake.url, platform: 8, partnerId: 1, privateKey: CG_SERVICE_KEY },
    });
    await stack.start(0);
    await stack.startGateway(0);
    operatorApi = new GamePlatform(new PlatformClient(stack.gatewayUrl(0), TEST_OPERATOR_ID, TEST_SECRET_KEY));
    for (let i = 0; i < 3; i++) players.push(await stack.seedPlayer({ balance: '10.00' }));
  });

  afterAll(async () => {
    const report = await stack.checkLedger();
    await stack.stop();
    await fake?.stop();
    expect(report.ok).toBe(true);
  });

  it('given 3 players, a blocked one, one of another currency and an unknown id when added then the wallet\'s facts decide: 3 added, 3 skipped with their reason', async () => {
    const blocked = await stack.seedPlayer({ blocked: true });
    const dollars = await stack.seedPlayer({ currency: 'USD' });
    const created = await backOffice('POST', '', {
      reference: REFERENCE,
      name: 'Winter free spins',
      provider: 'choice-gaming',
      platformId: CG_PLATFORM_ID,
      kind: 'freeRounds',
      gameId: '2',
      roundsCount: 10,
      betAmount: '0.20',
      currency: 'EUR',
      validUntil: new Date(Date.now() + 24 * 3600 * 1000).toISOString(),
    });
    expect(created.status).toBe(201);
    const added = await backOffice('POST', `/${REFERENCE}/players`, { playerIds: [...players.map((p) => p.user_id), blocked.user_id, dollars.user_id, 'nobody-at-all'] });
    expect(added.body).toMatchObject({ received: 6, added: 6, skipped: 3 });
    expect((await settlement()).skipReasons).toEqual({ blocked: 1, 'currency-mismatch': 1, 'unknown-player': 1 });
  });

  it('when granted then the provider holds exactly the 3 grants and the campaign completes', async () => {
    expect((await backOffice('POST', `/${REFERENCE}/grant`)).status).toBeLessThan(300);
    const done = await until(settlement, (s) => s.state === 'completed', 'campaign completed');
    expect(done.players).toMatchObject({ granted: 3, skipped: 3, unknown: 0, rejected: 0 });
    expect(fake.grants.size).toBe(3);
    expect(fake.violations).toEqual([]);
  });

  it('given a PROMO-FREESPIN WIN naming the campaign when paid through the Operator API then the settlement shows it as a free-spin win and the grant played', async () => {
    const player = players[0] as SeededPlayer;
    const win = await operatorApi.changeBalance(player, 'WIN', '12.30', { context: `{"reason":"PROMO-FREESPIN","campaign_code":"${REFERENCE}"}` });
    expect(win.status).toBe('OK');
    // A SPIN win of the same player is not the campaign's.
    expect((await operatorApi.changeBalance(player, 'WIN', '1.00')).status).toBe('OK');
    const shown = await until(settlement, (s) => s.winsByCurrency.freeSpins['EUR'] !== undefined, 'free-spin win attributed');
    expect(shown.winsByCurrency).toEqual({ freeSpins: { EUR: '12.30' }, promo: {}, tournament: {} });
    expect(shown.paidByCurrency).toEqual({ EUR: '12.30' });
    expect(shown.players).toMatchObject({ granted: 2, played: 1 });
  });

  it('given a /promoWin on a player\'s grant when paid then it is tied to the campaign (the wallet\'s credit names it) and shows as a promo win', async () => {
    const player = players[1] as SeededPlayer;
    const [grant] = await stack.promotionsQuery<{ external_reference_id: string }>(`SELECT external_reference_id FROM campaign_grants WHERE player_id = $1`, [player.user_id]);
    const reference = grant?.external_reference_id as string;
    const body = `{"externalToken":"${player.token}","playerId":"${player.user_id}","gameId":"2","transactionId":"pw-1","externalReferenceId":"${reference}","amount":5,"currency":"EUR"}`;
    expect(await promoWin(body)).toMatch(/^\{"code":0,"message":"ok","data":\{"balance":15\.00,"currency":"EUR","awardId":"award-\d+"\}\}$/);
    const shown = await settlement();
    expect(shown.winsByCurrency).toEqual({ freeSpins: { EUR: '12.30' }, promo: { EUR: '5.00' }, tournament: {} });
    expect(shown.paidByCurrency).toEqual({ EUR: '17.30' });
    expect(shown.players).toMatchObject({ granted: 1, played: 2 });
    expect(await stack.walletQuery(`SELECT campaign_code, amount::text AS amount FROM promotion_credits WHERE user_id = $1`, [player.user_id])).toEqual([{ campaign_code: REFERENCE, amount: '5.00' }]);
  });

  it('given the grant reference of one player when another player\'s /promoWin names it then 106 and nothing moves', async () => {
    const [owner, thief] = [players[2] as SeededPlayer, players[1] as SeededPlayer];
    const [grant] = await stack.promotionsQuery<{ external_reference_id: string }>(`SELECT external_reference_id FROM campaign_grants WHERE player_id = $1`, [owner.user_id]);
    const body = `{"externalToken":"${thief.token}","playerId":"${thief.user_id}","gameId":"2","transactionId":"pw-2","externalReferenceId":"${grant?.external_reference_id}","amount":5,"currency":"EUR"}`;
    expect(await promoWin(body)).toBe('{"code":106,"message":"reference not valid","data":null}');
    expect((await settlement()).paidByCurrency).toEqual({ EUR: '17.30' });
    expect(await operatorApi.balance(thief)).toBe('15.00');
  });
});
