/**
 * Exact fixed-point arithmetic for the aggregator's figures: its report has ten decimal places in
 * the base currency and its balances are plain decimals, so everything is held as a bigint of
 * 10⁻¹⁸ (the aggregator client's transfer arithmetic uses the same scale). Never a JS number.
 */
export const REPORT_DECIMAL_SCALE = 18;
const UNIT = 10n ** BigInt(REPORT_DECIMAL_SCALE);
const PLAIN_DECIMAL = /^(-?)([0-9]{1,30})(?:\.([0-9]{1,18}))?$/;

export class ReportDecimalError extends Error {}

/** A plain decimal (at most 18 places) as units of 10⁻¹⁸; anything else is refused, never rounded. */
export function parseReportDecimal(text: string, what: string): bigint {
  const match = PLAIN_DECIMAL.exec(text);
  if (match === null) throw new ReportDecimalError(`${what} ${JSON.stringify(text.slice(0, 40))} is not a plain decimal of at most ${REPORT_DECIMAL_SCALE} places`);
  const units = BigInt(match[2]) * UNIT + BigInt((match[3] ?? '').padEnd(REPORT_DECIMAL_SCALE, '0'));
  return match[1] === '-' ? -units : units;
}

/** Units of 10⁻¹⁸ as decimal text: trailing zeros dropped, at least two places ("-2.50", "0.1234567891"). */
export function formatReportDecimal(units: bigint): string {
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const fraction = (magnitude % UNIT).toString().padStart(REPORT_DECIMAL_SCALE, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${negative ? '-' : ''}${magnitude / UNIT}.${fraction}`;
}

/** Cents (a tolerance, an amount of our ledger) as units. */
export function centsToReportUnits(minor: bigint): bigint {
  return minor * 10n ** BigInt(REPORT_DECIMAL_SCALE - 2);
}
