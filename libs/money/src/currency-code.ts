/**
 * A currency code as the platforms send it: ISO 4217 where it exists, but the protocol allows
 * up to four characters for custom non-standard currencies (e.g. a token or "mBTC"-like code
 * written in capitals). Uppercase only, so that "eur" and "EUR" can never become two balances.
 */
export type CurrencyCode = string & { readonly __brand: 'CurrencyCode' };

export const CURRENCY_CODE_LENGTH_MIN = 3;
export const CURRENCY_CODE_LENGTH_MAX = 4;

const CURRENCY_CODE_PATTERN = new RegExp(`^[A-Z0-9]{${CURRENCY_CODE_LENGTH_MIN},${CURRENCY_CODE_LENGTH_MAX}}$`);

export function isCurrencyCode(text: string): text is CurrencyCode {
  return CURRENCY_CODE_PATTERN.test(text);
}

/** For trusted sources (configuration, our own database): a bad code there is a bug, so it throws. */
export function currencyCodeOf(text: string): CurrencyCode {
  if (!isCurrencyCode(text)) {
    throw new RangeError(`not a currency code: ${JSON.stringify(text)} (expected ${CURRENCY_CODE_PATTERN.source})`);
  }
  return text;
}
