import { createHash } from 'node:crypto';
import { FakeAggregatorServer } from '@wallet-platform/aggregator-client/testing';
import { FakeChoiceGamingProvider } from '@wallet-platform/choice-gaming-service-api/testing';
import { FakePlatformServer, fakeJson } from '@wallet-platform/platform-client/testing';
import { GamePlatform, PlatformClient, TEST_ADMIN_API_KEY, TEST_OPERATOR_ID, TEST_PLATFORM_ID, TEST_SECRET_KEY, TestStack, type SeededPlayer } from '@wallet-platform/test-stack';

const PORT_BASE = 18730;
const FAKE_PROVIDER_PORT = 18745;
const FAKE_AGGREGATOR_PORT = 18744;
const AGGREGATOR_ID = 'logs-agg';
const AGGREGATOR_KEY = 'logs-aggregator-api-key-0123456789';
const CG_PLATFORM_ID = 'cg-logs';
const CG_HASH_KEY = 'cg-logs-hash-key-0123456789abcdef';
const CG_SERVICE_KEY = 'cg-logs-service-key-0123456789abcdef';
/** A platform that is only configured: its key must not show either (e.g. in a dump of the configuration). */
const IDLE_SECRET_KEY = 'idle-platform-secret-key-0123456789';
const REFERENCE = 'logs-spins';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * No secret value of the platform registry appears in any log line of a run through every path
 * that uses one, at LOG_LEVEL=debug (the test stack's level): the Operator API both ways (inbound
 * signatures, a refused signature, outbound catalog sync and reconciliation), Choice Gaming both ways
 * (the Hash header of a prize and a refused one, the service API of a campaign grant), the
 * aggregator (a deposit, its catalog sync and a reconciliation, each with its Bearer key), start-up
 * and shutdown of every service. Each service's whole log file is scanned after the stack stopped.
 */
describe('no secret of the registry in any log line', () => {
  const stack = new TestStack(PORT_BASE, { BACK_OFFICE_API_KEYS: JSON.stringify([{ name: 'e2e-admin', role: 'admin', sha256: sha256(TEST_ADMIN_API_KEY) }]) });
  const secrets = [TEST_SECRET_KEY, CG_HASH_KEY, CG_SERVICE_KEY, IDLE_SECRET_KEY, AGGREGATOR_KEY];
  let platformApi: FakePlatformServer;
  let provider: FakeChoiceGamingProvider;
  let aggregator: FakeAggregatorServer;
  let operatorApi: GamePlatform;

  const call = async (url: string, method: string, body?: unknown) => {
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${TEST_ADMIN_API_KEY}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const promoWin = async (body: string, key = CG_HASH_KEY) => {
    const response = await fetch(`${stack.choiceGamingUrl(CG_PLATFORM_ID)}/promoWin`, { method: 'POST', headers: { 'Content-Type': 'application/json', Hash: sha256(key + body) }, body });
    return response.text();
  };

  beforeAll(async () => {
    platformApi = await FakePlatformServer.start({
      operatorId: TEST_OPERATOR_ID,
      secretKey: TEST_SECRET_KEY,
      fixtures: { games: fakeJson({ games: [{ id: 200, title: 'Game 200', platform: 'desktop', type: 'slots', enabled: 1, fun_mode: 1, campaigns: 0, vendor: 'v', created_at: '2024-05-10', details: {} }] }) },
    });
    provider = await FakeChoiceGamingProvider.start({ port: FAKE_PROVIDER_PORT, privateKey: CG_SERVICE_KEY, platform: 8n, partnerId: 1n });
    aggregator = await FakeAggregatorServer.start({ port: FAKE_AGGREGATOR_PORT, apiKey: AGGREGATOR_KEY });
    stack.platformApiBaseUrl = platformApi.baseUrl;
    stack.reconcileTestPlatform = true;
    stack.extraPlatforms.push(
      { platformId: CG_PLATFORM_ID, protocol: 'choice-gaming', operatorId: TEST_OPERATOR_ID, hashKey: CG_HASH_KEY, serviceApi: { url: provider.url, platform: 8, partnerId: 1, privateKey: CG_SERVICE_KEY } },
      {
        platformId: AGGREGATOR_ID,
        protocol: 'aggregator',
        api: { baseUrl: aggregator.baseUrl, apiKey: AGGREGATOR_KEY },
        currencies: ['EUR'],
        usernamePrefix: 'lg',
        reconciliation: { baseCurrency: 'EUR', operatorIds: [TEST_OPERATOR_ID] },
      },
      { platformId: 'idle-platform', protocol: 'operator-api', operators: [{ operatorId: 'idlecasino', secretKey: IDLE_SECRET_KEY }], api: { baseUrl: 'http://127.0.0.1:9/idle', gameLaunchBaseUrl: 'https://launch.idle.test/', reconcile: false } },
    );
    await stack.start(1);
    operatorApi = new GamePlatform(new PlatformClient(stack.gatewayUrl(0), TEST_OPERATOR_ID, TEST_SECRET_KEY));
  });

  afterAll(async () => {
    await stack.stop();
    await platformApi?.close();
    await provider?.stop();
    await aggregator?.close();
  });

  it('runs every path that uses a secret, then finds none of them in any log line', async () => {
    // The Operator API, inbound: signed calls, and one signed with a wrong key.
    const player: SeededPlayer = await stack.seedPlayer({ balance: '10.00' });
    expect((await operatorApi.changeBalance(player, 'BET', '1.00')).status).toBe('OK');
    expect((await operatorApi.changeBalance(player, 'WIN', '2.50')).status).toBe('OK');
    const forged = new GamePlatform(new PlatformClient(stack.gatewayUrl(0), TEST_OPERATOR_ID, 'not-the-secret-key-0000000000'));
    expect((await forged.changeBalance(player, 'WIN', '1.00')).status).not.toBe('OK');

    // The Operator API, outbound: the wallet's catalog sync, reporting's reconciliation of a day.
    const synced = await call(`${stack.backOfficeUrl()}/catalog/sync`, 'POST', { platformId: TEST_PLATFORM_ID });
    expect((synced.body['results'] as Array<{ outcome: string }>).map((result) => result.outcome)).toEqual(['ok']);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await call(`${stack.reportingUrl()}/reports/v1/reconciliations`, 'POST', { platformId: TEST_PLATFORM_ID, day: yesterday })).status).toBe(200);

    // The aggregator, outbound (its Bearer key): a deposit there, its catalog sync, a reconciliation of its day.
    const [{ id: walletPlayerId }] = await stack.walletQuery<{ id: string }>(`SELECT id FROM players WHERE user_id = $1`, [player.user_id]);
    const deposit = await call(`${stack.backOfficeUrl()}/players/${walletPlayerId}/aggregator-transfers`, 'POST', { aggregatorId: AGGREGATOR_ID, direction: 'deposit', amount: '2.00', idempotencyKey: 'logs-deposit-1' });
    expect([deposit.status, deposit.body['state']]).toEqual([200, 'posted']);
    const aggregatorSync = await call(`${stack.backOfficeUrl()}/catalog/aggregators/sync`, 'POST', { aggregatorId: AGGREGATOR_ID });
    expect((aggregatorSync.body['results'] as Array<{ outcome: string }>).map((result) => result.outcome)).toEqual(['ok']);
    expect((await call(`${stack.reportingUrl()}/reports/v1/reconciliations`, 'POST', { source: 'aggregator', platformId: AGGREGATOR_ID, day: yesterday })).status).toBe(200);

    // Choice Gaming, outbound: a campaign granted through the service API.
    const campaigns = `${stack.promotionsUrl()}/back-office/v1/campaigns`;
    const validUntil = new Date(Date.now() + 86_400_000).toISOString();
    const created = await call(campaigns, 'POST', { reference: REFERENCE, name: 'Logs', provider: 'choice-gaming', platformId: CG_PLATFORM_ID, kind: 'freeRounds', gameId: '2', roundsCount: 10, betAmount: '0.20', currency: 'EUR', validUntil });
    expect(created.status).toBe(201);
    expect((await call(`${campaigns}/${REFERENCE}/players`, 'POST', { playerIds: [player.user_id] })).body).toMatchObject({ added: 1, skipped: 0 });
    expect((await call(`${campaigns}/${REFERENCE}/grant`, 'POST')).status).toBeLessThan(300);
    const deadline = Date.now() + 30_000;
    while (provider.grants.size < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect([provider.grants.size, provider.violations]).toEqual([1, []]);

    // Choice Gaming, inbound: a prize with the right Hash, and one with a wrong key.
    const prize = `{"externalToken":"${player.token}","playerId":"${player.user_id}","gameId":"2","transactionId":"logs-1","externalReferenceId":"logs-ref-1","amount":1,"currency":"EUR"}`;
    expect(await promoWin(prize)).toMatch(/^\{"code":0,/);
    expect(await promoWin(prize.replace('logs-1', 'logs-2'), 'a-wrong-hash-key-000000000000')).toMatch(/^\{"code":8,/);

    await stack.stop();
    const logs = ['gateway-0', 'wallet', 'promotions', 'reporting'].map((name) => ({ name, lines: stack.logOf(name).split('\n').filter((line) => line !== '') }));
    // The scan means something only if the services logged at debug level through these paths.
    for (const { name, lines } of logs) {
      expect([name, lines.some((line) => line.includes('"level":"debug"'))]).toEqual([name, true]);
    }
    const found = logs.flatMap(({ name, lines }) => lines.flatMap((line, index) => secrets.filter((secret) => line.includes(secret)).map((secret) => `${name}:${index + 1} holds ${secret.slice(0, 6)}…`)));
    expect(found).toEqual([]);
  });
});
