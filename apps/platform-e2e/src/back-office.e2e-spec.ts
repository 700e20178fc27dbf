import {
  GamePlatform,
  PlatformClient,
  TEST_ADMIN_API_KEY,
  TEST_GAME_LAUNCH_BASE_URL,
  TEST_OPERATOR_ID,
  TEST_PLATFORM_ID,
  TEST_SECRET_KEY,
  TEST_SUPPORT_API_KEY,
  TestStack,
  type SeededPlayer,
} from '@wallet-platform/test-stack';

interface Http {
  status: number;
  body: Record<string, unknown>;
}

/** The back office against the real wallet: every endpoint, refused input, and its effect on play. */
describe('back office', () => {
  const stack = new TestStack(18320);
  let platform: GamePlatform;
  let base: string;

  const call = async (method: string, path: string, body?: unknown, key: string | null = TEST_ADMIN_API_KEY): Promise<Http> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (key) headers['Authorization'] = `Bearer ${key}`;
    const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  let sequence = 0;
  const newPlayer = async (overrides: Record<string, unknown> = {}) => {
    sequence += 1;
    const created = await call('POST', '/players', {
      operatorId: TEST_OPERATOR_ID,
      userId: `bo-${Date.now()}-${sequence}`,
      userName: `back_office_${sequence}`,
      displayName: 'Back Office',
      country: 'Malta',
      currency: 'EUR',
      ...overrides,
    });
    expect(created.status).toBe(201);
    return created.body as { playerId: string; userId: string; balance: string; status: string };
  };
  const launch = async (playerId: string, gameId = '200') => {
    const launched = await call('POST', `/players/${playerId}/sessions`, { platformId: TEST_PLATFORM_ID, mode: 'real', gameId, language: 'en-US', device: 'mobile' });
    expect(launched.status).toBe(200);
    return launched.body as { token: string; launchUrl: string; expiresAt: string };
  };
  const asPlatformPlayer = (userId: string, token: string, gameId = '200'): SeededPlayer => ({
    base_url: stack.gatewayUrl(0),
    operator_id: TEST_OPERATOR_ID,
    secret_key: TEST_SECRET_KEY,
    token,
    user_id: userId,
    currency: 'EUR',
    game_id: gameId,
    balance: '0.00',
  });

  beforeAll(async () => {
    await stack.start(1);
    base = stack.backOfficeUrl();
    platform = new GamePlatform(new PlatformClient(stack.gatewayUrl(0), TEST_OPERATOR_ID, TEST_SECRET_KEY));
  });

  afterAll(async () => {
    const report = await stack.checkLedger();
    await stack.stop();
    expect(report.ok).toBe(true);
  });

  describe('authentication', () => {
    it('refuses a request without a key (401), with an unknown key (401), and a support key that changes something (403)', async () => {
      expect((await call('GET', '/players', undefined, null)).status).toBe(401);
      expect((await call('GET', '/players', undefined, 'x'.repeat(32))).status).toBe(401);
      const player = await newPlayer();
      expect((await call('GET', `/players/${player.playerId}`, undefined, TEST_SUPPORT_API_KEY)).status).toBe(200);
      const refused = await call('POST', `/players/${player.playerId}/block`, undefined, TEST_SUPPORT_API_KEY);
      expect([refused.status, refused.body['error']]).toEqual([403, 'forbidden']);
    });
  });

  describe('players', () => {
    it('creates, reads, finds, blocks and unblocks a player', async () => {
      const player = await newPlayer({ group: 'vip' });
      expect(player).toMatchObject({ balance: '0.00', status: 'active' });
      expect((await call('GET', `/players/${player.playerId}`)).body).toMatchObject({ userId: player.userId, group: 'vip', country: 'Malta' });
      const found = await call('GET', `/players?operatorId=${TEST_OPERATOR_ID}&q=${player.userId}`);
      expect((found.body['items'] as Array<{ playerId: string }>).map((item) => item.playerId)).toEqual([player.playerId]);
      expect((await call('POST', `/players/${player.playerId}/block`)).body['status']).toBe('blocked');
      expect((await call('POST', `/players/${player.playerId}/unblock`)).body['status']).toBe('active');
    });

    it('refuses a duplicate player (409) and names every bad field (400)', async () => {
      const player = await newPlayer();
      expect((await call('POST', '/players', { operatorId: TEST_OPERATOR_ID, userId: player.userId, userName: 'x', country: 'Malta', currency: 'EUR' })).status).toBe(409);
      const bad = await call('POST', '/players', { operatorId: TEST_OPERATOR_ID, userId: 'a|b', userName: '', country: 'Malta', currency: 'euro', extra: 1 });
      expect(bad.status).toBe(400);
      expect((bad.body['fields'] as Array<{ field: string }>).map((field) => field.field).sort()).toEqual(['currency', 'extra', 'userId', 'userName']);
    });

    it('answers 404 for an unknown player and 400 for a malformed id', async () => {
      expect((await call('GET', '/players/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await call('GET', '/players/not-a-uuid')).status).toBe(400);
    });

    it('pages search results with a stable cursor', async () => {
      const operatorId = `pg${Date.now() % 1_000_000}`;
      for (let i = 0; i < 5; i++) await newPlayer({ operatorId });
      const first = await call('GET', `/players?operatorId=${operatorId}&limit=2`);
      const second = await call('GET', `/players?operatorId=${operatorId}&limit=2&cursor=${first.body['nextCursor']}`);
      const third = await call('GET', `/players?operatorId=${operatorId}&limit=2&cursor=${second.body['nextCursor']}`);
      const ids = [first, second, third].flatMap((page) => (page.body['items'] as Array<{ playerId: string }>).map((item) => item.playerId));
      expect(new Set(ids).size).toBe(5);
      expect(third.body['nextCursor']).toBeNull();
      expect((await call('GET', `/players?cursor=garbage`)).status).toBe(400);
    });

    it('answers 400, never 500, to a players cursor whose id is not a player id', async () => {
      const cursor = Buffer.from(JSON.stringify(['2026-12-01T10:00:00.000000Z', 'not-a-uuid']), 'utf8').toString('base64url');
      const answer = await call('GET', `/players?cursor=${cursor}`);
      expect([answer.status, answer.body['error']]).toEqual([400, 'validation_failed']);
    });

    it.each([
      ['a time PostgreSQL cannot read', ['1', '00000000-0000-4000-8000-000000000000']],
      ['a time far out of range', ['99999-01-01T00:00:00Z', '00000000-0000-4000-8000-000000000000']],
      ['an id with control characters', ['2026-12-01T10:00:00Z', 'x\u0000y']],
    ])('answers 400, never 500, to a crafted cursor: %s', async (_name, content) => {
      const cursor = Buffer.from(JSON.stringify(content), 'utf8').toString('base64url');
      const player = await newPlayer();
      for (const path of [`/players?cursor=${cursor}`, `/players/${player.playerId}/transactions?cursor=${cursor}`, `/players/${player.playerId}/rounds?cursor=${cursor}`]) {
        const answer = await call('GET', path);
        expect([path, answer.status, answer.body['error']]).toEqual([path, 400, 'validation_failed']);
      }
    });
  });

  describe('cashier', () => {
    it('deposits once however often the request is retried, withdraws, adjusts, and refuses an overdraft', async () => {
      const player = await newPlayer();
      const deposit = { idempotencyKey: `dep-${player.playerId}`, amount: '100.10', reason: 'bank transfer 1' };
      const first = await call('POST', `/players/${player.playerId}/deposits`, deposit);
      const retry = await call('POST', `/players/${player.playerId}/deposits`, deposit);
      expect([first.status, first.body['balanceAfter'], first.body['performedBy']]).toEqual([200, '100.10', 'e2e-admin']);
      expect(retry.body).toEqual(first.body);

      const reused = await call('POST', `/players/${player.playerId}/deposits`, { ...deposit, amount: '5.00' });
      expect([reused.status, reused.body['error']]).toEqual([409, 'idempotency_key_reused']);
      expect(reused.body['message']).toMatch(/amount differ/);

      const withdrawal = await call('POST', `/players/${player.playerId}/withdrawals`, { idempotencyKey: `wd-${player.playerId}`, amount: '40.05', reason: 'payout' });
      expect([withdrawal.body['amount'], withdrawal.body['balanceAfter']]).toEqual(['-40.05', '60.05']);
      const overdraft = await call('POST', `/players/${player.playerId}/withdrawals`, { idempotencyKey: `wd2-${player.playerId}`, amount: '60.06', reason: 'payout' });
      expect([overdraft.status, overdraft.body['error']]).toEqual([409, 'insufficient_funds']);
      const adjustment = await call('POST', `/players/${player.playerId}/adjustments`, { idempotencyKey: `adj-${player.playerId}`, amount: '-0.05', reason: 'rounding correction' });
      expect(adjustment.body['balanceAfter']).toBe('60.00');
      expect((await call('GET', `/players/${player.playerId}`)).body['balance']).toBe('60.00');

      const sameKeyOtherReason = await call('POST', `/players/${player.playerId}/adjustments`, { idempotencyKey: `adj-${player.playerId}`, amount: '-0.05', reason: 'another reason' });
      expect([sameKeyOtherReason.status, sameKeyOtherReason.body['error']]).toEqual([409, 'idempotency_key_reused']);
      const overflow = await call('POST', `/players/${player.playerId}/deposits`, { idempotencyKey: `big-${player.playerId}`, amount: '9999999999999999.99', reason: 'too much' });
      expect([overflow.status, overflow.body['error']]).toEqual([409, 'balance_out_of_range']);
      expect((await call('GET', `/players/${player.playerId}`)).body['balance']).toBe('60.00');
    });

    it('refuses a cashier request with a repeated key (400 naming the field) and moves nothing', async () => {
      const player = await newPlayer();
      const idempotencyKey = `dup-${player.playerId}`;
      // Express's own parser took the last of the two: this deposited 900.00.
      const repeated = await call('POST', `/players/${player.playerId}/deposits`, `{"idempotencyKey":"${idempotencyKey}","amount":"1.00","amount":"900.00","reason":"dup"}`);
      expect([repeated.status, repeated.body['error'], repeated.body['fields']]).toEqual([
        400,
        'validation_failed',
        [{ field: 'amount', problems: ['appears more than once: each field may appear once'] }],
      ]);
      const equalValues = await call('POST', `/players/${player.playerId}/withdrawals`, `{"idempotencyKey":"${idempotencyKey}-w","amount":"1.00","amount":"1.00","reason":"dup"}`);
      expect([equalValues.status, (equalValues.body['fields'] as Array<{ field: string }>)[0].field]).toEqual([400, 'amount']);
      const escaped = await call('POST', `/players/${player.playerId}/adjustments`, `{"idempotencyKey":"${idempotencyKey}-a","amount":"1.00","reason":"x","\\u0061mount":"-1.00"}`);
      expect([escaped.status, (escaped.body['fields'] as Array<{ field: string }>)[0].field]).toEqual([400, 'amount']);

      expect((await call('GET', `/players/${player.playerId}`)).body['balance']).toBe('0.00');
      expect((await call('GET', `/players/${player.playerId}/transactions`)).body['items']).toEqual([]);
      // Nothing was stored under the key either: the same key with a sound body deposits once.
      const sound = await call('POST', `/players/${player.playerId}/deposits`, { idempotencyKey, amount: '1.00', reason: 'dup' });
      expect([sound.status, sound.body['balanceAfter']]).toEqual([200, '1.00']);
    });

    it.each([
      ['1e309', 'amount'],
      ['123456789012345678901234', 'amount'],
    ])('answers a number JSON cannot hold exactly (%s) with a 400 naming its field, never a 500', async (number, field) => {
      const player = await newPlayer();
      const answer = await call('POST', `/players/${player.playerId}/deposits`, `{"idempotencyKey":"num-${player.playerId}","amount":${number},"reason":"number"}`);
      expect([answer.status, answer.body['error'], (answer.body['fields'] as Array<{ field: string }>)[0].field]).toEqual([400, 'validation_failed', field]);
      const nested = await call('POST', `/players/${player.playerId}/deposits`, `{"idempotencyKey":"num2-${player.playerId}","amount":"1.00","reason":"n","x":[{"y":${number}}]}`);
      expect([nested.status, (nested.body['fields'] as Array<{ field: string }>)[0].field]).toEqual([400, 'x[0].y']);
      expect((await call('GET', `/players/${player.playerId}`)).body['balance']).toBe('0.00');
    });

    it('answers malformed JSON and unknown routes in the same error shape', async () => {
      const malformed = await call('POST', '/players', '{"operatorId":');
      expect([malformed.status, malformed.body['error']]).toEqual([400, 'bad_request']);
      const unknown = await call('GET', '/nothing-here');
      expect([unknown.status, unknown.body['error']]).toEqual([404, 'not_found']);
    });

    it('refuses amounts as JSON numbers, with three decimals, leading zeros, zero or negative deposits', async () => {
      const player = await newPlayer();
      for (const amount of [10, '1.005', '007.50', '0.00', '-5.00']) {
        const refused = await call('POST', `/players/${player.playerId}/deposits`, { idempotencyKey: `bad-${String(amount)}-${player.playerId}`, amount, reason: 'test' });
        expect([refused.status, (refused.body['fields'] as Array<{ field: string }>)[0].field]).toEqual([400, 'amount']);
      }
      expect((await call('GET', `/players/${player.playerId}`)).body['balance']).toBe('0.00');
    });
  });

  describe('game launch, sessions, limits and history on the platform’s side', () => {
    it('launches a game with a fresh token and a correctly encoded URL; the platform can play with it', async () => {
      const player = await newPlayer();
      await call('POST', `/players/${player.playerId}/deposits`, { idempotencyKey: `dep-${player.playerId}`, amount: '50.00', reason: 'deposit' });
      const session = await call('POST', `/players/${player.playerId}/sessions`, {
        platformId: TEST_PLATFORM_ID,
        mode: 'real',
        gameId: '200',
        language: 'en-US',
        device: 'mobile',
        homeUrl: 'https://casino.example/lobby?from=game&x=1',
      });
      const { token, launchUrl } = session.body as { token: string; launchUrl: string };
      expect(token).toMatch(/^[A-Za-z0-9]{20,50}$/);
      const url = new URL(launchUrl);
      expect(`${url.origin}${url.pathname}`).toBe(TEST_GAME_LAUNCH_BASE_URL);
      expect(Object.fromEntries(url.searchParams)).toMatchObject({
        mode: 'real',
        game_id: '200',
        token,
        currency: 'EUR',
        language: 'en-US',
        operator_id: TEST_OPERATOR_ID,
        device: 'mobile',
        home_url: 'https://casino.example/lobby?from=game&x=1',
      });
      expect(launchUrl).toContain('home_url=https%3A%2F%2Fcasino.example%2Flobby%3Ffrom%3Dgame%26x%3D1');
      expect((await launch(player.playerId)).token).not.toBe(token);

      const bet = await platform.changeBalance(asPlatformPlayer(player.userId, token), 'BET', '5.00');
      expect([bet.status, bet.balance]).toEqual(['OK', '45.00']);
    });

    it('launches fun mode without a session and a lobby without a game', async () => {
      const player = await newPlayer();
      const fun = await call('POST', `/players/${player.playerId}/sessions`, { platformId: TEST_PLATFORM_ID, mode: 'fun', gameId: '37', language: 'en', device: 'desktop' });
      expect(fun.body['token']).toBeNull();
      expect(new URL(fun.body['launchUrl'] as string).searchParams.get('mode')).toBe('fun');
      const lobby = await call('POST', `/players/${player.playerId}/sessions`, { platformId: TEST_PLATFORM_ID, mode: 'lobby', lobbyId: 'portomaso', language: 'en', device: 'mobile' });
      expect(new URL(lobby.body['launchUrl'] as string).searchParams.get('lobby_id')).toBe('portomaso');
      const missing = await call('POST', `/players/${player.playerId}/sessions`, { platformId: TEST_PLATFORM_ID, mode: 'real', language: 'en', device: 'mobile' });
      expect([missing.status, (missing.body['fields'] as Array<{ field: string }>)[0].field]).toEqual([400, 'gameId']);
      const unknownPlatform = await call('POST', `/players/${player.playerId}/sessions`, { platformId: 'nowhere', mode: 'real', gameId: '1', language: 'en', device: 'mobile' });
      expect([unknownPlatform.status, unknownPlatform.body['error']]).toEqual([404, 'platform_not_configured']);
    });

    it('ends a session: the platform’s next BET with its token answers OP_21', async () => {
      const player = await newPlayer();
      await call('POST', `/players/${player.playerId}/deposits`, { idempotencyKey: `dep-${player.playerId}`, amount: '10.00', reason: 'deposit' });
      const { token } = await launch(player.playerId);
      expect((await call('DELETE', `/sessions/${token}`)).status).toBe(204);
      const bet = await platform.changeBalance(asPlatformPlayer(player.userId, token), 'BET', '1.00');
      expect(bet.errorCode).toBe('OP_21');
      expect((await call('DELETE', `/sessions/${'N'.repeat(30)}`)).status).toBe(404);
    });

    it('sets limits that the next BET obeys (OP_32), and shows the day’s totals', async () => {
      const player = await newPlayer();
      await call('POST', `/players/${player.playerId}/deposits`, { idempotencyKey: `dep-${player.playerId}`, amount: '100.00', reason: 'deposit' });
      const { token } = await launch(player.playerId);
      const limits = await call('PUT', `/players/${player.playerId}/limits`, { dailyWagerLimit: '10.00' });
      expect(limits.body).toMatchObject({ dailyWagerLimit: '10.00', dailyLossLimit: null, wageredToday: '0.00' });
      const asPlatform = asPlatformPlayer(player.userId, token);
      expect((await platform.changeBalance(asPlatform, 'BET', '10.00')).status).toBe('OK');
      expect((await platform.changeBalance(asPlatform, 'BET', '0.01')).errorCode).toBe('OP_32');
      expect((await call('GET', `/players/${player.playerId}/limits`, undefined, TEST_SUPPORT_API_KEY)).body).toMatchObject({ wageredToday: '10.00', netLossToday: '10.00' });
      await call('PUT', `/players/${player.playerId}/limits`, { dailyWagerLimit: null });
      expect((await platform.changeBalance(asPlatform, 'BET', '0.01')).status).toBe('OK');
      expect((await call('PUT', `/players/${player.playerId}/limits`, { dailyLossLimit: 5 })).status).toBe(400);
    });

    it('lists transactions and rounds, filtered and paged', async () => {
      const player = await newPlayer();
      await call('POST', `/players/${player.playerId}/deposits`, { idempotencyKey: `dep-${player.playerId}`, amount: '20.00', reason: 'deposit' });
      const { token } = await launch(player.playerId);
      const asPlatform = asPlatformPlayer(player.userId, token);
      await platform.changeBalance(asPlatform, 'BET', '2.00', { roundId: '7001' });
      await platform.changeBalance(asPlatform, 'WIN', '3.00', { roundId: '7001', roundFinished: true });
      await platform.changeBalance(asPlatform, 'BET', '50.00', { roundId: '7002' });

      const all = await call('GET', `/players/${player.playerId}/transactions`, undefined, TEST_SUPPORT_API_KEY);
      expect((all.body['items'] as Array<Record<string, string>>).map((item) => [item['type'], item['amount'], item['status']])).toEqual([
        ['BET', '0.00', 'ERROR'],
        ['WIN', '3.00', 'OK'],
        ['BET', '-2.00', 'OK'],
        ['DEPOSIT', '20.00', 'OK'],
      ]);
      const refused = await call('GET', `/players/${player.playerId}/transactions?status=ERROR`);
      expect((refused.body['items'] as Array<Record<string, string>>)[0]).toMatchObject({ errorKind: 'INSUFFICIENT_FUNDS', roundId: '7002' });
      const paged = await call('GET', `/players/${player.playerId}/transactions?limit=3`);
      const rest = await call('GET', `/players/${player.playerId}/transactions?limit=3&cursor=${paged.body['nextCursor']}`);
      expect((rest.body['items'] as unknown[]).length).toBe(1);
      const rounds = await call('GET', `/players/${player.playerId}/rounds?status=finished`);
      expect(rounds.body['items']).toEqual([expect.objectContaining({ roundId: '7001', betTotal: '2.00', winTotal: '3.00', status: 'finished' })]);
      expect((await call('GET', `/players/${player.playerId}/transactions?type=POKER`)).status).toBe(400);
    });
  });
});
