import { createHash, randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { TEST_OPERATOR_ID, TestStack, type SeededPlayer } from '@wallet-platform/test-stack';

const PORT_BASE = 18480;
const CG_PLATFORM_ID = 'choice-gaming-prizes';
const CG_PRIVATE_KEY = 'cg-prizes-private-key-0123456789';
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

interface Envelope {
  readonly code: number;
  readonly message: string;
  readonly data: { balance: number; currency: string; awardId: string } | null;
}

type Endpoint = 'promoWin' | 'tournamentWin';

/**
 * Plays the Choice Gaming provider with its own sha256 (not the gateway's library). The raw text
 * is kept besides the parsed envelope, so the balance's digits are checked as written.
 */
async function post(stack: TestStack, endpoint: Endpoint, body: string, options: { hash?: string } = {}): Promise<{ envelope: Envelope; text: string }> {
  const hash = options.hash ?? createHash('sha256').update(CG_PRIVATE_KEY + body, 'utf8').digest('hex');
  const response = await fetch(`${stack.choiceGamingUrl(CG_PLATFORM_ID)}/${endpoint}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Hash: hash }, body });
  expect(response.status).toBe(200);
  const text = await response.text();
  return { envelope: JSON.parse(text) as Envelope, text };
}

function prizeBody(
  endpoint: Endpoint,
  player: SeededPlayer,
  fields: { transactionId: string; amount: string; reference?: string; token?: string; currency?: string },
): string {
  const reference = endpoint === 'promoWin' ? `,"externalReferenceId":"${fields.reference ?? `ref-${fields.transactionId}`}"` : '';
  return `{"externalToken":"${fields.token ?? player.token}","playerId":"${player.user_id}","gameId":"123","transactionId":"${fields.transactionId}"${reference},"amount":${fields.amount},"currency":"${fields.currency ?? player.currency}"}`;
}

const uniqueId = () => randomBytes(6).toString('hex');

/**
 * /tournamentWin and /promoWin (Integration API v1.1.0, 2.5 and 2.6) through the whole stack:
 * gateway → promotions service (Kafka) → wallet (Kafka), real PostgreSQL, Redis and Kafka.
 */
describe('Choice Gaming prizes paid exactly once', () => {
  const stack = new TestStack(PORT_BASE);
  let redis: Redis;

  const balanceOf = async (player: SeededPlayer) =>
    (
      await stack.walletQuery<{ balance: string }>(
        `SELECT a.balance::text AS balance FROM accounts a JOIN players p ON p.id = a.player_id WHERE a.kind = 'player' AND p.user_id = $1`,
        [player.user_id],
      )
    )[0]?.balance;
  const creditsOf = async (player: SeededPlayer) =>
    stack.walletQuery<{ award_id: string; amount: string; kind: string }>(`SELECT award_id, amount::text AS amount, kind FROM promotion_credits WHERE user_id = $1 ORDER BY award_id`, [
      player.user_id,
    ]);
  const awardsOf = async (player: SeededPlayer) =>
    stack.promotionsQuery<{ transaction_id: string; state: string }>(`SELECT transaction_id, state FROM awards WHERE player_id = $1 ORDER BY id`, [player.user_id]);

  beforeAll(async () => {
    stack.promotionsEnv = { WALLET_REPLY_TIMEOUT_MS: '4000' };
    stack.extraPlatforms.push({ platformId: CG_PLATFORM_ID, protocol: 'choice-gaming', operatorId: TEST_OPERATOR_ID, hashKey: CG_PRIVATE_KEY });
    await stack.start(0);
    await stack.startGateway(0, { PROMOTIONS_REPLY_TIMEOUT_MS: '12000' });
    redis = new Redis(REDIS_URL, { lazyConnect: true });
    await redis.connect();
  });

  afterAll(async () => {
    await redis?.quit();
    const report = await stack.checkLedger();
    await stack.stop();
    expect(report.ok).toBe(true);
    expect(report.transactionsChecked).toBeGreaterThan(0);
  });

  describe.each<Endpoint>(['promoWin', 'tournamentWin'])('/%s', (endpoint) => {
    it('given three identical retries when sent one after another then each answers 0 with the same balance and award, and the player is paid once', async () => {
      const player = await stack.seedPlayer({ balance: '100.00' });
      const body = prizeBody(endpoint, player, { transactionId: `t-${uniqueId()}`, amount: '10.1' });
      const answers = [await post(stack, endpoint, body), await post(stack, endpoint, body), await post(stack, endpoint, body)];
      for (const { envelope, text } of answers) {
        expect(envelope.code).toBe(0);
        expect(text).toContain('"balance":110.10,');
        expect(envelope.data?.awardId).toBe(answers[0]?.envelope.data?.awardId);
      }
      expect(await balanceOf(player)).toBe('110.10');
      expect(await creditsOf(player)).toEqual([
        { award_id: answers[0]?.envelope.data?.awardId, amount: '10.10', kind: endpoint === 'promoWin' ? 'PROMO_WIN' : 'TOURNAMENT_WIN' },
      ]);
      expect(await awardsOf(player)).toEqual([{ transaction_id: expect.any(String), state: 'credited' }]);
    });

    it('given ten concurrent duplicates when sent at once then all answer 0 with the same balance, and the player is paid once', async () => {
      const player = await stack.seedPlayer({ balance: '50.00' });
      const body = prizeBody(endpoint, player, { transactionId: `c-${uniqueId()}`, amount: '0.3' });
      const answers = await Promise.all(Array.from({ length: 10 }, () => post(stack, endpoint, body)));
      expect(answers.map((answer) => answer.envelope.code)).toEqual(Array(10).fill(0));
      expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
      expect(answers[0]?.text).toContain('"balance":50.30,');
      expect(await balanceOf(player)).toBe('50.30');
      expect(await creditsOf(player)).toHaveLength(1);
    });

    it('given an award when the same transactionId comes with another amount then 105 and nothing moves', async () => {
      const player = await stack.seedPlayer({ balance: '20.00' });
      const transactionId = `x-${uniqueId()}`;
      expect((await post(stack, endpoint, prizeBody(endpoint, player, { transactionId, amount: '1' }))).envelope.code).toBe(0);
      const again = await post(stack, endpoint, prizeBody(endpoint, player, { transactionId, amount: '2' }));
      expect(again.text).toBe('{"code":105,"message":"transaction not valid","data":null}');
      expect(await balanceOf(player)).toBe('21.00');
      expect(await creditsOf(player)).toHaveLength(1);
    });
  });

  describe('/promoWin externalReferenceId', () => {
    it('given a reference already paid when another transaction reuses it then 106, nothing is recorded and nothing moves', async () => {
      const player = await stack.seedPlayer({ balance: '10.00' });
      const reference = `promo-${uniqueId()}`;
      expect((await post(stack, 'promoWin', prizeBody('promoWin', player, { transactionId: `a-${uniqueId()}`, amount: '5', reference }))).envelope.code).toBe(0);
      const reused = await post(stack, 'promoWin', prizeBody('promoWin', player, { transactionId: `b-${uniqueId()}`, amount: '5', reference }));
      expect(reused.text).toBe('{"code":106,"message":"reference not valid","data":null}');
      expect(await balanceOf(player)).toBe('15.00');
      expect(await creditsOf(player)).toHaveLength(1);
      expect(await awardsOf(player)).toHaveLength(1);
    });
  });

  describe('the session check of a prize', () => {
    it('given the player\'s token expired long ago when a prize names it then it is paid (a prize comes after the game)', async () => {
      const player = await stack.seedPlayer({ balance: '0.00' });
      await stack.walletQuery(`UPDATE game_sessions SET expires_at = now() - interval '30 days' WHERE token = $1`, [player.token]);
      const answer = await post(stack, 'tournamentWin', prizeBody('tournamentWin', player, { transactionId: `e-${uniqueId()}`, amount: '7.5' }));
      expect(answer.text).toContain('"code":0,');
      expect(await balanceOf(player)).toBe('7.50');
    });

    it('given the player\'s token revoked (replaced by a lobby switch or by us) when a prize names it then it is paid', async () => {
      const player = await stack.seedPlayer({ balance: '0.00' });
      await stack.walletQuery(`UPDATE game_sessions SET revoked_at = now() WHERE token = $1`, [player.token]);
      const answer = await post(stack, 'promoWin', prizeBody('promoWin', player, { transactionId: `v-${uniqueId()}`, amount: '2' }));
      expect(answer.text).toContain('"code":0,');
      expect(await balanceOf(player)).toBe('2.00');
    });

    it('given a token we never issued, or one of another player, when a prize names it then 101 and nothing is recorded or paid', async () => {
      const player = await stack.seedPlayer({ balance: '1.00' });
      const other = await stack.seedPlayer({ balance: '1.00' });
      const unknown = await post(stack, 'promoWin', prizeBody('promoWin', player, { transactionId: `u-${uniqueId()}`, amount: '3', token: `Unknown${uniqueId()}${uniqueId()}` }));
      const foreign = await post(stack, 'promoWin', prizeBody('promoWin', player, { transactionId: `f-${uniqueId()}`, amount: '3', token: other.token }));
      expect(unknown.text).toBe('{"code":101,"message":"token not valid","data":null}');
      expect(foreign.text).toBe('{"code":101,"message":"token not valid","data":null}');
      expect(await balanceOf(player)).toBe('1.00');
      expect(await awardsOf(player)).toEqual([]);
    });

    it('given a currency that is not the player\'s then 107 and nothing is recorded', async () => {
      const player = await stack.seedPlayer({ balance: '1.00', currency: 'EUR' });
      const answer = await post(stack, 'tournamentWin', prizeBody('tournamentWin', player, { transactionId: `m-${uniqueId()}`, amount: '3', currency: 'USD' }));
      expect(answer.text).toBe('{"code":107,"message":"currency not valid","data":null}');
      expect(await awardsOf(player)).toEqual([]);
    });
  });

  describe('the promotions service killed between the award and the credit', () => {
    it('given an award recorded but not credited (the player held busy) when the service is SIGKILLed and the provider retries then it is paid once', async () => {
      const player = await stack.seedPlayer({ balance: '100.00' });
      const [row] = await stack.walletQuery<{ id: string }>(`SELECT id FROM players WHERE user_id = $1`, [player.user_id]);
      const lockKey = `${stack.environmentName}:wallet:player-lock:${row?.id}`;
      // Another holder of the player's lock: the wallet answers the credit "busy", not final.
      expect(await redis.set(lockKey, 'e2e-holder', 'PX', 60_000, 'NX')).toBe('OK');
      const body = prizeBody('promoWin', player, { transactionId: `k-${uniqueId()}`, amount: '25' });
      const first = await post(stack, 'promoWin', body);
      expect(first.text).toBe('{"code":103,"message":"internal error","data":null}');
      expect(await awardsOf(player)).toEqual([{ transaction_id: expect.any(String), state: 'crediting' }]);
      expect(await creditsOf(player)).toEqual([]);

      await stack.killService('promotions');
      await redis.del(lockKey);
      await stack.startPromotions();

      const retry = await post(stack, 'promoWin', body);
      expect(retry.text).toContain('"code":0,');
      expect(retry.text).toContain('"balance":125.00,');
      expect(await post(stack, 'promoWin', body)).toEqual(retry);
      expect(await balanceOf(player)).toBe('125.00');
      expect(await creditsOf(player)).toHaveLength(1);
      expect(await awardsOf(player)).toEqual([{ transaction_id: expect.any(String), state: 'credited' }]);
    });

    it('given an award left crediting by a SIGKILL when the provider never retries then the recovery pass pays it, once', async () => {
      const player = await stack.seedPlayer({ balance: '0.00' });
      const [row] = await stack.walletQuery<{ id: string }>(`SELECT id FROM players WHERE user_id = $1`, [player.user_id]);
      const lockKey = `${stack.environmentName}:wallet:player-lock:${row?.id}`;
      expect(await redis.set(lockKey, 'e2e-holder', 'PX', 60_000, 'NX')).toBe('OK');
      const body = prizeBody('tournamentWin', player, { transactionId: `r-${uniqueId()}`, amount: '3.33' });
      expect((await post(stack, 'tournamentWin', body)).envelope.code).toBe(103);
      await stack.killService('promotions');
      await redis.del(lockKey);
      await stack.startPromotions();

      // No retry from the provider: the service's own pass (every 15 s, for awards older than 10 s) pays it.
      const deadline = Date.now() + 60_000;
      while ((await awardsOf(player))[0]?.state !== 'credited') {
        if (Date.now() > deadline) throw new Error('the award was not recovered within 60 s');
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(await balanceOf(player)).toBe('3.33');
      expect(await creditsOf(player)).toHaveLength(1);
      // A late retry is answered as paid, and pays nothing more.
      expect((await post(stack, 'tournamentWin', body)).text).toContain('"balance":3.33,');
      expect(await balanceOf(player)).toBe('3.33');
    });

    it('given 30 awards in flight when the service is SIGKILLed wherever it is and the provider retries every one then each is paid exactly once', async () => {
      const players = await Promise.all(Array.from({ length: 3 }, () => stack.seedPlayer({ balance: '0.00' })));
      const bodies = Array.from({ length: 30 }, (_, index) => {
        const player = players[index % 3] as SeededPlayer;
        return { player, body: prizeBody('tournamentWin', player, { transactionId: `z-${uniqueId()}-${index}`, amount: '1.01' }) };
      });
      const inFlight = bodies.map(({ body }) => post(stack, 'tournamentWin', body).catch(() => null));
      // Killed once the first award has been recorded: the rest are wherever they are.
      const deadline = Date.now() + 20_000;
      while ((await stack.promotionsQuery<{ n: number }>(`SELECT count(*)::int AS n FROM awards WHERE player_id = ANY($1)`, [players.map((p) => p.user_id)]))[0]?.n === 0) {
        if (Date.now() > deadline) throw new Error('no award recorded within 20 s');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await stack.killService('promotions');
      await Promise.all(inFlight);
      await stack.startPromotions();

      const retries = await Promise.all(bodies.map(({ body }) => post(stack, 'tournamentWin', body)));
      expect(retries.map((answer) => answer.envelope.code)).toEqual(Array(30).fill(0));
      for (const player of players) {
        expect(await balanceOf(player)).toBe('10.10');
        expect(await creditsOf(player)).toHaveLength(10);
        expect((await awardsOf(player)).map((award) => award.state)).toEqual(Array(10).fill('credited'));
      }
    });
  });
});
