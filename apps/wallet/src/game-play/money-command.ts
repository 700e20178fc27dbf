import {
  GameTransactionType,
  PromotionCreditKind,
  WalletCommandType,
  type CancelTransactionCommand,
  type ChangeBalanceCommand,
  type CreditPromotionCommand,
  type PlatformCaller,
} from '@wallet-platform/contracts';
import { AMOUNT_SCALE, Money, currencyCodeOf, isCurrencyCode, RAKE_SCALE } from '@wallet-platform/money';
import { OPERATOR_ID_PATTERN, PLATFORM_ID_PATTERN } from '@wallet-platform/platform-registry';

/**
 * The wallet's boundary for the commands that move money: every message is checked against this
 * schema before the engine sees it. A message that breaks it is refused with the field it broke
 * and never reaches the ledger. The gateway already validated the platform's request; a failure
 * here means a requester of ours is wrong, so the answer says exactly what.
 */
export type MoneyCommand =
  | { readonly type: typeof WalletCommandType.ChangeBalance; readonly command: ChangeBalanceCommand; readonly amount: Money }
  | { readonly type: typeof WalletCommandType.CancelTransaction; readonly command: CancelTransactionCommand }
  | { readonly type: typeof WalletCommandType.CreditPromotion; readonly command: CreditPromotionCommand; readonly amount: Money };

export type MoneyCommandType = MoneyCommand['type'];

export const MONEY_COMMAND_TYPES: ReadonlySet<string> = new Set<MoneyCommandType>([
  WalletCommandType.ChangeBalance,
  WalletCommandType.CancelTransaction,
  WalletCommandType.CreditPromotion,
]);

export type DecodedMoneyCommand = { readonly ok: true; readonly value: MoneyCommand } | { readonly ok: false; readonly problem: string };

const PLATFORM_ID = PLATFORM_ID_PATTERN;
const OPERATOR_ID = OPERATOR_ID_PATTERN;
const USER_ID_LENGTH_MAX = 70;
const DIGITS_20 = /^[0-9]{1,20}$/;
const GAME_ID = /^[0-9]{1,6}$/;
const DECIMAL = /^-?[0-9]{1,18}(\.[0-9]{1,4})?$/;
const PLATFORM_TIMESTAMP = /^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$/;
const REASON_LENGTH_MAX = 32;
const CONTEXT_TEXT_LENGTH_MAX = 255;

class SchemaProblem extends Error {}

export function decodeMoneyCommand(type: string, payload: unknown): DecodedMoneyCommand {
  try {
    switch (type) {
      case WalletCommandType.ChangeBalance:
        return { ok: true, value: decodeChangeBalance(record(payload, 'command')) };
      case WalletCommandType.CancelTransaction:
        return { ok: true, value: { type, command: decodeCancel(record(payload, 'command')) } };
      case WalletCommandType.CreditPromotion:
        return { ok: true, value: decodeCreditPromotion(record(payload, 'command')) };
      default:
        return { ok: false, problem: `type: ${type} is not a money command` };
    }
  } catch (error) {
    if (error instanceof SchemaProblem) return { ok: false, problem: error.message };
    throw error;
  }
}

function decodeChangeBalance(input: Record<string, unknown>): MoneyCommand {
  const currency = text(input, 'currency', /^[A-Za-z]{3,4}$/);
  const transactionType = text(input, 'type');
  if (transactionType !== GameTransactionType.Bet && transactionType !== GameTransactionType.Win && transactionType !== GameTransactionType.Refund) {
    throw new SchemaProblem(`type: must be BET, WIN or REFUND`);
  }
  const amountText = text(input, 'amount', DECIMAL);
  // An unknown currency is the wallet's refusal (CURRENCY_MISMATCH), not a schema problem, so the
  // amount is parsed in a known one only when the currency is ours.
  const amount = isCurrencyCode(currency) ? parseAmount(amountText, AMOUNT_SCALE, currency, 'amount') : null;
  if (amount?.isNegative()) throw new SchemaProblem('amount: must not be negative');
  const rake = nullableText(input, 'rake', DECIMAL);
  if (rake !== null && isCurrencyCode(currency)) parseAmount(rake, RAKE_SCALE, currency, 'rake');
  const command: ChangeBalanceCommand = {
    caller: caller(input),
    userId: userId(input),
    // Any token text is the wallet's to judge (an unknown one is INVALID_TOKEN), within a bound.
    token: input['token'] === null ? null : boundedText(input, 'token', CONTEXT_TEXT_LENGTH_MAX),
    type: transactionType,
    transactionId: text(input, 'transactionId', DIGITS_20),
    roundId: text(input, 'roundId', DIGITS_20),
    roundFinished: nullableBoolean(input, 'roundFinished'),
    gameId: text(input, 'gameId', GAME_ID),
    currency,
    amount: amountText,
    transactionTimestamp: text(input, 'transactionTimestamp', PLATFORM_TIMESTAMP),
    rake,
    reason: boundedText(input, 'reason', REASON_LENGTH_MAX),
    historyId: optionalBoundedText(input, 'historyId', CONTEXT_TEXT_LENGTH_MAX),
    campaignCode: optionalBoundedText(input, 'campaignCode', CONTEXT_TEXT_LENGTH_MAX),
    ticketId: optionalText(input, 'ticketId', DIGITS_20),
  };
  return {
    type: WalletCommandType.ChangeBalance,
    command,
    // Never used when the currency is unknown (the command is refused first); zero keeps the type simple.
    amount: amount ?? Money.zero(AMOUNT_SCALE, currencyCodeOf('EUR')),
  };
}

function decodeCancel(input: Record<string, unknown>): CancelTransactionCommand {
  return {
    caller: caller(input),
    userId: userId(input),
    transactionId: text(input, 'transactionId', DIGITS_20),
    roundId: text(input, 'roundId', DIGITS_20),
    roundFinished: nullableBoolean(input, 'roundFinished'),
    gameId: text(input, 'gameId', GAME_ID),
  };
}

const AWARD_ID = /^[A-Za-z0-9:._-]{1,100}$/;

function decodeCreditPromotion(input: Record<string, unknown>): MoneyCommand {
  const currency = text(input, 'currency', /^[A-Za-z]{3,4}$/);
  const kind = text(input, 'kind');
  if (kind !== PromotionCreditKind.TournamentWin && kind !== PromotionCreditKind.PromoWin) throw new SchemaProblem('kind: must be TOURNAMENT_WIN or PROMO_WIN');
  const amountText = text(input, 'amount', DECIMAL);
  const amount = isCurrencyCode(currency) ? parseAmount(amountText, AMOUNT_SCALE, currency, 'amount') : Money.zero(AMOUNT_SCALE, currencyCodeOf('EUR'));
  if (isCurrencyCode(currency) && !amount.isPositive()) throw new SchemaProblem('amount: must be positive');
  const command: CreditPromotionCommand = {
    caller: caller(input),
    userId: userId(input),
    awardId: text(input, 'awardId', AWARD_ID),
    kind,
    amount: amountText,
    currency,
    campaignCode: optionalBoundedText(input, 'campaignCode', CONTEXT_TEXT_LENGTH_MAX),
  };
  return { type: WalletCommandType.CreditPromotion, command, amount };
}

function caller(input: Record<string, unknown>): PlatformCaller {
  const value = record(input['caller'], 'caller');
  return { platformId: text(value, 'platformId', PLATFORM_ID, 'caller.'), operatorId: text(value, 'operatorId', OPERATOR_ID, 'caller.') };
}

function userId(input: Record<string, unknown>): string {
  const value = text(input, 'userId');
  if (value.length === 0 || value.length > USER_ID_LENGTH_MAX) throw new SchemaProblem(`userId: must be 1..${USER_ID_LENGTH_MAX} characters`);
  return value;
}

function parseAmount(literal: string, scale: typeof AMOUNT_SCALE | typeof RAKE_SCALE, currency: string, field: string): Money {
  const parsed = Money.parse(literal, scale, currencyCodeOf(currency));
  if (!parsed.ok) throw new SchemaProblem(`${field}: ${parsed.error.message}`);
  return parsed.value;
}

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SchemaProblem(`${field}: must be an object`);
  return value as Record<string, unknown>;
}

function text(input: Record<string, unknown>, field: string, pattern?: RegExp, prefix = ''): string {
  const value = input[field];
  if (typeof value !== 'string') throw new SchemaProblem(`${prefix}${field}: must be a string`);
  if (pattern && !pattern.test(value)) throw new SchemaProblem(`${prefix}${field}: does not match ${pattern.source}`);
  return value;
}

function nullableText(input: Record<string, unknown>, field: string, pattern: RegExp): string | null {
  if (input[field] === null) return null;
  return text(input, field, pattern);
}

function optionalText(input: Record<string, unknown>, field: string, pattern: RegExp): string | null {
  return input[field] === undefined ? null : nullableText(input, field, pattern);
}

function boundedText(input: Record<string, unknown>, field: string, lengthMax: number): string {
  const value = text(input, field);
  if (value.length > lengthMax) throw new SchemaProblem(`${field}: longer than ${lengthMax} characters`);
  return value;
}

function optionalBoundedText(input: Record<string, unknown>, field: string, lengthMax: number): string | null {
  if (input[field] === undefined || input[field] === null) return null;
  return boundedText(input, field, lengthMax);
}

function nullableBoolean(input: Record<string, unknown>, field: string): boolean | null {
  const value = input[field];
  if (value === null || typeof value === 'boolean') return value;
  throw new SchemaProblem(`${field}: must be true, false or null`);
}
