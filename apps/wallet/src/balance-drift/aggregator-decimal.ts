/**
 * Exact sums of the aggregator's decimal strings: fixed point with 18 places (its figures may
 * carry more than our 2; the client refuses more than 18). Never a JS number.
 */
const PLACES = 18;
const SCALE = 10n ** BigInt(PLACES);
const DECIMAL = /^(-?)(\d{1,40})(?:\.(\d{1,18}))?$/;

export function decimalUnits(decimal: string): bigint {
  const match = DECIMAL.exec(decimal);
  if (!match) throw new RangeError(`not a decimal: ${decimal.slice(0, 70)}`);
  const value = BigInt(match[2] ?? '0') * SCALE + BigInt((match[3] ?? '').padEnd(PLACES, '0'));
  return match[1] === '-' ? -value : value;
}

/** At least 2 places, more only when the value has them ("-0.37", "12.50", "0.125"). */
export function decimalText(units: bigint): string {
  const negative = units < 0n;
  const absolute = negative ? -units : units;
  const fraction = (absolute % SCALE).toString().padStart(PLACES, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${negative ? '-' : ''}${absolute / SCALE}.${fraction}`;
}
