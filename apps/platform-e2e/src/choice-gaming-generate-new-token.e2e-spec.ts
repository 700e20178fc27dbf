import { createHash } from 'node:crypto';
import { GamePlatform, PlatformClient, TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack, type SeededPlayer } from '@wallet-platform/test-stack';

const PORT_BASE = 18310;
const CHOICE_GAMING_PLATFORM_ID = 'choice-gaming-e2e';
const CHOICE_GAMING_PRIVATE_KEY = 'cg-e2e-private-key-0123456789';
const SEEDED_GAME_ID = '200';
const NEW_GAME_ID = '201';

interface Envelope {
  readonly code: number;
  readonly message: string;
  readonly data: { token: string; newGameId: string; playerId: string } | null;
}

/**
 * Plays the Choice Gaming provider with its own sha256 (not the gateway's library), so a mistake
 * in our protocol code cannot hide itself here.
 */
async function generateNewToken(body: string, options: { platformId?: string; hash?: string } = {}): Promise<{ httpStatus: number; envelope: Envelope }> {
  const hash = options.hash ?? createHash('sha256').update(CHOICE_GAMING_PRIVATE_KEY + body, 'utf8').digest('hex');
  const response = await fetch(`http://127.0.0.1:${PORT_BASE}/choice-gaming/v1/${options.platformId ?? CHOICE_GAMING_PLATFORM_ID}/generateNewToken`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Hash: hash },
    body,
  });
  return { httpStatus: response.status, envelope: (await response.json()) as Envelope };
}

function switchBody(token: string, newGameId = NEW_GAME_ID): string {
  return `{"token":"${token}","newGameId":"${newGameId}"}`;
}

/** /generateNewToken (Integration API v1.1.0, 2.7): a lobby game switch swaps the session token at once. */
describe('Choice Gaming generateNewToken', () => {
  const stack = new TestStack(PORT_BASE);
  let operatorApi: GamePlatform;

  beforeAll(async () => {
    stack.extraPlatforms.push({ platformId: CHOICE_GAMING_PLATFORM_ID, protocol: 'choice-gaming', operatorId: TEST_OPERATOR_ID, hashKey: CHOICE_GAMING_PRIVATE_KEY });
    await stack.start(0);
    await stack.startGateway(0);
    operatorApi = new GamePlatform(new PlatformClient(stack.gatewayUrl(0), TEST_OPERATOR_ID, TEST_SECRET_KEY));
  });

  afterAll(async () => {
    const report = await stack.checkLedger();
    await stack.stop();
    expect(report.ok).toBe(true);
  });

  const balanceCode = async (player: SeededPlayer, token: string) =>
    (await operatorApi.send('balance', `{"token":"${token}","user_id":"${player.user_id}","currency_code":"${player.currency}"}`)).errorCode;

  describe('given a player on game 200 with a live token', () => {
    let player: SeededPlayer;
    let newToken: string;

    beforeAll(async () => {
      player = await stack.seedPlayer({ balance: '50.00', game: SEEDED_GAME_ID });
    });

    it('when the provider asks for game 201 then it answers code 0 with a new token for that game and player', async () => {
      const { httpStatus, envelope } = await generateNewToken(switchBody(player.token));
      expect(httpStatus).toBe(200);
      expect(envelope).toEqual({ code: 0, message: 'ok', data: { token: expect.stringMatching(/^[A-Za-z0-9]{20,50}$/), newGameId: NEW_GAME_ID, playerId: player.user_id } });
      newToken = envelope.data!.token;
      expect(newToken).not.toBe(player.token);
      const sessions = await stack.walletQuery<{ token: string; game_id: string; revoked: boolean; replaced_by_token: string | null; same_expiry: boolean }>(
        `SELECT s.token, s.game_id, s.revoked_at IS NOT NULL AS revoked, s.replaced_by_token,
                s.expires_at = (SELECT expires_at FROM game_sessions WHERE token = $1) AS same_expiry
           FROM game_sessions s WHERE s.token IN ($1, $2) ORDER BY s.created_at, s.token = $2`,
        [player.token, newToken],
      );
      expect(sessions).toEqual([
        { token: player.token, game_id: SEEDED_GAME_ID, revoked: true, replaced_by_token: newToken, same_expiry: true },
        { token: newToken, game_id: NEW_GAME_ID, revoked: false, replaced_by_token: null, same_expiry: true },
      ]);
    });

    it('when the old token is used on the Operator API then balance answers OP_21 and authenticate OP_21, at once', async () => {
      expect(await balanceCode(player, player.token)).toBe('OP_21');
      expect((await operatorApi.authenticate(player.token)).errorCode).toBe('OP_21');
      const oldTokenBet = await operatorApi.changeBalance(player, 'BET', '1.00', { gameId: SEEDED_GAME_ID });
      expect([oldTokenBet.status, oldTokenBet.errorCode]).toEqual(['ERROR', 'OP_21']);
    });

    it('when the new token is used then authenticate answers the player, and a BET on game 201 is applied to the cent', async () => {
      const authenticated = await operatorApi.authenticate(newToken);
      expect([authenticated.status, authenticated.data['user_id'], authenticated.balance]).toEqual(['OK', player.user_id, '50.00']);
      const bet = await operatorApi.changeBalance(player, 'BET', '2.50', { token: newToken, gameId: NEW_GAME_ID });
      expect([bet.status, bet.balance]).toEqual(['OK', '47.50']);
      expect(await operatorApi.balance({ ...player, token: newToken })).toBe('47.50');
    });

    it('when the new token is used for a BET on the old game 200 then it answers OP_21: the token is bound to game 201', async () => {
      const bet = await operatorApi.changeBalance(player, 'BET', '1.00', { token: newToken, gameId: SEEDED_GAME_ID });
      expect([bet.status, bet.errorCode]).toEqual(['ERROR', 'OP_21']);
    });

    it('when the identical request is retried then it answers the same new token, and the player still has one live token', async () => {
      const retry = await generateNewToken(switchBody(player.token));
      expect(retry.envelope).toEqual({ code: 0, message: 'ok', data: { token: newToken, newGameId: NEW_GAME_ID, playerId: player.user_id } });
      const live = await stack.walletQuery<{ token: string }>(
        `SELECT s.token FROM game_sessions s JOIN players p ON p.id = s.player_id WHERE p.user_id = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
        [player.user_id],
      );
      expect(live).toEqual([{ token: newToken }]);
    });

    it('when the replaced token is sent for another game (202) then it answers 101: only the live token can switch', async () => {
      expect((await generateNewToken(switchBody(player.token, '202'))).envelope).toEqual({ code: 101, message: 'token not valid', data: null });
    });

    it('when the new token switches on to game 202 then that works, and a late retry of the first switch answers 101', async () => {
      const next = await generateNewToken(switchBody(newToken, '202'));
      expect([next.envelope.code, next.envelope.data?.newGameId]).toEqual([0, '202']);
      expect((await generateNewToken(switchBody(player.token))).envelope).toEqual({ code: 101, message: 'token not valid', data: null });
      expect((await operatorApi.authenticate(newToken)).errorCode).toBe('OP_21');
    });
  });

  describe('given the provider sends the same switch several times at once (a retry racing the original)', () => {
    it('when all are answered then every answer carries the same new token, and the player has one live token', async () => {
      const player = await stack.seedPlayer({ balance: '1.00' });
      const answers = await Promise.all(Array.from({ length: 4 }, () => generateNewToken(switchBody(player.token))));
      const tokens = new Set(answers.map(({ envelope }) => envelope.data?.token));
      expect(answers.map(({ envelope }) => envelope.code)).toEqual([0, 0, 0, 0]);
      expect(tokens.size).toBe(1);
      const live = await stack.walletQuery<{ token: string }>(
        `SELECT s.token FROM game_sessions s JOIN players p ON p.id = s.player_id WHERE p.user_id = $1 AND s.revoked_at IS NULL`,
        [player.user_id],
      );
      expect(live).toEqual([{ token: [...tokens][0] }]);
    });
  });

  describe('given requests the gateway or the wallet must refuse', () => {
    it('when the Hash header is wrong then it answers code 8 and the token stays live', async () => {
      const player = await stack.seedPlayer({ balance: '1.00' });
      const { httpStatus, envelope } = await generateNewToken(switchBody(player.token), { hash: createHash('sha256').update('wrong-key' + switchBody(player.token)).digest('hex') });
      expect([httpStatus, envelope]).toEqual([200, { code: 8, message: 'hash not valid', data: null }]);
      expect((await operatorApi.authenticate(player.token)).status).toBe('OK');
    });

    it('when the platform id is not configured then it answers code 9', async () => {
      const player = await stack.seedPlayer({ balance: '1.00' });
      expect((await generateNewToken(switchBody(player.token), { platformId: 'unknown-platform' })).envelope).toEqual({ code: 9, message: 'platform not valid', data: null });
    });

    it('when the token is unknown then it answers 101', async () => {
      expect((await generateNewToken(switchBody('Q'.repeat(32)))).envelope).toEqual({ code: 101, message: 'token not valid', data: null });
    });

    it('when the token was revoked without a replacement, or has expired, then it answers 101', async () => {
      const revoked = await stack.seedPlayer({ balance: '1.00' });
      const expired = await stack.seedPlayer({ balance: '1.00' });
      await stack.walletQuery(`UPDATE game_sessions SET revoked_at = now() WHERE token = $1`, [revoked.token]);
      await stack.walletQuery(`UPDATE game_sessions SET expires_at = now() - interval '1 second' WHERE token = $1`, [expired.token]);
      expect((await generateNewToken(switchBody(revoked.token))).envelope.code).toBe(101);
      expect((await generateNewToken(switchBody(expired.token))).envelope.code).toBe(101);
    });

    it.each([['1234567'], ['12a'], ['']])('when newGameId is "%s" then it answers 102 and the token stays live', async (gameId) => {
      const player = await stack.seedPlayer({ balance: '1.00' });
      expect((await generateNewToken(switchBody(player.token, gameId))).envelope).toEqual({ code: 102, message: 'request not valid: newGameId: must be 1-6 digits', data: null });
      expect((await operatorApi.authenticate(player.token)).status).toBe('OK');
    });

    it('when the body is over 16 KiB then the envelope answers 102 (not an unsigned 413), the token stays live, and the gateway logs one warn line, no error', async () => {
      const player = await stack.seedPlayer({ balance: '1.00' });
      const oversized = `{"token":"${player.token}","newGameId":"${NEW_GAME_ID}","pad":"${'x'.repeat(17 * 1024)}"}`;
      for (let i = 0; i < 3; i++) {
        const { httpStatus, envelope } = await generateNewToken(oversized);
        expect({ httpStatus, envelope }).toEqual({ httpStatus: 200, envelope: { code: 102, message: 'request not valid: body over 16384 bytes', data: null } });
      }
      expect((await operatorApi.authenticate(player.token)).status).toBe('OK');
      const lines = stack.logOf('gateway-0').split('\n').filter((line) => line.includes('refused: body too-large'));
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]).level).toBe('warn');
      expect(stack.logOf('gateway-0')).not.toMatch(/"level":"error"[^\n]*(PayloadTooLarge|entity too large)/i);
    });
  });
});
