import { AMOUNT_SCALE, Money, currencyCodeOf } from '@wallet-platform/money';
import { PostingKind } from '../ledger/ledger-kinds';
import { stepTouchesPlayer, TRANSFER_POSTINGS, TransferDirection, transferLegs, transferPostingKey, TransferStep } from './transfer-state';

describe('transfer postings', () => {
  const amount = Money.parseOrThrow('12.34', AMOUNT_SCALE, currencyCodeOf('EUR'));
  const accounts = { player: 'P', inTransit: 'T', held: 'H' };

  /** What each account gains over a sequence of steps, in cents. */
  function net(direction: TransferDirection, steps: TransferStep[]): Record<string, string> {
    const totals: Record<string, bigint> = { P: 0n, T: 0n, H: 0n };
    for (const step of steps) {
      const { legs } = transferLegs(direction, step, amount, accounts);
      expect(legs.reduce((sum, leg) => sum.add(leg.amount), Money.zero(AMOUNT_SCALE, currencyCodeOf('EUR'))).isZero()).toBe(true);
      for (const leg of legs) totals[leg.accountId] += BigInt(leg.amount.toDecimalString().replace('.', ''));
    }
    return Object.fromEntries(Object.entries(totals).map(([account, cents]) => [account, cents.toString()]));
  }

  it('a posted deposit moves the player to held, a voided one changes nothing; the mirror for withdraw', () => {
    expect(net(TransferDirection.Deposit, [TransferStep.Sent])).toEqual({ P: '-1234', T: '1234', H: '0' });
    expect(net(TransferDirection.Deposit, [TransferStep.Sent, TransferStep.Posted])).toEqual({ P: '-1234', T: '0', H: '1234' });
    expect(net(TransferDirection.Deposit, [TransferStep.Sent, TransferStep.Voided])).toEqual({ P: '0', T: '0', H: '0' });
    expect(net(TransferDirection.Withdraw, [TransferStep.Sent])).toEqual({ P: '0', T: '1234', H: '-1234' });
    expect(net(TransferDirection.Withdraw, [TransferStep.Sent, TransferStep.Posted])).toEqual({ P: '1234', T: '0', H: '-1234' });
    expect(net(TransferDirection.Withdraw, [TransferStep.Sent, TransferStep.Voided])).toEqual({ P: '0', T: '0', H: '0' });
  });

  it('every direction and step has its own posting kind; only the player-side steps need the lock', () => {
    const kinds = Object.values(TRANSFER_POSTINGS).flatMap((steps) => Object.values(steps).map((posting) => posting.kind));
    expect(new Set(kinds).size).toBe(6);
    expect(kinds.every((kind) => Object.values(PostingKind).includes(kind))).toBe(true);
    expect(
      Object.values(TransferDirection).flatMap((direction) => Object.values(TransferStep).filter((step) => stepTouchesPlayer(direction, step)).map((step) => `${direction}:${step}`)),
    ).toEqual(['deposit:sent', 'deposit:voided', 'withdraw:posted']);
    expect(transferPostingKey('0b8f', TransferStep.Voided)).toBe('aggregator-transfer:0b8f:voided');
  });
});
