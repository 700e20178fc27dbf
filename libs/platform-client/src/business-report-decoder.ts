import type { JsonValue } from './platform-json';
import { BUSINESS_REPORT_ROWS_MAX } from './platform-client-limits';
import { expectArray, expectObject, readCount, readDate, readDecimal, readLabel, ResponseShapeError } from './response-fields';

/**
 * One row of the platform's daily business report: one entity, vendor and currency. Amounts are
 * exact decimal text as the platform wrote it ("3.30" stays "3.30"); parse them with
 * `Money.parse` and the row's currency when you need arithmetic.
 */
export interface BusinessReportRow {
  readonly entityName: string;
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
  /** YYYY-MM-DD, always the day asked for. */
  readonly date: string;
}

/**
 * Currency codes as in the money lib (ISO 4217 or a custom code of up to four characters), but
 * case-insensitive here: this is a report we pass on, not a balance we key by currency.
 */
const REPORT_CURRENCY_PATTERN = /^[A-Za-z0-9]{3,4}$/;

/** A top-level array of rows, every one for `requestedDate`. */
export function decodeBusinessReport(body: JsonValue, requestedDate: string): readonly BusinessReportRow[] {
  const rows = expectArray(body, '$', BUSINESS_REPORT_ROWS_MAX);
  return rows.map((entry, index) => {
    const path = `$[${index}]`;
    const row = expectObject(entry, path);
    const currencyCode = readLabel(row, 'currency_code', path);
    if (!REPORT_CURRENCY_PATTERN.test(currencyCode)) {
      throw new ResponseShapeError(`${path}.currency_code`, 'expected 3 or 4 letters or digits');
    }
    const date = readDate(row, 'date', path, false);
    // A row for another day would be summed into the wrong day's figures without anyone noticing.
    if (date !== requestedDate) {
      throw new ResponseShapeError(`${path}.date`, `row is for ${date}, but ${requestedDate} was asked for`);
    }
    return {
      entityName: readLabel(row, 'entity_name', path),
      vendor: readLabel(row, 'vendor', path),
      currencyCode,
      betsSum: readDecimal(row, 'bets_sum', path),
      betsCount: readCount(row, 'bets_count', path),
      winsSum: readDecimal(row, 'wins_sum', path),
      winsCount: readCount(row, 'wins_count', path),
      freespinsSum: readDecimal(row, 'freespins_sum', path),
      freespinsCount: readCount(row, 'freespins_count', path),
      jackpotsSum: readDecimal(row, 'jackpots_sum', path),
      jackpotsCount: readCount(row, 'jackpots_count', path),
      grossGamingRevenue: readDecimal(row, 'gross_gaming_revenue', path),
      date,
    };
  });
}
