/**
 * The ledger's vocabulary, in one place: what each house account is for and what kind of movement
 * each ledger transaction is. Every posting names one of these kinds; every house account one of
 * these purposes. A new kind of money movement starts here, and the compiler then points at every
 * `switch` that must decide what it means.
 */

/** What a house account holds. A player account has no purpose: it is the player's own money. */
export const HouseAccountPurpose = {
  /** The other side of game play with one platform (scoped by platform id). */
  GamePlay: 'game-play',
  /** Deposits and withdrawals made by the casino's staff. */
  Cashier: 'cashier',
  /** Manual corrections by the casino's staff. */
  Adjustments: 'adjustments',
  /** Tournament and promotion prizes the casino pays (scoped by platform id). */
  Promotions: 'promotions',
  /** Money on its way to or from a transfer-wallet aggregator (scoped by aggregator id). */
  AggregatorInTransit: 'aggregator-in-transit',
  /** Money the casino's players hold at a transfer-wallet aggregator (scoped by aggregator id). */
  AggregatorHeld: 'aggregator-held',
} as const;
export type HouseAccountPurpose = (typeof HouseAccountPurpose)[keyof typeof HouseAccountPurpose];

/** The stored purpose text: `game-play:<platform id>` for scoped purposes, the bare name otherwise. */
export function houseAccountPurposeText(purpose: HouseAccountPurpose, scope?: string): string {
  switch (purpose) {
    case HouseAccountPurpose.GamePlay:
    case HouseAccountPurpose.Promotions:
    case HouseAccountPurpose.AggregatorInTransit:
    case HouseAccountPurpose.AggregatorHeld:
      if (!scope) throw new Error(`house account purpose ${purpose} needs a scope`);
      return `${purpose}:${scope}`;
    case HouseAccountPurpose.Cashier:
    case HouseAccountPurpose.Adjustments:
      if (scope) throw new Error(`house account purpose ${purpose} takes no scope`);
      return purpose;
    default:
      return assertNever(purpose);
  }
}

/** What a ledger transaction is (`ledger_transactions.kind`). */
export const PostingKind = {
  Bet: 'bet',
  Win: 'win',
  Refund: 'refund',
  CancelBet: 'cancel-bet',
  CancelWin: 'cancel-win',
  CancelRefund: 'cancel-refund',
  Deposit: 'deposit',
  Withdrawal: 'withdrawal',
  Adjustment: 'adjustment',
  TournamentWin: 'tournament-win',
  PromoWin: 'promo-win',
  /** A transfer to an aggregator begins: the player's money goes in transit. */
  AggregatorDepositSent: 'aggregator-deposit-sent',
  /** The aggregator applied it: in transit → held at the aggregator. */
  AggregatorDepositPosted: 'aggregator-deposit-posted',
  /** It was not applied: in transit → back to the player. */
  AggregatorDepositVoided: 'aggregator-deposit-voided',
  /** A transfer from an aggregator begins: money held there goes in transit. */
  AggregatorWithdrawSent: 'aggregator-withdraw-sent',
  /** The aggregator applied it: in transit → the player. */
  AggregatorWithdrawPosted: 'aggregator-withdraw-posted',
  /** It was not applied: in transit → back to held at the aggregator. */
  AggregatorWithdrawVoided: 'aggregator-withdraw-voided',
} as const;
export type PostingKind = (typeof PostingKind)[keyof typeof PostingKind];

/** For a `switch` that must handle every case: the compiler fails here when one is missing. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${String(value)}`);
}
