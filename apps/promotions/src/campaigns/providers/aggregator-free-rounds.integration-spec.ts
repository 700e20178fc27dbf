import { aggregatorUsernameFor } from '@wallet-platform/aggregator-client';
import type { FakeAggregatorServer } from '@wallet-platform/aggregator-client/testing';
import { Agent } from 'undici';
import { createScratchPromotionsDatabase } from '../../testing/scratch-promotions-database';
import { CampaignsService } from '../campaigns.service';
import type { FreeRoundsProviders } from '../domain/free-rounds-provider.port';
import { PlayerStatus } from '../domain/player-facts.port';
import {
  aggregatorSettingsFor,
  newAggregatorCampaign,
  startFakeAggregator,
  TEST_AGGREGATOR_GAME,
  TEST_AGGREGATOR_ID,
  TEST_AGGREGATOR_OPERATOR,
  TEST_USERNAME_PREFIX,
} from '../testing/aggregator-campaign-test-kit';
import { EUR } from '../testing/campaign-test-kit';
import { InMemoryPlayerFacts } from '../testing/in-memory-player-facts';
import { AggregatorFreeRoundsProvider } from './aggregator-free-rounds.provider';
import { withAggregatorProviders } from './free-rounds-providers-config';

/** In this helper's port range (18830-18859). */
const FAKE_AGGREGATOR_PORT = 18831;
const FAST_RUN = { retryDelayBaseMs: 20, retryDelayMaxMs: 100 };
const NO_CHOICE_GAMING: FreeRoundsProviders = { providerFor: () => null };

describe('aggregator free-round campaigns against the fake aggregator (real PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof createScratchPromotionsDatabase>>;
  let fake: FakeAggregatorServer;
  let dispatcher: Agent;
  const facts = new InMemoryPlayerFacts();
  const usernameOf = (playerId: string): string => aggregatorUsernameFor(TEST_USERNAME_PREFIX, TEST_AGGREGATOR_OPERATOR, `w-${playerId}`);
  const playersNamed = (...playerIds: string[]): string[] => {
    for (const playerId of playerIds) facts.put(TEST_AGGREGATOR_ID, { playerId, status: PlayerStatus.Active, currency: EUR });
    return playerIds;
  };
  const service = (arrivalMarginMs = 60_000): CampaignsService =>
    new CampaignsService(database.dataSource, facts, withAggregatorProviders(NO_CHOICE_GAMING, [aggregatorSettingsFor(fake, dispatcher)], facts, { arrivalMarginMs }));
  const freeRoundBodies = (): Record<string, unknown>[] => fake.requestsTo('freeRound').map((request) => JSON.parse(request.bodyText) as Record<string, unknown>);

  beforeAll(async () => {
    database = await createScratchPromotionsDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });
  beforeEach(async () => {
    fake = await startFakeAggregator(FAKE_AGGREGATOR_PORT);
    dispatcher = new Agent({ connections: 4 });
  });
  afterEach(async () => {
    await dispatcher.close();
    await fake.close();
  });

  it('given two players when the campaign is granted then each has one free round at the aggregator under its wallet username, and canceling cancels both there', async () => {
    const campaigns = service();
    await campaigns.create(newAggregatorCampaign('agg-create'));
    await campaigns.addPlayers('agg-create', playersNamed('ann', 'bob'), 'crm-test');

    const run = await campaigns.startGrant('agg-create', FAST_RUN);

    expect(run).toMatchObject({ finished: true, batchesSent: 2, counts: { granted: 2, unknown: 0, rejected: 0 } });
    expect(fake.freeRounds).toEqual([
      { freeGameId: '263545', bonusCode: 'agg-create.1', username: usernameOf('ann'), currency: 'EUR', rounds: 10, canceled: false },
      { freeGameId: '263546', bonusCode: 'agg-create.2', username: usernameOf('bob'), currency: 'EUR', rounds: 10, canceled: false },
    ]);
    expect(freeRoundBodies()[0]).toMatchObject({ currency: 'EUR', bonusCode: 'agg-create.1', username: usernameOf('ann'), gameId: TEST_AGGREGATOR_GAME, rounds: 10, betAmount: '0.20' });
    expect(await campaigns.grantOf('agg-create', 'ann')).toMatchObject({ state: 'granted', externalReferenceId: 'agg-create.1', providerReference: 'id:263545 code:code-263545', batch: { sends: 1, state: 'granted' } });
    expect((await campaigns.settlement('agg-create')).players).toMatchObject({ total: 2, granted: 2 });

    const canceled = await campaigns.cancel('agg-create');

    expect(canceled).toEqual({ canceledGrants: 0, revokedGrants: 2, notRevoked: [], revokesLeft: 0 });
    expect(fake.freeRounds.map((grant) => grant.canceled)).toEqual([true, true]);
    expect(JSON.parse(fake.requestsTo('cancelFreeRound')[0]?.bodyText ?? '{}')).toEqual({ currency: 'EUR', username: usernameOf('ann'), gameId: TEST_AGGREGATOR_GAME, freeRoundId: '263545', freeRoundCode: 'code-263545' });
    expect((await campaigns.settlement('agg-create')).players).toMatchObject({ granted: 0, canceled: 2 });
    expect((await campaigns.get('agg-create')).state).toBe('canceled');
    // Canceling again asks nothing more: no granted grant is left.
    expect(await campaigns.cancel('agg-create')).toEqual({ canceledGrants: 0, revokedGrants: 0, notRevoked: [], revokesLeft: 0 });
    expect(fake.requestsTo('cancelFreeRound')).toHaveLength(2);
  });

  it('given the answer to freeRound is lost after the aggregator granted when the run goes on then getFreeRound finds it and no second freeRound is sent', async () => {
    const campaigns = service();
    await campaigns.create(newAggregatorCampaign('agg-lost'));
    await campaigns.addPlayers('agg-lost', playersNamed('cid'), 'crm-test');
    fake.inject('freeRound', { kind: 'lose-answer-after-apply' });

    const run = await campaigns.startGrant('agg-lost', FAST_RUN);

    expect(run).toMatchObject({ finished: true, counts: { granted: 1, unknown: 0 } });
    expect(fake.requestsTo('freeRound')).toHaveLength(1);
    expect(fake.requestsTo('getFreeRound')).toHaveLength(1);
    expect(fake.freeRounds).toHaveLength(1);
    // Found by bonusCode in ppResult: the aggregator's freeGameId is not in that answer.
    expect(await campaigns.grantOf('agg-lost', 'cid')).toMatchObject({ state: 'granted', providerReference: 'found:pp', batch: { sends: 2 } });
    expect(await campaigns.cancel('agg-lost')).toMatchObject({ revokedGrants: 0, notRevoked: [{ playerId: 'cid', outcome: 'refused' }] });
    expect(fake.freeRounds[0]?.canceled).toBe(false);
  });

  it('given a lost freeRound that getFreeRound shows absent then nothing is sent inside the arrival margin, and it is sent once after it', async () => {
    playersNamed('dan');
    const lostAt = new Date('2026-12-02T10:00:00Z');
    let now = new Date(lostAt.getTime() + 59_000);
    const provider = new AggregatorFreeRoundsProvider(aggregatorSettingsFor(fake, dispatcher), facts, { arrivalMarginMs: 60_000, now: () => now });
    const grant = { playerId: 'dan', externalReferenceId: 'agg-absent.1' };
    const terms = newAggregatorCampaign('agg-absent');

    // The fake never saw the lost call: getFreeRound answers no round of ours.
    const early = await provider.grant(terms, [grant], 'agg-absent#1', { lastAttemptAt: lostAt });
    expect(early).toEqual({ kind: 'unknown', reason: expect.stringContaining('waiting 60000 ms before sending again') });
    expect([fake.requestsTo('getFreeRound').length, fake.requestsTo('freeRound').length]).toEqual([1, 0]);

    now = new Date(lostAt.getTime() + 60_000);
    const late = await provider.grant(terms, [grant], 'agg-absent#1', { lastAttemptAt: lostAt });
    expect(late).toEqual({ kind: 'granted', providerReference: expect.stringMatching(/^id:\d+ code:/) });
    expect(freeRoundBodies().map((body) => [body['bonusCode'], body['username']])).toEqual([['agg-absent.1', usernameOf('dan')]]);

    // Asked again (a run read back open): now found by its bonusCode, never sent a second time.
    expect(await provider.grant(terms, [grant], 'agg-absent#1', { lastAttemptAt: now })).toEqual({ kind: 'granted', providerReference: 'found:pp' });
    expect(fake.requestsTo('freeRound')).toHaveLength(1);
    expect(fake.freeRounds).toHaveLength(1);
  });

  it('given getFreeRound answers a provider shape without bonusCodes when the grant is unknown then it stays unknown and is never sent again', async () => {
    const campaigns = service(0);
    await campaigns.create(newAggregatorCampaign('agg-unsure'));
    await campaigns.addPlayers('agg-unsure', playersNamed('eve'), 'crm-test');
    fake.inject('freeRound', { kind: 'http-status', httpStatus: 502 });
    fake.injectWith('getFreeRound', () => ({
      kind: 'raw-answer',
      bodyText: JSON.stringify({ ok: true, result: { ppResult: null, pgResult: { totalCount: 1, totalPage: 1, result: [{ freeGameId: 263545, playerName: 'x-EUR', status: 1 }] } } }),
    }));

    const run = await campaigns.startGrant('agg-unsure', FAST_RUN);

    expect(run).toMatchObject({ finished: false, counts: { unknown: 1, granted: 0 } });
    expect(fake.requestsTo('freeRound')).toHaveLength(1);
    expect(await campaigns.grantOf('agg-unsure', 'eve')).toMatchObject({ state: 'unknown', batch: { state: 'unknown' } });
  });

  it.each([
    ['PLAYER_INACTIVE'],
    ['AGENT_PROVIDER_NOT_FOUND'],
    ['AGENT_NOT_ACTIVE'],
    ['IP_NOT_ALLOWED'],
    ['FREE_ROUND_LIMIT'], // a code our table does not list: kept as it came
  ])('given freeRound is refused with %s when granted then the grant is rejected with that code and not sent again', async (code) => {
    const reference = `agg-refused-${code.toLowerCase().replace(/_/g, '-')}`;
    const campaigns = service(0);
    await campaigns.create(newAggregatorCampaign(reference));
    await campaigns.addPlayers(reference, playersNamed(`${reference}-p`), 'crm-test');
    fake.inject('freeRound', { kind: 'error-code', code });

    const run = await campaigns.startGrant(reference, FAST_RUN);

    expect(run).toMatchObject({ finished: true, counts: { rejected: 1, granted: 0 } });
    expect((await campaigns.settlement(reference)).rejectionCodes).toEqual({ [code]: 1 });
    expect(fake.requestsTo('freeRound')).toHaveLength(1);
    expect(fake.freeRounds).toHaveLength(0);
  });

  it('given cancelFreeRound is unavailable when the campaign is canceled then the grant stays granted as unknown, and canceling again revokes it', async () => {
    const campaigns = service();
    await campaigns.create(newAggregatorCampaign('agg-cancel-retry'));
    await campaigns.addPlayers('agg-cancel-retry', playersNamed('fay'), 'crm-test');
    await campaigns.startGrant('agg-cancel-retry', FAST_RUN);
    fake.inject('cancelFreeRound', { kind: 'http-status', httpStatus: 503 });

    expect(await campaigns.cancel('agg-cancel-retry')).toMatchObject({ revokedGrants: 0, notRevoked: [{ playerId: 'fay', outcome: 'unknown' }] });
    expect((await campaigns.grantOf('agg-cancel-retry', 'fay')).state).toBe('granted');
    expect(fake.freeRounds[0]?.canceled).toBe(false);

    expect(await campaigns.cancel('agg-cancel-retry')).toEqual({ canceledGrants: 0, revokedGrants: 1, notRevoked: [], revokesLeft: 0 });
    expect(fake.freeRounds[0]?.canceled).toBe(true);
  });

  it('given cancelFreeRound answers PLAYER_NOT_FOUND when canceled then the grant counts as revoked; another refusal keeps it granted with the code', async () => {
    const campaigns = service();
    await campaigns.create(newAggregatorCampaign('agg-cancel-codes'));
    await campaigns.addPlayers('agg-cancel-codes', playersNamed('gus', 'hal'), 'crm-test');
    await campaigns.startGrant('agg-cancel-codes', FAST_RUN);
    fake.injectWith('cancelFreeRound', (body) => ({ kind: 'error-code', code: body['username'] === usernameOf('gus') ? 'PLAYER_NOT_FOUND' : 'AGENT_NOT_UNDER' }));

    const canceled = await campaigns.cancel('agg-cancel-codes');

    expect(canceled).toMatchObject({ revokedGrants: 1, notRevoked: [{ playerId: 'hal', outcome: 'refused' }] });
    expect(canceled.notRevoked[0]?.detail).toMatch(/^AGENT_NOT_UNDER: /);
    expect((await campaigns.grantOf('agg-cancel-codes', 'gus')).state).toBe('canceled');
    expect((await campaigns.grantOf('agg-cancel-codes', 'hal')).state).toBe('granted');
  });

  it('given a player the wallet does not know when granted then nothing is sent and the grant is skipped', async () => {
    const campaigns = service();
    await campaigns.create(newAggregatorCampaign('agg-stranger'));
    expect(await campaigns.addPlayers('agg-stranger', ['nobody'], 'crm-test')).toMatchObject({ added: 1, skipped: 1 });
    expect(await campaigns.startGrant('agg-stranger', FAST_RUN)).toMatchObject({ finished: true, counts: { skipped: 1 } });
    expect(fake.requestsTo('freeRound')).toHaveLength(0);
  });
});
