import { createHash } from 'node:crypto';
import { WalletCommandType, WalletErrorKind, type WalletReply, type RegenerateSessionResult } from '@wallet-platform/contracts';
import type { ChoiceGamingPlatformDirectory } from '../gateway.config';
import type { WalletClient } from '@wallet-platform/wallet-client';
import { ChoiceGamingService } from './choice-gaming.service';

const PRIVATE_KEY = 'cg-private-key-0123456789';
const OLD_TOKEN = 'OldToken0123456789AbCdEf';
const NEW_TOKEN = 'NewToken0123456789AbCdEf';
const PLATFORMS: ChoiceGamingPlatformDirectory = new Map([['choice-gaming', { platformId: 'choice-gaming', operatorId: 'examplecasino', privateKey: PRIVATE_KEY }]]);

function sign(body: string): string {
  return createHash('sha256').update(PRIVATE_KEY + body, 'utf8').digest('hex');
}

/** A wallet that records the calls it gets and answers what the test says. */
function fakeWallet(reply: WalletReply<RegenerateSessionResult>): { wallet: WalletClient; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const wallet = { call: async (...args: unknown[]) => (calls.push(args), reply) } as unknown as WalletClient;
  return { wallet, calls };
}

const BODY = `{"token":"${OLD_TOKEN}","newGameId":"123"}`;
const REGENERATED: WalletReply<RegenerateSessionResult> = {
  ok: true,
  result: { token: NEW_TOKEN, userId: 'player42', gameId: '123', expiresAt: '2030-01-01T00:00:00.000Z' },
};

describe('ChoiceGamingService.generateNewToken', () => {
  describe('given a configured platform and a signed request', () => {
    it('when the wallet regenerates then the answer is code 0 with the new token, and the wallet was asked once, keyed by the old token', async () => {
      const { wallet, calls } = fakeWallet(REGENERATED);
      const answer = await new ChoiceGamingService(PLATFORMS, wallet).generateNewToken('choice-gaming', sign(BODY), Buffer.from(BODY));
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
      expect((await new ChoiceGamingService(PLATFORMS, wallet).generateNewToken('choice-gaming', sign(BODY), Buffer.from(BODY))).body).toBe(body);
    });
  });

  describe('given a request the gateway refuses itself', () => {
    it('when the platform is not configured then code 9, and the wallet is not asked', async () => {
      const { wallet, calls } = fakeWallet(REGENERATED);
      const answer = await new ChoiceGamingService(new Map(), wallet).generateNewToken('choice-gaming', sign(BODY), Buffer.from(BODY));
      expect(answer.body).toBe('{"code":9,"message":"platform not valid","data":null}');
      expect(calls).toHaveLength(0);
    });

    it('when the Hash header is wrong then code 8, and the wallet is not asked', async () => {
      const { wallet, calls } = fakeWallet(REGENERATED);
      const answer = await new ChoiceGamingService(PLATFORMS, wallet).generateNewToken('choice-gaming', sign(`${BODY} `), Buffer.from(BODY));
      expect(answer.body).toBe('{"code":8,"message":"hash not valid","data":null}');
      expect(calls).toHaveLength(0);
    });

    it('when newGameId has 7 digits then code 102, and the wallet is not asked', async () => {
      const { wallet, calls } = fakeWallet(REGENERATED);
      const body = `{"token":"${OLD_TOKEN}","newGameId":"1234567"}`;
      const answer = await new ChoiceGamingService(PLATFORMS, wallet).generateNewToken('choice-gaming', sign(body), Buffer.from(body));
      expect(answer.body).toBe('{"code":102,"message":"request not valid: newGameId: must be 1-6 digits","data":null}');
      expect(calls).toHaveLength(0);
    });
  });
});
