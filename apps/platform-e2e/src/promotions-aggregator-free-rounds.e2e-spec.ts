import { createHash } from 'node:crypto';
import { aggregatorUsernameFor } from '@wallet-platform/aggregator-client';
import { FakeAggregatorServer } from '@wallet-platform/aggregator-client/testing';
import { TEST_ADMIN_API_KEY, TEST_OPERATOR_ID, TestStack } from '@wallet-platform/test-stack';

const PORT_BASE = 18840;
const FAKE_AGGREGATOR_PORT = 18849;
const AGGREGATOR_ID = 'frounds-agg';
const AGGREGATOR_KEY = 'free-rounds-e2e-aggregator-key-0001';
const USERNAME_PREFIX = 'fr';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Issue #11's must-show, through the running services: a free-round campaign on the transfer-wallet
 * aggregator is created, listed and canceled with the promotions back office. The aggregator is an
 * entry of the one platform registry (with `freeRounds`), the players are the wallet's, their
 * usernames there derived from the wallet player id; the fake aggregator's own record shows each
 * grant arrive once and the cancel revoke it.
 */
describe('a free-round campaign on the aggregator: created, listed, canceled', () => {
  const stack = new TestStack(PORT_BASE, { BACK_OFFICE_API_KEYS: JSON.stringify([{ name: 'e2e-admin', role: 'admin', sha256: sha256(TEST_ADMIN_API_KEY) }]) });
  let aggregator: FakeAggregatorServer;

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${stack.promotionsUrl()}/back-office/v1/campaigns${path}`, {
      method,
      headers: { authorization: `Bearer ${TEST_ADMIN_API_KEY}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    aggregator = await FakeAggregatorServer.start({ port: FAKE_AGGREGATOR_PORT, apiKey: AGGREGATOR_KEY });
    stack.extraPlatforms.push({
      platformId: AGGREGATOR_ID,
      protocol: 'aggregator',
      api: { baseUrl: aggregator.baseUrl, apiKey: AGGREGATOR_KEY },
      currencies: ['EUR'],
      usernamePrefix: USERNAME_PREFIX,
      limits: { readTimeoutMs: 2_000, transferTimeoutMs: 2_000 },
      freeRounds: { operatorId: TEST_OPERATOR_ID },
    });
    await stack.start(1);
  }, 240_000);

  afterAll(async () => {
    await stack.stop();
    await aggregator?.close();
  });

  it('grants each player once at the aggregator, lists the campaign, and the cancel revokes the grants there', async () => {
    const players = [await stack.seedPlayer({ balance: '10.00' }), await stack.seedPlayer({ balance: '10.00' })];
    const usernames = await Promise.all(
      players.map(async (player) => {
        const [{ id }] = await stack.walletQuery<{ id: string }>(`SELECT id FROM players WHERE user_id = $1`, [player.user_id]);
        return aggregatorUsernameFor(USERNAME_PREFIX, TEST_OPERATOR_ID, id);
      }),
    );
    const reference = `agg-e2e-${Date.now()}`;
    const validUntil = new Date(Date.now() + 86_400_000).toISOString();

    const created = await call('POST', '', { reference, name: 'Aggregator spins', provider: 'aggregator', platformId: AGGREGATOR_ID, kind: 'freeRoundsByBet', gameId: 'pg_00001', roundsCount: 15, betAmount: '0.20', currency: 'EUR', validUntil });
    expect(created).toMatchObject({ status: 201, body: { reference, provider: 'aggregator', platformId: AGGREGATOR_ID, state: 'draft' } });
    expect((await call('POST', `/${reference}/players`, { playerIds: players.map((player) => player.user_id) })).body).toMatchObject({ added: 2, skipped: 0 });
    expect((await call('POST', `/${reference}/grant`)).status).toBeLessThan(300);
    const deadline = Date.now() + 30_000;
    while (aggregator.freeRounds.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(aggregator.freeRounds.map((grant) => [grant.username, grant.currency, grant.rounds, grant.canceled]).sort()).toEqual(usernames.map((username) => [username, 'EUR', 15, false]).sort());

    const listed = await call('GET', `?provider=aggregator&platformId=${AGGREGATOR_ID}`);
    expect(listed.status).toBe(200);
    expect((listed.body['items'] as Array<Record<string, unknown>>).map((campaign) => [campaign['reference'], campaign['provider']])).toEqual([[reference, 'aggregator']]);
    expect((await call('GET', `/${reference}/grants/${players[0].user_id}`)).body).toMatchObject({ state: 'granted' });

    const canceled = await call('POST', `/${reference}/cancel`);
    expect(canceled).toMatchObject({ status: 200, body: { revokedGrants: 2, notRevoked: [], revokesLeft: 0 } });
    expect((await call('GET', `/${reference}`)).body).toMatchObject({ state: 'canceled' });
    expect(aggregator.freeRounds.map((grant) => grant.canceled)).toEqual([true, true]);
    expect((await call('GET', `?state=canceled&provider=aggregator`)).body['items']).toEqual([expect.objectContaining({ reference, state: 'canceled' })]);
    // Canceled twice: nothing more is sent, the same answer.
    const revokes = aggregator.requestsTo('cancelFreeRound').length;
    expect((await call('POST', `/${reference}/cancel`)).body).toMatchObject({ revokedGrants: 0, notRevoked: [], revokesLeft: 0 });
    expect(aggregator.requestsTo('cancelFreeRound')).toHaveLength(revokes);
  });
});
