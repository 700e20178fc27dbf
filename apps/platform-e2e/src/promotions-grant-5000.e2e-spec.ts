import { createHash } from 'node:crypto';
import { FakeChoiceGamingProvider } from '@wallet-platform/choice-gaming-service-api/testing';
import { TEST_OPERATOR_ID, TestStack } from '@wallet-platform/test-stack';

const PORT_BASE = 18470;
const FAKE_PROVIDER_PORT = 18479;
const CG_PLATFORM_ID = 'choice-gaming-big';
const CG_SERVICE_KEY = 'cg-big-service-key-0123456789';
const ADMIN_KEY = 'promotions-big-admin-key-0123456789';
const REFERENCE = 'big5000';
const PLAYERS = 5_000;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

interface Settlement {
  readonly state: string;
  readonly players: Record<string, number>;
  readonly rejectionCodes: Record<string, number>;
  readonly roundsGranted: number;
}

/**
 * A campaign of 5,000 players through the stack as processes: the players' facts from the wallet,
 * the grant split into requests within the provider's 20,000-character rule, the promotions
 * service SIGKILLed once the provider has accepted a chunk, answers lost after the provider
 * accepted, and code 8 for one chunk: after the restart every other player is granted exactly once.
 */
describe('a 5,000-player campaign granted across a SIGKILL of the promotions service', () => {
  const stack = new TestStack(PORT_BASE);
  let fake: FakeChoiceGamingProvider;

  const backOffice = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${stack.promotionsUrl()}/back-office/v1/campaigns${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const settlement = async () => (await backOffice('GET', `/${REFERENCE}/settlement`)).body as unknown as Settlement;

  beforeAll(async () => {
    fake = await FakeChoiceGamingProvider.start({ port: FAKE_PROVIDER_PORT, privateKey: CG_SERVICE_KEY, platform: 8n, partnerId: 1n });
    stack.promotionsEnv = { BACK_OFFICE_API_KEYS: JSON.stringify([{ name: 'crm-e2e', role: 'admin', sha256: sha256(ADMIN_KEY) }]) };
    // The gateway's Hash key is not used here (no prize calls), but a Choice Gaming platform has one.
    stack.extraPlatforms.push({
      platformId: CG_PLATFORM_ID,
      protocol: 'choice-gaming',
      operatorId: TEST_OPERATOR_ID,
      hashKey: 'grant-5000-unused-hash-key',
      serviceApi: { url: fake.url, platform: 8, partnerId: 1, privateKey: CG_SERVICE_KEY, timeoutMs: 1000 },
    });
    await stack.start(0);
    // 5,000 active EUR players of the operator, straight into the wallet's table (the seed command
    // makes one per process), plus one blocked.
    await stack.walletQuery(
      `INSERT INTO players (operator_id, user_id, user_name, country, currency, status)
       SELECT $1, 'big-' || g, 'big-' || g, 'DE', 'EUR', 'active' FROM generate_series(1, $2::int) g`,
      [TEST_OPERATOR_ID, PLAYERS],
    );
    await stack.walletQuery(`INSERT INTO players (operator_id, user_id, user_name, country, currency, status) VALUES ($1, 'big-blocked', 'b', 'DE', 'EUR', 'blocked')`, [TEST_OPERATOR_ID]);
  });

  afterAll(async () => {
    await stack.stop();
    await fake?.stop();
  });

  it('given 5,000 players and a blocked one when added then the wallet\'s facts keep 5,000 and skip the blocked one', async () => {
    const created = await backOffice('POST', '', {
      reference: REFERENCE,
      name: 'Five thousand',
      provider: 'choice-gaming',
      platformId: CG_PLATFORM_ID,
      kind: 'freeRoundsByBet',
      gameId: '7',
      roundsCount: 5,
      betAmount: '0.50',
      currency: 'EUR',
      validUntil: new Date(Date.now() + 24 * 3600 * 1000).toISOString(),
    });
    expect(created.status).toBe(201);
    const ids = [...Array.from({ length: PLAYERS }, (_, i) => `big-${i + 1}`), 'big-blocked'];
    expect((await backOffice('POST', `/${REFERENCE}/players`, { playerIds: ids })).body).toMatchObject({ received: PLAYERS + 1, added: PLAYERS + 1, skipped: 1 });
  });

  it('when granted, killed after a chunk was accepted, restarted, then every player but the refused chunk is granted exactly once', async () => {
    const ref = (n: number) => `${REFERENCE}.${n}`;
    fake.inject({ kind: 'accept-then-time-out', holdMs: 1_500, when: (request) => request.externalReferenceIds.includes(ref(1500)), times: 1 });
    fake.inject({ kind: 'refuse-code-8', when: (request) => request.externalReferenceIds.includes(ref(2500)) });

    expect((await backOffice('POST', `/${REFERENCE}/grant`)).status).toBe(202);
    const deadline = Date.now() + 30_000;
    while (fake.grants.size === 0) {
      if (Date.now() > deadline) throw new Error('no chunk accepted within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await stack.killService('promotions');
    const grantedAtKill = fake.grants.size;
    expect(grantedAtKill).toBeLessThan(PLAYERS);

    // The restarted service resumes the campaign left granting; a run that leaves grants unknown is started again.
    await stack.startPromotions();
    let settled = await settlement();
    for (const end = Date.now() + 120_000; settled.state !== 'completed' || settled.players['unknown'] !== 0 || settled.players['pending'] !== 0; settled = await settlement()) {
      if (Date.now() > end) throw new Error(`not settled within 120 s: ${JSON.stringify(settled)}`);
      if (settled.state !== 'granting' || settled.players['unknown'] !== 0) await backOffice('POST', `/${REFERENCE}/grant`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    expect(fake.violations).toEqual([]);
    const refused = fake.requests.find((request) => request.externalReferenceIds.includes(ref(2500)));
    const refusedPlayers = new Set(refused?.playerIds ?? []);
    expect(refusedPlayers.size).toBeGreaterThan(0);
    const granted = fake.grantedPlayerIds();
    expect(new Set(granted).size).toBe(granted.length);
    expect(granted.length).toBe(PLAYERS - refusedPlayers.size);
    expect(granted.some((player) => refusedPlayers.has(player))).toBe(false);
    expect([...fake.grants.values()].every((grant) => grant.externalReferenceId === ref(Number(grant.playerId.slice(4))))).toBe(true);
    // Every request used the list form within the limit (the fake refuses more), by bet.
    expect(new Set(fake.requests.map((request) => `${request.action}/${request.form}`))).toEqual(new Set(['freeRoundsByBet/list']));
    expect(fake.replays.get(ref(1500))).toBeGreaterThanOrEqual(1);
    expect(settled.players).toMatchObject({ granted: PLAYERS - refusedPlayers.size, rejected: refusedPlayers.size, skipped: 1, unknown: 0, pending: 0 });
    expect(settled.rejectionCodes).toEqual({ '8': refusedPlayers.size });
    expect(settled.roundsGranted).toBe((PLAYERS - refusedPlayers.size) * 5);
  });
});
