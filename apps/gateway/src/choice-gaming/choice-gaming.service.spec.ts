import { createHash } from 'node:crypto';
import { AwardErrorKind, AwardKind, WalletCommandType, WalletErrorKind, type AwardWinCommand, type AwardWinReply, type WalletReply, type RegenerateSessionResult } from '@wallet-platform/contracts';
import { Secret } from '@wallet-platform/platform-registry';
import type { ChoiceGamingPlatformDirectory } from '../gateway.config';
import type { WalletClient } from '@wallet-platform/wallet-client';
import { ChoiceGamingService } from './choice-gaming.service';

const PRIVATE_KEY = 'cg-private-key-0123456789';
const OLD_TOKEN = 'OldToken0123456789AbCdEf';
const NEW_TOKEN = 'NewToken0123456789AbCdEf';
const PLATFORMS: ChoiceGamingPlatformDirectory = new Map([['choice-gaming', { platformId: 'choice-gaming', operatorId: 'examplecasino', privateKey: new Secret(PRIVATE_KEY) }]]);

function sign(body: string): string {
  return createHash('sha256').update(PRIVATE_KEY + body, 'utf8').digest('hex');
}

/** A wallet that records the calls it gets and answers what the test says. */
function fakeWallet(reply: WalletReply<RegenerateSessionResult>): { wallet: WalletClient; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const wallet = { call: async (...args: unknown[]) => (calls.push(args), reply) } as unknown as WalletClient;
  return { wallet, calls };
}

/** The prize endpoints are not under test here: a call to them fails the test. */
const NO_PROMOTIONS = { awardWin: async () => Promise.reject(new Error('promotions must not be asked')) };

const BODY = `{"token":"${OLD_TOKEN}","newGameId":"123"}`;
const REGENERATED: WalletReply<RegenerateSessionResult> = {
  ok: true,
  result: { token: NEW_TOKEN, userId: 'player42', gameId: '123', expiresAt: '2030-01-01T00:00:00.000Z' },
};

describe('ChoiceGamingService.generateNewToken', () => {
  describe('given a configured platform and a signed request', () => {
    it('when the wallet regenerates then the answer is code 0 with the new token, and the wallet was asked once, keyed by the old token', async () => {
      const { wallet, calls } = fakeWallet(REGENERATED);
      const answer = await new ChoiceGamingService(PLATFORMS, wallet, NO_PROMOTIONS).generateNewToken('choice-gaming', sign(BODY), Buffer.from(BODY));
      expect(answer).toEqual({ httpStatus: 200, body: `{"code":0,"message":"ok","data":{"token":"${NEW_TOKEN}","newGameId":"123","playerId":"player42"}}` });
      expect(calls).toEqual([
        [
          WalletCommandType.RegenerateSession,
          'examplecasino',
          `token:${OLD_TOKEN}`,
          { caller: { platformId: 'choice-gaming', operatorId: 'examplecasino' }, token: OLD_TOKEN, newGameId: '123' },
        ],
      ]);
    });

    it.each([
      [WalletErrorKind.InvalidToken, '{"code":101,"message":"token not valid","data":null}'],
      [WalletErrorKind.Timeout, '{"code":104,"message":"timeout","data":null}'],
      [WalletErrorKind.Internal, '{"code":103,"message":"internal error","data":null}'],
    ])('when the wallet refuses with %s then the answer is %s', async (kind, body) => {
      const { wallet } = fakeWallet({ ok: false, error: { kind, message: 'x' } });
      expect((await new ChoiceGamingService(PLATFORMS, wallet, NO_PROMOTIONS).generateNewToken('choice-gaming', sign(BODY), Buffer.from(BODY))).body).toBe(body);
    });
  });

  describe('given a request the gateway refuses itself', () => {
    it('when the platform is not configured then code 9, and the wallet is not asked', async () => {
      const { wallet, calls } = fakeWallet(REGENERATED);
      const answer = await new ChoiceGamingService(new Map(), wallet, NO_PROMOTIONS).generateNewToken('choice-gaming', sign(BODY), Buffer.from(BODY));
      expect(answer.body).toBe('{"code":9,"message":"platform not valid","data":null}');
      expect(calls).toHaveLength(0);
    });

    it('when the Hash header is wrong then code 8, and the wallet is not asked', async () => {
      const { wallet, calls } = fakeWallet(REGENERATED);
      const answer = await new ChoiceGamingService(PLATFORMS, wallet, NO_PROMOTIONS).generateNewToken('choice-gaming', sign(`${BODY} `), Buffer.from(BODY));
      expect(answer.body).toBe('{"code":8,"message":"hash not valid","data":null}');
      expect(calls).toHaveLength(0);
    });

    it('when newGameId has 7 digits then code 102, and the wallet is not asked', async () => {
      const { wallet, calls } = fakeWallet(REGENERATED);
      const body = `{"token":"${OLD_TOKEN}","newGameId":"1234567"}`;
      const answer = await new ChoiceGamingService(PLATFORMS, wallet, NO_PROMOTIONS).generateNewToken('choice-gaming', sign(body), Buffer.from(body));
      expect(answer.body).toBe('{"code":102,"message":"request not valid: newGameId: must be 1-6 digits","data":null}');
      expect(calls).toHaveLength(0);
    });
  });
});

/** A promotions service that records the commands it gets and answers what the test says. */
function fakePromotions(reply: AwardWinReply): { promotions: { awardWin: (command: AwardWinCommand) => Promise<AwardWinReply> }; calls: AwardWinCommand[] } {
  const calls: AwardWinCommand[] = [];
  return { promotions: { awardWin: async (command) => (calls.push(command), reply) }, calls };
}

const NO_WALLET = {} as WalletClient;
const PROMO_BODY = `{"externalToken":"${OLD_TOKEN}","playerId":"player42","gameId":"123","transactionId":"124677","externalReferenceId":"cmp-1:player42","amount":10,"currency":"EUR"}`;
const TOURNAMENT_BODY = `{"externalToken":"${OLD_TOKEN}","playerId":"player42","gameId":123,"transactionId":"t-1","amount":0.3,"currency":"EUR"}`;
const CREDITED: AwardWinReply = { ok: true, result: { balance: '110.30', currency: 'EUR', awardId: 'award-7' } };

describe('ChoiceGamingService prizes (/promoWin, /tournamentWin)', () => {
  it('given a signed /promoWin when the promotions service credits then code 0 with the balance as a JSON number, and the command carries the decimal amount and the reference', async () => {
    const { promotions, calls } = fakePromotions(CREDITED);
    const answer = await new ChoiceGamingService(PLATFORMS, NO_WALLET, promotions).promoWin('choice-gaming', sign(PROMO_BODY), Buffer.from(PROMO_BODY));
    expect(answer.body).toBe('{"code":0,"message":"ok","data":{"balance":110.30,"currency":"EUR","awardId":"award-7"}}');
    expect(calls).toEqual([
      {
        caller: { platformId: 'choice-gaming', operatorId: 'examplecasino' },
        kind: AwardKind.PromoWin,
        token: OLD_TOKEN,
        userId: 'player42',
        gameId: '123',
        transactionId: '124677',
        externalReferenceId: 'cmp-1:player42',
        amount: '10.00',
        currency: 'EUR',
      },
    ]);
  });

  it('given a signed /tournamentWin with a numeric gameId and 0.3 when forwarded then the amount is exactly 0.30 and no reference is sent', async () => {
    const { promotions, calls } = fakePromotions(CREDITED);
    await new ChoiceGamingService(PLATFORMS, NO_WALLET, promotions).tournamentWin('choice-gaming', sign(TOURNAMENT_BODY), Buffer.from(TOURNAMENT_BODY));
    expect(calls.map((c) => [c.kind, c.gameId, c.amount, c.externalReferenceId])).toEqual([[AwardKind.TournamentWin, '123', '0.30', null]]);
  });

  it.each([
    [AwardErrorKind.InvalidToken, '{"code":101,"message":"token not valid","data":null}'],
    [AwardErrorKind.TransactionConflict, '{"code":105,"message":"transaction not valid","data":null}'],
    [AwardErrorKind.ReferenceConflict, '{"code":106,"message":"reference not valid","data":null}'],
    [AwardErrorKind.ReferenceOfAnotherPlayer, '{"code":106,"message":"reference not valid","data":null}'],
    [AwardErrorKind.CurrencyMismatch, '{"code":107,"message":"currency not valid","data":null}'],
    [AwardErrorKind.PlayerNotFound, '{"code":108,"message":"player not valid","data":null}'],
    [AwardErrorKind.NotPayable, '{"code":102,"message":"request not valid","data":null}'],
    [AwardErrorKind.Timeout, '{"code":104,"message":"timeout","data":null}'],
    [AwardErrorKind.Unavailable, '{"code":103,"message":"internal error","data":null}'],
    [AwardErrorKind.InvalidCommand, '{"code":103,"message":"internal error","data":null}'],
  ])('given the promotions service refuses with %s then the answer is %s', async (kind, body) => {
    const { promotions } = fakePromotions({ ok: false, error: { kind, message: 'x' } });
    expect((await new ChoiceGamingService(PLATFORMS, NO_WALLET, promotions).promoWin('choice-gaming', sign(PROMO_BODY), Buffer.from(PROMO_BODY))).body).toBe(body);
  });

  it('given a wrong Hash or an unknown platform then 8 or 9 and the promotions service is not asked', async () => {
    const { promotions, calls } = fakePromotions(CREDITED);
    const service = new ChoiceGamingService(PLATFORMS, NO_WALLET, promotions);
    expect((await service.promoWin('choice-gaming', sign(`${PROMO_BODY} `), Buffer.from(PROMO_BODY))).body).toBe('{"code":8,"message":"hash not valid","data":null}');
    expect((await service.tournamentWin('other', sign(TOURNAMENT_BODY), Buffer.from(TOURNAMENT_BODY))).body).toBe('{"code":9,"message":"platform not valid","data":null}');
    expect(calls).toHaveLength(0);
  });
});

describe('ChoiceGamingService.refuseUnreadBody (a body over the limit, never read)', () => {
  const NO_WALLET_CALL = { call: async () => Promise.reject(new Error('the wallet must not be asked')) } as unknown as WalletClient;

  it('given a configured platform then the envelope answers 102 (a retry of the same bytes never passes), and nobody is asked', () => {
    const service = new ChoiceGamingService(PLATFORMS, NO_WALLET_CALL, NO_PROMOTIONS, { event: () => undefined });
    expect(service.refuseUnreadBody('choice-gaming', 'too-large', '203.0.113.7')).toEqual({
      httpStatus: 200,
      body: '{"code":102,"message":"request not valid: body over 16384 bytes","data":null}',
    });
    expect(service.refuseUnreadBody('choice-gaming', 'unreadable', '203.0.113.7').body).toBe('{"code":102,"message":"request not valid: body could not be read","data":null}');
  });

  it('given an unknown platform then 9', () => {
    expect(new ChoiceGamingService(PLATFORMS, NO_WALLET_CALL, NO_PROMOTIONS).refuseUnreadBody('nowhere', 'too-large', undefined).body).toBe('{"code":9,"message":"platform not valid","data":null}');
  });

  it('given many refusals from one source then one warn line a minute, carrying the count of the others; another source gets its own line', () => {
    const lines: Array<[string, string, Record<string, unknown> | undefined]> = [];
    const service = new ChoiceGamingService(PLATFORMS, NO_WALLET_CALL, NO_PROMOTIONS, { event: (level: string, _context: string, message: string, fields?: Record<string, unknown>) => void lines.push([level, message, fields]) } as never);
    for (let i = 0; i < 5; i++) service.refuseUnreadBody('choice-gaming', 'too-large', '203.0.113.7');
    service.refuseUnreadBody('choice-gaming', 'too-large', '203.0.113.8');
    expect(lines).toEqual([
      ['warn', 'refused: body too-large', { platformId: 'choice-gaming', refusal: 'too-large', source: '203.0.113.7', similarSinceLastLine: 0 }],
      ['warn', 'refused: body too-large', { platformId: 'choice-gaming', refusal: 'too-large', source: '203.0.113.8', similarSinceLastLine: 0 }],
    ]);
  });
});
