import { AwardErrorKind, WalletErrorKind, type AwardWinReply } from '@wallet-platform/contracts';
import { awardReplyOf } from './promotions-client';

describe('awardReplyOf', () => {
  it('given the transport\'s own INTERNAL (the handler threw) then the answer is UNAVAILABLE (103: retry)', () => {
    expect(awardReplyOf({ ok: false, error: { kind: WalletErrorKind.Internal, message: 'internal error' } } as unknown as AwardWinReply)).toEqual({
      ok: false,
      error: { kind: AwardErrorKind.Unavailable, message: 'Unavailable' },
    });
  });

  it('given an award refusal or a success then it is passed on as it is', () => {
    const refused: AwardWinReply = { ok: false, error: { kind: AwardErrorKind.ReferenceConflict, message: 'x' } };
    const paid: AwardWinReply = { ok: true, result: { balance: '1.00', currency: 'EUR', awardId: 'award-1' } };
    expect(awardReplyOf(refused)).toBe(refused);
    expect(awardReplyOf(paid)).toBe(paid);
  });
});
