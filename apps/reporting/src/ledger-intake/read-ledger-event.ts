import { GameTransactionType, LedgerEventType, PromotionCreditKind } from '@wallet-platform/contracts';
import { AMOUNT_SCALE, isCurrencyCode, Money, RAKE_SCALE, type CurrencyCode } from '@wallet-platform/money';
import { dayOfGameTransaction, payoutKindOf } from './game-figures';
import {
  AGGREGATOR_BALANCE_LENGTH_MAX,
  AGGREGATOR_ID_LENGTH_MAX,
  AGGREGATOR_USERNAME_LENGTH_MAX,
  AWARD_ID_LENGTH_MAX,
  CAMPAIGN_CODE_LENGTH_MAX,
  EVENT_ID_LENGTH_MAX,
  GAME_ID_LENGTH_MAX,
  OPERATOR_ID_LENGTH_MAX,
  PLATFORM_ID_LENGTH_MAX,
  REASON_LENGTH_MAX,
  TRANSACTION_ID_LENGTH_MAX,
  TRANSFER_ID_LENGTH_MAX,
  USER_ID_LENGTH_MAX,
  VENDOR_LENGTH_MAX,
} from './ledger-intake.limits';
import { UNKNOWN_VENDOR, type AggregatorTransferFact, type ReportableEvent } from './reportable-event';

/** A message that cannot be reported: kept aside with the reason, never silently dropped. */
export interface RejectedLedgerMessage {
  /** The message's event id when it has a readable one, else a stand-in made from its offset. */
  readonly eventId: string | null;
  readonly reason: string;
}

export type LedgerMessageReading = { readonly ok: true; readonly event: ReportableEvent } | ({ readonly ok: false } & RejectedLedgerMessage);

class MessageShapeError extends Error {}

/**
 * Reads one `wallet.ledger-events` message value (a LedgerEventMessage as JSON) into what the
 * reports need, checking every field it uses against the limits of the reporting database. The
 * wallet is trusted to send well-formed events, but a bad one must not stop the partition nor be
 * stored half-read: it is answered with a precise reason.
 */
export function readLedgerMessage(value: Buffer | null): LedgerMessageReading {
  if (value === null) return { ok: false, eventId: null, reason: 'message has no value' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    return { ok: false, eventId: null, reason: 'message value is not JSON' };
  }
  const eventId = isRecord(parsed) ? parsed['eventId'] : undefined;
  if (typeof eventId !== 'string' || eventId.length === 0 || eventId.length > EVENT_ID_LENGTH_MAX) {
    return { ok: false, eventId: null, reason: `eventId must be a string of 1-${EVENT_ID_LENGTH_MAX} characters` };
  }
  try {
    return { ok: true, event: readEvent(eventId, (parsed as Record<string, unknown>)['event']) };
  } catch (error) {
    if (error instanceof MessageShapeError) return { ok: false, eventId, reason: error.message };
    throw error;
  }
}

function readEvent(eventId: string, event: unknown): ReportableEvent {
  if (!isRecord(event)) throw new MessageShapeError('event must be an object');
  const eventType = text(event, 'eventType', 40) as LedgerEventType;
  switch (eventType) {
    case LedgerEventType.CashierOperationApplied:
      return { kind: 'not-reported', eventId };
    // Tournament and promotion prizes: never in the game figures (they are no game win), counted
    // in figures of their own per day, vendor, currency and campaign.
    case LedgerEventType.PromotionCreditApplied: {
      const currency = currencyCode(event);
      const committed = new Date(text(event, 'occurredAt', 40));
      if (Number.isNaN(committed.getTime())) throw new MessageShapeError('occurredAt is not a UTC time');
      const vendor = optionalText(event, 'vendor', VENDOR_LENGTH_MAX);
      const amount = nonNegativeMoney(text(event, 'amount', 64), AMOUNT_SCALE, currency, 'amount');
      if (amount.isZero()) throw new MessageShapeError('amount of a promotion credit must be positive');
      const credit = {
        platformId: text(event, 'platformId', PLATFORM_ID_LENGTH_MAX),
        operatorId: text(event, 'operatorId', OPERATOR_ID_LENGTH_MAX),
        awardId: text(event, 'awardId', AWARD_ID_LENGTH_MAX),
        userId: text(event, 'userId', USER_ID_LENGTH_MAX),
        day: committed.toISOString().slice(0, 10),
        vendor: vendor === null || vendor === '' ? UNKNOWN_VENDOR : vendor,
        currency,
        kind: promotionCreditKind(event),
        campaignCode: optionalText(event, 'campaignCode', CAMPAIGN_CODE_LENGTH_MAX) ?? '',
        amount,
      };
      return { kind: 'promotion-credit-applied', eventId, credit };
    }
    case LedgerEventType.GameTransactionCanceled:
      return { kind: 'game-transaction-canceled', eventId, key: transactionKey(event) };
    // Not money of the game reports: the facts reconciliation against the aggregator's report needs.
    case LedgerEventType.AggregatorTransferChanged:
      return { kind: 'aggregator-transfer-changed', eventId, fact: aggregatorTransferFact(event) };
    case LedgerEventType.GameTransactionApplied: {
      const currency = currencyCode(event);
      const transactionType = gameTransactionType(event);
      const reason = optionalText(event, 'reason', REASON_LENGTH_MAX);
      const vendor = optionalText(event, 'vendor', VENDOR_LENGTH_MAX);
      const rake = optionalText(event, 'rake', 64);
      const platformCreatedAt = optionalText(event, 'platformCreatedAt', 19);
      const occurredAt = text(event, 'occurredAt', 40);
      const day = dayOfGameTransaction(platformCreatedAt, occurredAt);
      if (day === null) throw new MessageShapeError('occurredAt / platformCreatedAt is not a UTC time');
      const transaction = {
        key: transactionKey(event),
        userId: text(event, 'userId', USER_ID_LENGTH_MAX),
        day,
        vendor: vendor === null || vendor === '' ? UNKNOWN_VENDOR : vendor,
        gameId: text(event, 'gameId', GAME_ID_LENGTH_MAX),
        currency,
        transactionType,
        payoutKind: transactionType === GameTransactionType.Win ? payoutKindOf(reason) : null,
        amount: nonNegativeMoney(text(event, 'amount', 64), AMOUNT_SCALE, currency, 'amount'),
        rake: rake === null ? null : nonNegativeMoney(rake, RAKE_SCALE, currency, 'rake'),
      };
      return { kind: 'game-transaction-applied', eventId, transaction };
    }
    default:
      return unknownEventType(eventType);
  }
}

/** Compile-time exhaustiveness: a new LedgerEventType fails the build here until it is handled. */
function unknownEventType(eventType: never): never {
  throw new MessageShapeError(`unknown eventType ${JSON.stringify(String(eventType).slice(0, 40))}`);
}

const PLAIN_DECIMAL = /^-?[0-9]{1,30}(\.[0-9]{1,18})?$/;

function aggregatorTransferFact(event: Record<string, unknown>): AggregatorTransferFact {
  const currency = currencyCode(event);
  const direction = text(event, 'direction', 8);
  if (direction !== 'deposit' && direction !== 'withdraw') throw new MessageShapeError('direction must be deposit or withdraw');
  const state = text(event, 'state', 8);
  if (state !== 'pending' && state !== 'posted' && state !== 'voided') throw new MessageShapeError('state must be pending, posted or voided');
  const amount = nonNegativeMoney(text(event, 'amount', 64), AMOUNT_SCALE, currency, 'amount');
  if (amount.isZero()) throw new MessageShapeError('amount of a transfer must be positive');
  const balanceBefore = optionalText(event, 'aggregatorBalanceBefore', AGGREGATOR_BALANCE_LENGTH_MAX);
  if (balanceBefore !== null && !PLAIN_DECIMAL.test(balanceBefore)) throw new MessageShapeError('aggregatorBalanceBefore is not a plain decimal');
  const balanceReadAt = optionalText(event, 'balanceReadAt', 40);
  if ((balanceReadAt === null) !== (balanceBefore === null)) throw new MessageShapeError('aggregatorBalanceBefore and balanceReadAt come together');
  if (balanceReadAt !== null && Number.isNaN(Date.parse(balanceReadAt))) throw new MessageShapeError('balanceReadAt is not a UTC time');
  const occurredAt = text(event, 'occurredAt', 40);
  if (Number.isNaN(Date.parse(occurredAt))) throw new MessageShapeError('occurredAt is not a UTC time');
  return {
    aggregatorId: text(event, 'aggregatorId', AGGREGATOR_ID_LENGTH_MAX),
    operatorId: text(event, 'operatorId', OPERATOR_ID_LENGTH_MAX),
    playerId: text(event, 'userId', USER_ID_LENGTH_MAX),
    transferId: text(event, 'transferId', TRANSFER_ID_LENGTH_MAX),
    username: text(event, 'aggregatorUsername', AGGREGATOR_USERNAME_LENGTH_MAX),
    direction,
    state,
    amount,
    balanceBefore,
    balanceReadAt: balanceReadAt === null ? null : new Date(balanceReadAt).toISOString(),
    occurredAt: new Date(occurredAt).toISOString(),
  };
}

function transactionKey(event: Record<string, unknown>): { platformId: string; operatorId: string; transactionId: string } {
  return {
    platformId: text(event, 'platformId', PLATFORM_ID_LENGTH_MAX),
    operatorId: text(event, 'operatorId', OPERATOR_ID_LENGTH_MAX),
    transactionId: text(event, 'transactionId', TRANSACTION_ID_LENGTH_MAX),
  };
}

function gameTransactionType(event: Record<string, unknown>): GameTransactionType {
  const type = text(event, 'transactionType', 6) as GameTransactionType;
  switch (type) {
    case GameTransactionType.Bet:
    case GameTransactionType.Win:
    case GameTransactionType.Refund:
      return type;
    default: {
      const unknown: never = type;
      throw new MessageShapeError(`unknown transactionType ${JSON.stringify(String(unknown))}`);
    }
  }
}

function promotionCreditKind(event: Record<string, unknown>): PromotionCreditKind {
  const kind = text(event, 'kind', 20) as PromotionCreditKind;
  switch (kind) {
    case PromotionCreditKind.TournamentWin:
    case PromotionCreditKind.PromoWin:
      return kind;
    default: {
      const unknown: never = kind;
      throw new MessageShapeError(`unknown promotion credit kind ${JSON.stringify(String(unknown))}`);
    }
  }
}

function currencyCode(event: Record<string, unknown>): CurrencyCode {
  const currency = text(event, 'currency', 4);
  if (!isCurrencyCode(currency)) throw new MessageShapeError('currency is not a currency code');
  return currency;
}

function nonNegativeMoney(literal: string, scale: typeof AMOUNT_SCALE | typeof RAKE_SCALE, currency: CurrencyCode, field: string): Money {
  const parsed = Money.parse(literal, scale, currency);
  if (!parsed.ok) throw new MessageShapeError(`${field}: ${parsed.error.message}`);
  if (parsed.value.isNegative()) throw new MessageShapeError(`${field} is negative`);
  return parsed.value;
}

function text(record: Record<string, unknown>, field: string, lengthMax: number): string {
  const value = record[field];
  if (typeof value !== 'string' || value.length === 0 || value.length > lengthMax) {
    throw new MessageShapeError(`${field} must be a string of 1-${lengthMax} characters`);
  }
  return value;
}

/** Absent and null are the same: events written before the field existed lack it. */
function optionalText(record: Record<string, unknown>, field: string, lengthMax: number): string | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > lengthMax) throw new MessageShapeError(`${field} must be a string of at most ${lengthMax} characters`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
