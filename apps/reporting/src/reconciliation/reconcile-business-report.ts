import { ReconciliationRowStatus, ReconciliationStatus, type ReconciliationFieldDifference, type ReconciliationRow } from '@wallet-platform/contracts';
import { AMOUNT_SCALE, currencyCodeOf, Money } from '@wallet-platform/money';

/** Our figures of one vendor × currency for the day, as text from the database. */
export interface OurBusinessRow {
  readonly vendor: string;
  readonly currency: string;
  readonly betsSum: string;
  readonly betsCount: string;
  readonly winsSum: string;
  readonly winsCount: string;
  readonly freeSpinWinsSum: string;
  readonly freeSpinWinsCount: string;
  readonly jackpotWinsSum: string;
  readonly jackpotWinsCount: string;
  readonly ggr: string;
}

/** The platform's row, as the platform client decodes it (amounts exact text, counts numbers). */
export interface PlatformBusinessRow {
  readonly vendor: string;
  readonly currencyCode: string;
  readonly betsSum: string;
  readonly betsCount: number;
  readonly winsSum: string;
  readonly winsCount: number;
  readonly freespinsSum: string;
  readonly freespinsCount: number;
  readonly jackpotsSum: string;
  readonly jackpotsCount: number;
  readonly grossGamingRevenue: string;
}

/** Largest difference still counted as equal. Exact (zero) by default. */
export interface ReconciliationTolerance {
  readonly amountMinor: bigint;
  readonly count: bigint;
}

export const EXACT_TOLERANCE: ReconciliationTolerance = { amountMinor: 0n, count: 0n };

/** A platform report we cannot compare exactly (an amount with more than two decimals, two rows for one vendor and currency): the run fails, naming it. */
export class PlatformReportAmountError extends Error {}

/** The business report's fields, named as the platform names them, beside ours. */
const COMPARED_FIELDS = [
  { field: 'bets_sum', kind: 'amount', ours: 'betsSum', platform: 'betsSum' },
  { field: 'bets_count', kind: 'count', ours: 'betsCount', platform: 'betsCount' },
  { field: 'wins_sum', kind: 'amount', ours: 'winsSum', platform: 'winsSum' },
  { field: 'wins_count', kind: 'count', ours: 'winsCount', platform: 'winsCount' },
  { field: 'freespins_sum', kind: 'amount', ours: 'freeSpinWinsSum', platform: 'freespinsSum' },
  { field: 'freespins_count', kind: 'count', ours: 'freeSpinWinsCount', platform: 'freespinsCount' },
  { field: 'jackpots_sum', kind: 'amount', ours: 'jackpotWinsSum', platform: 'jackpotsSum' },
  { field: 'jackpots_count', kind: 'count', ours: 'jackpotWinsCount', platform: 'jackpotsCount' },
  { field: 'gross_gaming_revenue', kind: 'amount', ours: 'ggr', platform: 'grossGamingRevenue' },
] as const satisfies ReadonlyArray<{ field: string; kind: 'amount' | 'count'; ours: keyof OurBusinessRow; platform: keyof PlatformBusinessRow }>;

/**
 * Matches the platform's business report of a day against our figures, row by row (vendor ×
 * currency; currency compared in capitals): a row on both sides is matched when every field is
 * within the tolerance, else mismatched with each field's difference (platform − ours); a row on
 * one side only is missing on the other, with all its fields as differences against zero.
 */
export function reconcileBusinessReport(
  ours: readonly OurBusinessRow[],
  platform: readonly PlatformBusinessRow[],
  tolerance: ReconciliationTolerance = EXACT_TOLERANCE,
): { status: ReconciliationStatus; rows: ReconciliationRow[] } {
  const key = (vendor: string, currency: string) => `${vendor}|${currency.toUpperCase()}`;
  const ourByKey = new Map(ours.map((row) => [key(row.vendor, row.currency), row]));
  const platformByKey = new Map<string, PlatformBusinessRow>();
  for (const row of platform) {
    const rowKey = key(row.vendor, row.currencyCode);
    // Several entities of one operator would each have a row: never silently keep one of them.
    if (platformByKey.has(rowKey)) throw new PlatformReportAmountError(`the report has more than one row for ${JSON.stringify(row.vendor.slice(0, 100))} ${row.currencyCode.toUpperCase()}`);
    platformByKey.set(rowKey, row);
  }
  const keys = [...new Set([...ourByKey.keys(), ...platformByKey.keys()])].sort();
  const rows = keys.map((rowKey): ReconciliationRow => {
    const [vendor, currency] = rowKey.split('|');
    const our = ourByKey.get(rowKey);
    const their = platformByKey.get(rowKey);
    const differences: ReconciliationFieldDifference[] = [];
    for (const compared of COMPARED_FIELDS) {
      const ourText = our ? String(our[compared.ours]) : '0';
      const theirText = their ? String(their[compared.platform]) : '0';
      const difference = compared.kind === 'amount' ? amountDifference(ourText, theirText, currency, compared.field, tolerance) : countDifference(ourText, theirText, tolerance);
      if (difference !== null) differences.push({ field: compared.field, ours: difference.ours, platform: difference.platform, difference: difference.difference });
    }
    const status = !our ? ReconciliationRowStatus.MissingOurs : !their ? ReconciliationRowStatus.MissingPlatform : differences.length === 0 ? ReconciliationRowStatus.Matched : ReconciliationRowStatus.Mismatched;
    return { vendor, currency, status, differences };
  });
  const matched = rows.every((row) => row.status === ReconciliationRowStatus.Matched);
  return { status: matched ? ReconciliationStatus.Matched : ReconciliationStatus.Mismatched, rows };
}

function amountDifference(ourText: string, theirText: string, currency: string, field: string, tolerance: ReconciliationTolerance): { ours: string; platform: string; difference: string } | null {
  const code = currencyCodeOf(currency);
  const ours = Money.parseOrThrow(ourText, AMOUNT_SCALE, code);
  const parsed = Money.parse(theirText, AMOUNT_SCALE, code);
  if (!parsed.ok) throw new PlatformReportAmountError(`${field} ${JSON.stringify(theirText.slice(0, 30))} of ${currency}: ${parsed.error.message}`);
  const difference = parsed.value.subtract(ours);
  const magnitude = difference.isNegative() ? -difference.amountMinor : difference.amountMinor;
  if (magnitude <= tolerance.amountMinor) return null;
  return { ours: ours.toDecimalString(), platform: parsed.value.toDecimalString(), difference: difference.toDecimalString() };
}

function countDifference(ourText: string, theirText: string, tolerance: ReconciliationTolerance): { ours: string; platform: string; difference: string } | null {
  const difference = BigInt(theirText) - BigInt(ourText);
  if ((difference < 0n ? -difference : difference) <= tolerance.count) return null;
  return { ours: ourText, platform: theirText, difference: difference.toString() };
}
