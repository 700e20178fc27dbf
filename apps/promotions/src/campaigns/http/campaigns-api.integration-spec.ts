import { createHash } from 'node:crypto';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { json } from 'express';
import type { FakeChoiceGamingProvider } from '@wallet-platform/choice-gaming-service-api/testing';
import { JsonLogger, BackOfficeErrorFilter } from '@wallet-platform/service-kit';
import { promotionsOpenApiDocument } from '../../back-office/openapi/promotions-openapi';
import { promotionsDataSourceOptions } from '../../persistence/promotions-data-source';
import { createScratchPromotionsDatabase } from '../../testing/scratch-promotions-database';
import { CampaignsModule } from '../campaigns.module';
import { PlayerStatus } from '../domain/player-facts.port';
import { choiceGamingProviderFor, EUR, providersOf, startFakeProvider, TEST_PLATFORM_ID } from '../testing/campaign-test-kit';
import { InMemoryPlayerFacts } from '../testing/in-memory-player-facts';

/** In the promotions helper's port range (18450-18499). */
const API_PORT = 18452;
const FAKE_PROVIDER_PORT = 18453;
const ADMIN_KEY = 'promotions-admin-key-0123456789abcdef';
const SUPPORT_KEY = 'promotions-support-key-0123456789abcde';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('campaigns back-office API (real PostgreSQL, fake provider)', () => {
  let database: Awaited<ReturnType<typeof createScratchPromotionsDatabase>>;
  let fake: FakeChoiceGamingProvider;
  let app: INestApplication;
  const facts = new InMemoryPlayerFacts();
  const base = `http://127.0.0.1:${API_PORT}/back-office/v1/campaigns`;
  const call = async (method: string, path: string, body?: unknown, key = ADMIN_KEY) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const campaign = {
    reference: 'api-spring',
    name: 'Spring free spins',
    provider: 'choice-gaming',
    platformId: TEST_PLATFORM_ID,
    kind: 'freeRounds',
    gameId: '2',
    roundsCount: 25,
    betAmount: '0.10',
    currency: 'EUR',
    validUntil: new Date(Date.now() + 24 * 3600 * 1000).toISOString(),
  };

  beforeAll(async () => {
    database = await createScratchPromotionsDatabase();
    fake = await startFakeProvider(FAKE_PROVIDER_PORT);
    @Module({
      imports: [
        TypeOrmModule.forRoot(promotionsDataSourceOptions(database.url, 4)),
        CampaignsModule.forRoot({
          apiKeys: [
            { name: 'crm-admin', role: 'admin', sha256: Buffer.from(sha256(ADMIN_KEY), 'hex') },
            { name: 'crm-support', role: 'support', sha256: Buffer.from(sha256(SUPPORT_KEY), 'hex') },
          ],
          providers: providersOf(choiceGamingProviderFor(fake)),
          playerFacts: facts,
          logger: { event: () => undefined },
          grantRun: { retryDelayBaseMs: 20, retryDelayMaxMs: 100 },
          resumeOnStart: true,
        }),
      ],
    })
    class TestModule {}
    app = await NestFactory.create(TestModule, { logger: false, bodyParser: false });
    app.use('/back-office', json({ limit: 2 * 1024 * 1024 }));
    app.useGlobalFilters(new BackOfficeErrorFilter(new JsonLogger('promotions-test', 'error')));
    await app.listen(API_PORT, '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    await fake?.stop();
    await database?.drop();
  });

  it('given no key or a support key when creating then 401 and 403, and nothing is created', async () => {
    const anonymous = await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(campaign) });
    expect(anonymous.status).toBe(401);
    expect((await call('POST', '', campaign, SUPPORT_KEY)).status).toBe(403);
    expect((await call('GET', '/api-spring')).status).toBe(404);
  });

  it('given a bad bet or an unconfigured platform when creating then 400 naming the problem', async () => {
    const bad = await call('POST', '', { ...campaign, betAmount: '0.105' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'validation_failed', fields: [{ field: 'betAmount' }] });
    expect(await call('POST', '', { ...campaign, platformId: 'elsewhere' })).toMatchObject({ status: 400, body: { error: 'bad_request' } });
  });

  it('given a campaign when created, filled, granted and settled over HTTP then the settlement shows each player once and the cost', async () => {
    const created = await call('POST', '', campaign);
    expect(created).toMatchObject({ status: 201, body: { reference: 'api-spring', betAmount: '0.10', state: 'draft', createdBy: 'crm-admin' } });
    expect((await call('POST', '', campaign)).body).toMatchObject({ error: 'campaign_exists' });

    const playerIds = Array.from({ length: 1200 }, (_, i) => `api-player-${i}`);
    for (const playerId of playerIds) facts.put(TEST_PLATFORM_ID, { playerId, status: PlayerStatus.Active, currency: EUR });
    facts.put(TEST_PLATFORM_ID, { playerId: 'api-blocked', status: PlayerStatus.Blocked, currency: EUR });
    expect(await call('POST', '/api-spring/players', { playerIds: [...playerIds, 'api-blocked'] })).toEqual({
      status: 200,
      body: { received: 1201, added: 1201, skipped: 1, alreadyInCampaign: 0 },
    });

    expect(await call('POST', '/api-spring/grant')).toEqual({ status: 202, body: { started: true } });
    let settlement = (await call('GET', '/api-spring/settlement', undefined, SUPPORT_KEY)).body;
    for (let polls = 0; settlement['granting'] === true && polls < 600; polls++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      settlement = (await call('GET', '/api-spring/settlement', undefined, SUPPORT_KEY)).body;
    }
    expect(settlement).toEqual({
      campaign: 'api-spring',
      state: 'completed',
      granting: false,
      players: { total: 1201, pending: 0, skipped: 1, granted: 1200, rejected: 0, unknown: 0, played: 0, expired: 0, canceled: 0 },
      skipReasons: { blocked: 1 },
      rejectionCodes: {},
      roundsGranted: 30_000,
      costByCurrency: { EUR: '3000.00' },
      winsByCurrency: { freeSpins: {}, promo: {}, tournament: {} },
      paidByCurrency: {},
    });
    expect(fake.grants.size).toBe(1200);
    expect(fake.violations).toEqual([]);

    expect(await call('POST', '/api-spring/cancel')).toEqual({ status: 200, body: { canceledGrants: 0, revokedGrants: 0, notRevoked: [], revokesLeft: 0 } });
    expect((await call('POST', '/api-spring/players', { playerIds: ['late'] })).body).toMatchObject({ error: 'campaign_conflict' });
  });

  it('given the controllers when the OpenAPI document is made then every campaign operation is in it with bearer auth', () => {
    const document = promotionsOpenApiDocument(app);
    expect(Object.keys(document.paths).sort()).toEqual([
      '/back-office/v1/campaigns',
      '/back-office/v1/campaigns/{reference}',
      '/back-office/v1/campaigns/{reference}/cancel',
      '/back-office/v1/campaigns/{reference}/grant',
      '/back-office/v1/campaigns/{reference}/grants/{playerId}',
      '/back-office/v1/campaigns/{reference}/players',
      '/back-office/v1/campaigns/{reference}/settlement',
    ]);
  });
});
