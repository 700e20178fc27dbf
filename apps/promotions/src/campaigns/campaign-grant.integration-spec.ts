import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { FakeChoiceGamingProvider } from '@wallet-platform/choice-gaming-service-api/testing';
import { currencyCodeOf } from '@wallet-platform/money';
import { createScratchPromotionsDatabase } from '../testing/scratch-promotions-database';
import { CampaignsService } from './campaigns.service';
import { FreeRoundsKind } from './domain/campaign';
import type { FreeRoundsProvider } from './domain/free-rounds-provider.port';
import { PlayerStatus } from './domain/player-facts.port';
import { choiceGamingProviderFor, EUR, newCampaign, providersOf, startFakeProvider, TEST_PLATFORM_ID } from './testing/campaign-test-kit';
import { InMemoryPlayerFacts } from './testing/in-memory-player-facts';

/** In the promotions helper's port range (18450-18499). */
const FAKE_PROVIDER_PORT = 18451;
const FAST_RUN = { retryDelayBaseMs: 20, retryDelayMaxMs: 100 };

describe('campaign grants against the fake Choice Gaming provider (real PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof createScratchPromotionsDatabase>>;
  let fake: FakeChoiceGamingProvider;
  const facts = new InMemoryPlayerFacts();
  const activePlayers = (prefix: string, count: number): string[] =>
    Array.from({ length: count }, (_, i) => {
      const playerId = `${prefix}-${i + 1}`;
      facts.put(TEST_PLATFORM_ID, { playerId, status: PlayerStatus.Active, currency: EUR });
      return playerId;
    });
  const service = (provider: FreeRoundsProvider = choiceGamingProviderFor(fake), dataSource: DataSource = database.dataSource) => new CampaignsService(dataSource, facts, providersOf(provider));

  beforeAll(async () => {
    database = await createScratchPromotionsDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });
  beforeEach(async () => {
    fake = await startFakeProvider(FAKE_PROVIDER_PORT);
  });
  afterEach(async () => {
    await fake.stop();
  });

  it('given 3 active players and 3 who cannot play when granted with freeRounds then the 3 are granted once and the others skipped with their reason', async () => {
    const campaigns = service();
    await campaigns.create(newCampaign('three-players'));
    facts.put(TEST_PLATFORM_ID, { playerId: 'blocked-1', status: PlayerStatus.Blocked, currency: EUR });
    facts.put(TEST_PLATFORM_ID, { playerId: 'dollar-1', status: PlayerStatus.Active, currency: currencyCodeOf('USD') });
    const added = await campaigns.addPlayers('three-players', [...activePlayers('three', 3), 'blocked-1', 'dollar-1', 'stranger-1'], 'crm-test');
    expect(added).toEqual({ received: 6, added: 6, skipped: 3, alreadyInCampaign: 0 });
    expect(await campaigns.addPlayers('three-players', ['three-1'], 'crm-test')).toEqual({ received: 1, added: 0, skipped: 0, alreadyInCampaign: 1 });

    const result = await campaigns.startGrant('three-players', FAST_RUN);

    expect(result).toMatchObject({ finished: true, batchesSent: 1, counts: { granted: 3, skipped: 3, pending: 0, unknown: 0 } });
    expect(fake.violations).toEqual([]);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ action: 'freeRounds', form: 'list', playerIds: ['three-1', 'three-2', 'three-3'], externalReferenceIds: ['three-players.1', 'three-players.2', 'three-players.3'] });
    expect(await campaigns.settlement('three-players')).toEqual({
      campaign: 'three-players',
      state: 'completed',
      players: { total: 6, pending: 0, skipped: 3, granted: 3, rejected: 0, unknown: 0, played: 0, expired: 0, canceled: 0 },
      skipReasons: { blocked: 1, 'currency-mismatch': 1, 'unknown-player': 1 },
      rejectionCodes: {},
      roundsGranted: 30,
      costByCurrency: { EUR: '6.00' },
      winsByCurrency: { freeSpins: {}, promo: {}, tournament: {} },
      paidByCurrency: {},
    });

    // A second start sends nothing: the campaign is done.
    expect(await campaigns.startGrant('three-players', FAST_RUN)).toMatchObject({ finished: true, batchesSent: 0 });
    expect(fake.requests).toHaveLength(1);
  });

  it('given one player when granted with freeRoundsByBet then the single form with betAmount and gameId is sent', async () => {
    const campaigns = service();
    await campaigns.create(newCampaign('by-bet', { kind: FreeRoundsKind.FreeRoundsByBet, gameId: '77' }));
    await campaigns.addPlayers('by-bet', activePlayers('bybet', 1), 'crm-test');
    expect(await campaigns.startGrant('by-bet', FAST_RUN)).toMatchObject({ finished: true, counts: { granted: 1 } });
    expect(fake.violations).toEqual([]);
    expect(fake.requests[0]).toMatchObject({ action: 'freeRoundsByBet', form: 'single', playerIds: ['bybet-1'] });
    expect(fake.requests[0].data).toMatchObject({ gameId: '77', betAmount: { text: '0.2' }, numberOfFreeRounds: 10n });
  });

  it('given a batch left unknown by a run when the campaign is canceled then no new grant is sent but the next run still resolves that batch', async () => {
    const campaigns = service();
    await campaigns.create(newCampaign('cancel-unknown'));
    await campaigns.addPlayers('cancel-unknown', activePlayers('cu', 3), 'crm-test');
    fake.inject({ kind: 'accept-then-time-out', holdMs: 1_000, when: () => true, times: 5 });

    expect(await campaigns.startGrant('cancel-unknown', FAST_RUN)).toMatchObject({ finished: false, counts: { unknown: 3 } });
    await campaigns.addPlayers('cancel-unknown', activePlayers('cu-late', 1), 'crm-test');
    expect(await campaigns.cancel('cancel-unknown')).toEqual({ canceledGrants: 1, revokedGrants: 0, notRevoked: [], revokesLeft: 0 });

    expect(await campaigns.startGrant('cancel-unknown', FAST_RUN)).toMatchObject({ finished: true, counts: { granted: 3, unknown: 0, canceled: 1 } });
    expect(fake.grantedPlayerIds()).toEqual(['cu-1', 'cu-2', 'cu-3']);
    expect(fake.replays.get('cancel-unknown.1')).toBe(5);
    expect((await campaigns.get('cancel-unknown')).state).toBe('canceled');
  });

  it(
    'given 5,000 players, a run killed after the provider accepted a chunk, time-outs after accepting and code 8 for one chunk ' +
      'when the grant is run again then every request was within the limit and every other player granted exactly once',
    async () => {
      const reference = 'big-5000';
      await service().create(newCampaign(reference));
      const players = activePlayers('big', 5000);
      await service().addPlayers(reference, players, 'crm-test');
      const ref = (n: number) => `${reference}.${n}`;
      fake.inject({ kind: 'accept-then-time-out', holdMs: 1_000, when: (request) => request.externalReferenceIds.includes(ref(1500)), times: 1 });
      fake.inject({ kind: 'accept-then-time-out', holdMs: 1_000, when: (request) => request.externalReferenceIds.includes(ref(3500)), times: 2 });
      fake.inject({ kind: 'refuse-code-8', when: (request) => request.externalReferenceIds.includes(ref(2500)) });

      // The first run dies (as a killed process does) right after the provider accepted its third chunk.
      const doomed = await new DataSource({ ...database.dataSource.options, applicationName: 'promotions-doomed' } as never).initialize();
      const real = choiceGamingProviderFor(fake);
      let sent = 0;
      const dying: FreeRoundsProvider = {
        name: real.name,
        planBatches: (grants) => real.planBatches(grants),
        grant: async (campaign, batch, label) => {
          const outcome = await real.grant(campaign, batch, label);
          if (++sent < 3) return outcome;
          await killBackendsOf('promotions-doomed');
          return new Promise(() => undefined);
        },
      };
      void service(dying, doomed).startGrant(reference, FAST_RUN).catch(() => undefined);
      await waitFor(() => sent >= 3);
      await waitFor(async () => (await backendsOf('promotions-doomed')) === 0);
      expect(fake.grants.size).toBeGreaterThan(0);

      // The next run resumes: the stored batch is resent with the same references, the rest planned and sent.
      const progress: number[] = [];
      const result = await service().startGrant(reference, { ...FAST_RUN, onProgress: (p) => progress.push(p.counts.granted) });

      expect(fake.violations).toEqual([]);
      const rejectedChunk = fake.requests.find((request) => request.externalReferenceIds.includes(ref(2500)))!;
      expect(result.finished).toBe(true);
      expect(result.counts).toMatchObject({ granted: 5000 - rejectedChunk.playerIds.length, rejected: rejectedChunk.playerIds.length, unknown: 0, pending: 0 });
      // Exactly once at the provider: one grant per reference, each for its own player, none for the refused chunk.
      const granted = fake.grantedPlayerIds();
      expect(new Set(granted).size).toBe(granted.length);
      expect(granted.sort()).toEqual(players.filter((p) => !rejectedChunk.playerIds.includes(p)).sort());
      expect([...fake.grants.values()].every((grant) => grant.externalReferenceId === ref(Number(grant.playerId.slice(4))))).toBe(true);
      // The lost answers were resent (replays), not granted again.
      expect(fake.replays.get(ref(1500))).toBe(1);
      expect(fake.replays.get(ref(3500))).toBe(2);
      expect([...fake.replays.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3 * 2 + fake.requests.find((r) => r.externalReferenceIds.includes(ref(1500)))!.playerIds.length);
      // Every chunk was within 20,000 characters (the fake refuses more) and used the list form.
      expect(new Set(fake.requests.map((request) => request.form))).toEqual(new Set(['list']));
      expect(progress.at(-1)).toBe(result.counts.granted);

      const settlement = await service().settlement(reference);
      expect(settlement.rejectionCodes).toEqual({ '8': rejectedChunk.playerIds.length });
      expect(settlement.roundsGranted).toBe(result.counts.granted * 10);
      expect(settlement.costByCurrency).toEqual({ EUR: `${(result.counts.granted * 2).toString()}.00` });
      await doomed.destroy().catch(() => undefined);
    },
  );
});

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env['DATABASE_URL_ADMIN'] ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** What the database sees when a process is killed: its connections drop, its session locks go. */
async function killBackendsOf(applicationName: string): Promise<void> {
  await admin((client) => client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]));
}

async function backendsOf(applicationName: string): Promise<number> {
  return admin(async (client) => Number((await client.query('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [applicationName])).rows[0].n));
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
