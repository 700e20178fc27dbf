import { GameTransactionType, LedgerEventType, type LedgerEventMessage } from '@wallet-platform/contracts';

/** The platform's `context.reason` of a win paid from free rounds a promotion granted. */
export const PROMO_FREESPIN_REASON = 'PROMO-FREESPIN';

/** Bounds of what is stored (the columns of campaign_free_spin_wins); an event beyond them is not ours to count. */
const CAMPAIGN_CODE_LENGTH_MAX = 40;
const ID_LENGTH_MAX = 40;
const AMOUNT_PATTERN = /^[0-9]{1,16}\.[0-9]{2}$/;

/** A free-spin win (or its cancellation, negative) that a campaign code names. */
export interface FreeSpinWin {
  readonly ledgerTransactionId: string;
  readonly campaignCode: string;
  readonly platformId: string;
  readonly userId: string;
  readonly transactionId: string;
  /** Signed DECIMAL(18,2) literal: a canceled win counts back. */
  readonly amount: string;
  readonly currency: string;
  readonly occurredAt: string;
}

/**
 * Reads one `wallet.ledger-events` message and keeps it only when it is a WIN (applied or
 * canceled) with reason PROMO-FREESPIN and a campaign code: every other event, and a message we
 * cannot read, is not a free-spin win (reporting keeps the full record of every event).
 */
export function freeSpinWinOf(value: Buffer | null): FreeSpinWin | null {
  if (value === null) return null;
  let message: LedgerEventMessage;
  try {
    message = JSON.parse(value.toString('utf8')) as LedgerEventMessage;
  } catch {
    return null;
  }
  const event = message?.event;
  if (event?.eventType !== LedgerEventType.GameTransactionApplied && event?.eventType !== LedgerEventType.GameTransactionCanceled) return null;
  if (event.transactionType !== GameTransactionType.Win || event.reason !== PROMO_FREESPIN_REASON) return null;
  const code = event.campaignCode;
  if (typeof code !== 'string' || code.length === 0 || code.length > CAMPAIGN_CODE_LENGTH_MAX) return null;
  if (typeof event.amount !== 'string' || !AMOUNT_PATTERN.test(event.amount)) return null;
  if (typeof event.ledgerTransactionId !== 'string' || event.ledgerTransactionId.length > ID_LENGTH_MAX) return null;
  const canceled = event.eventType === LedgerEventType.GameTransactionCanceled;
  return {
    ledgerTransactionId: event.ledgerTransactionId,
    campaignCode: code,
    platformId: event.platformId,
    userId: event.userId,
    transactionId: event.transactionId,
    amount: canceled && !/^0+\.00$/.test(event.amount) ? `-${event.amount}` : event.amount,
    currency: event.currency,
    occurredAt: event.occurredAt,
  };
}
