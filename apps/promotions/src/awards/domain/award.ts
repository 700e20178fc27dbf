import { AwardKind, PromotionCreditKind, type AwardErrorKind, type AwardWinCommand } from '@wallet-platform/contracts';

/**
 * An award is recorded `crediting` before the wallet is asked to pay it, and only then:
 *
 *   crediting ──► credited   (the wallet paid it: balance and ledger transaction kept)
 *       │    └──► refused    (the wallet refused it for good: the kind kept)
 *       └── (no answer) stays crediting: the provider's retry or the recovery pass asks again
 *
 * The wallet's credit is idempotent on the award id, so asking again after any crash pays once.
 */
export const AwardState = { Crediting: 'crediting', Credited: 'credited', Refused: 'refused' } as const;
export type AwardState = (typeof AwardState)[keyof typeof AwardState];

export interface Award {
  /** Our id (bigserial); the wallet knows the award as `awardIdOf(award)`. */
  readonly id: string;
  readonly platformId: string;
  readonly operatorId: string;
  readonly kind: AwardKind;
  readonly transactionId: string;
  readonly externalReferenceId: string | null;
  readonly playerId: string;
  readonly gameId: string;
  /** DECIMAL(18,2) literal. */
  readonly amount: string;
  readonly currency: string;
  /** The free-round campaign whose grant the externalReferenceId names, or null. */
  readonly campaignId: string | null;
  readonly campaignReference: string | null;
  readonly state: AwardState;
  readonly refusalKind: AwardErrorKind | null;
  readonly balanceAfter: string | null;
  readonly ledgerTransactionId: string | null;
}

/** Our reference of an award, the wallet's idempotency key: `award-<id>`. */
export function awardIdOf(award: Pick<Award, 'id'>): string {
  return `award-${award.id}`;
}

/**
 * A retry is the same award when everything that decides the payment is the same. The token is
 * left out on purpose: the provider may retry with the player's newer session.
 */
export function isSameAward(award: Award, command: AwardWinCommand): boolean {
  return (
    award.kind === command.kind &&
    award.playerId === command.userId &&
    award.gameId === command.gameId &&
    award.amount === command.amount &&
    award.currency === command.currency &&
    award.externalReferenceId === command.externalReferenceId
  );
}

export function creditKindOf(kind: AwardKind): PromotionCreditKind {
  switch (kind) {
    case AwardKind.TournamentWin:
      return PromotionCreditKind.TournamentWin;
    case AwardKind.PromoWin:
      return PromotionCreditKind.PromoWin;
    default:
      return unreachable(kind);
  }
}

function unreachable(value: never): never {
  throw new Error(`unhandled award kind ${String(value)}`);
}
