import type { Money } from '@wallet-platform/money';
import { postingIdempotencyKey } from '../idempotency/idempotency';
import { HouseAccountPurpose, houseAccountPurposeText, PostingKind } from '../ledger/ledger-kinds';
import type { PostingLeg } from '../ledger/ledger-posting';

/** Which way the money goes: `deposit` to the aggregator, `withdraw` back from it (the aggregator's call names). */
export const TransferDirection = { Deposit: 'deposit', Withdraw: 'withdraw' } as const;
export type TransferDirection = (typeof TransferDirection)[keyof typeof TransferDirection];

/**
 * A transfer's state (the migration's trigger allows exactly these transitions):
 * - `pending`: money in transit, the call not sent (and, once stale, never to be sent);
 * - `sending`: the balance before is recorded and the call may be on its way;
 * - `unknown`: the call's answer was lost: only the aggregator's own state can tell;
 * - `posted`: the aggregator applied it; `voided`: it did not, the money went back.
 */
export const TransferState = { Pending: 'pending', Sending: 'sending', Unknown: 'unknown', Posted: 'posted', Voided: 'voided' } as const;
export type TransferState = (typeof TransferState)[keyof typeof TransferState];

export const OPEN_TRANSFER_STATES: readonly TransferState[] = [TransferState.Pending, TransferState.Sending, TransferState.Unknown];

/** The three ledger postings of a transfer's life: it starts (`sent`), and ends `posted` or `voided`. */
export const TransferStep = { Sent: 'sent', Posted: 'posted', Voided: 'voided' } as const;
export type TransferStep = (typeof TransferStep)[keyof typeof TransferStep];

/** The accounts a transfer's postings move money between. */
type TransferAccount = 'player' | 'in-transit' | 'held';

/**
 * Every posting of every transfer, as a total map: the kind, and where the amount comes from and
 * goes to. The compiler insists on every direction × step.
 */
export const TRANSFER_POSTINGS: Readonly<Record<TransferDirection, Readonly<Record<TransferStep, { readonly kind: PostingKind; readonly from: TransferAccount; readonly to: TransferAccount }>>>> = {
  [TransferDirection.Deposit]: {
    [TransferStep.Sent]: { kind: PostingKind.AggregatorDepositSent, from: 'player', to: 'in-transit' },
    [TransferStep.Posted]: { kind: PostingKind.AggregatorDepositPosted, from: 'in-transit', to: 'held' },
    [TransferStep.Voided]: { kind: PostingKind.AggregatorDepositVoided, from: 'in-transit', to: 'player' },
  },
  [TransferDirection.Withdraw]: {
    [TransferStep.Sent]: { kind: PostingKind.AggregatorWithdrawSent, from: 'held', to: 'in-transit' },
    [TransferStep.Posted]: { kind: PostingKind.AggregatorWithdrawPosted, from: 'in-transit', to: 'player' },
    [TransferStep.Voided]: { kind: PostingKind.AggregatorWithdrawVoided, from: 'in-transit', to: 'held' },
  },
};

/** The house account purposes of one aggregator. */
export function transferHousePurposes(aggregatorId: string): { readonly inTransit: string; readonly held: string } {
  return {
    inTransit: houseAccountPurposeText(HouseAccountPurpose.AggregatorInTransit, aggregatorId),
    held: houseAccountPurposeText(HouseAccountPurpose.AggregatorHeld, aggregatorId),
  };
}

/** Whether a step's posting touches the player's own account (it then needs the player's lock fence). */
export function stepTouchesPlayer(direction: TransferDirection, step: TransferStep): boolean {
  const posting = TRANSFER_POSTINGS[direction][step];
  return posting.from === 'player' || posting.to === 'player';
}

/** The legs of one step: the amount leaves `from` and arrives at `to`. */
export function transferLegs(
  direction: TransferDirection,
  step: TransferStep,
  amount: Money,
  accounts: { readonly player: string; readonly inTransit: string; readonly held: string },
): { readonly kind: PostingKind; readonly legs: readonly PostingLeg[] } {
  const posting = TRANSFER_POSTINGS[direction][step];
  const idOf = (account: TransferAccount): string => (account === 'player' ? accounts.player : account === 'in-transit' ? accounts.inTransit : accounts.held);
  const kindOf = (account: TransferAccount): 'player' | 'house' => (account === 'player' ? 'player' : 'house');
  return {
    kind: posting.kind,
    legs: [
      { accountId: idOf(posting.from), accountKind: kindOf(posting.from), amount: amount.negate() },
      { accountId: idOf(posting.to), accountKind: kindOf(posting.to), amount },
    ],
  };
}

/** The ledger idempotency key of a step: one posting per transfer and step, whoever writes it. */
export function transferPostingKey(transferId: string, step: TransferStep): string {
  return postingIdempotencyKey({ kind: 'aggregator-transfer', transferId, step });
}
