import { isCurrencyCode } from '@wallet-platform/money';
import type { JsonValue } from './platform-json';
import { BALANCE_LIMIT_CURRENCIES_MAX } from './platform-client-limits';
import { describe, expectObject, fieldOf, readDecimal, readFlag, ResponseShapeError } from './response-fields';

export interface CurrencyBalanceLimit {
  /** Exact decimal text, e.g. "86347.97". */
  readonly availableBalance: string;
}

/**
 * What the platform still lets us spend. When `enabled` is false there is no limit at all; when
 * true, `availableBalance` is in `currency` and `currencies` repeats it per currency asked for.
 */
export type BalanceLimits =
  | { readonly enabled: false }
  | {
      readonly enabled: true;
      readonly currency: string;
      readonly availableBalance: string;
      /** Keyed by currency code; a null-prototype record, empty when none were asked for or sent. */
      readonly currencies: Readonly<Record<string, CurrencyBalanceLimit>>;
      readonly limitExceeded: boolean;
    };

export function decodeBalanceLimits(body: JsonValue): BalanceLimits {
  const limits = expectObject(body, '$');
  if (!readFlag(limits, 'enabled', '$')) {
    return { enabled: false };
  }
  const currency = fieldOf(limits, 'currency');
  if (typeof currency !== 'string' || !isCurrencyCode(currency)) {
    throw new ResponseShapeError('$.currency', `expected a currency code, got ${describe(currency)}`);
  }
  const currencies: Record<string, CurrencyBalanceLimit> = Object.create(null) as Record<string, CurrencyBalanceLimit>;
  const perCurrency = fieldOf(limits, 'currencies');
  // The vendor shows `currencies` only in an answer to a request that named some; without them
  // it may leave the member out, which means "nothing per currency", not a broken answer.
  if (perCurrency !== undefined) {
    const entries = Object.entries(expectObject(perCurrency, '$.currencies'));
    if (entries.length > BALANCE_LIMIT_CURRENCIES_MAX) {
      throw new ResponseShapeError('$.currencies', `more than ${BALANCE_LIMIT_CURRENCIES_MAX} currencies`);
    }
    for (const [code, entry] of entries) {
      if (!isCurrencyCode(code)) {
        throw new ResponseShapeError('$.currencies', `key ${describe(code)} is not a currency code`);
      }
      const path = `$.currencies.${code}`;
      currencies[code] = { availableBalance: readDecimal(expectObject(entry, path), 'available_balance', path) };
    }
  }
  return {
    enabled: true,
    currency,
    availableBalance: readDecimal(limits, 'available_balance', '$'),
    currencies,
    limitExceeded: readFlag(limits, 'limit_exceeded', '$'),
  };
}
