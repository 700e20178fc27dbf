import { reportSchemaId, type JsonSchemaDocument } from './report-schema';

/**
 * The message of `reporting.daily-ggr`: the current figures of one day × operator × platform ×
 * vendor × currency, summed over its games. Republished whenever a late or replayed event changes
 * them; the topic is compacted, so the latest message of a key is the row.
 *
 * Compatibility: a version 1 reader may meet new optional fields (ignore them); a removal, a
 * rename or a change of meaning makes version 2, published beside version 1 for a while.
 */
export const DAILY_GGR_ROW_SCHEMA_NAME = 'daily-ggr-row';
export const DAILY_GGR_ROW_SCHEMA_VERSION = 1;

export interface DailyGgrRowMessage {
  readonly schemaId: string;
  readonly schemaVersion: typeof DAILY_GGR_ROW_SCHEMA_VERSION;
  /** UTC day, YYYY-MM-DD. */
  readonly day: string;
  readonly operatorId: string;
  readonly platformId: string;
  /** `unknown` when the ledger events did not name the game's vendor. */
  readonly vendor: string;
  readonly currency: string;
  /** Money: decimal strings with two decimals ("12.30", "-4.00"); counts: decimal integer strings. */
  readonly betsSum: string;
  readonly betsCount: string;
  readonly winsSum: string;
  readonly winsCount: string;
  readonly freeSpinWinsSum: string;
  readonly freeSpinWinsCount: string;
  readonly jackpotWinsSum: string;
  readonly jackpotWinsCount: string;
  readonly refundsSum: string;
  readonly refundsCount: string;
  readonly canceledBetsSum: string;
  readonly canceledBetsCount: string;
  readonly canceledWinsSum: string;
  readonly canceledWinsCount: string;
  readonly canceledRefundsSum: string;
  readonly canceledRefundsCount: string;
  /** Four decimals. */
  readonly rakeSum: string;
  /** bets − refunds − wins − free-spin wins − jackpot wins (docs/reporting.md). */
  readonly ggr: string;
  /**
   * Tournament and promotion prizes paid that day (the wallet's promotion credits), over every
   * campaign: never game wins, not in `ggr`. Added in version 1 as optional fields (a reader of an
   * older message finds them absent; this service always sends them).
   */
  readonly tournamentWinsSum?: string;
  readonly tournamentWinsCount?: string;
  readonly promoWinsSum?: string;
  readonly promoWinsCount?: string;
  /** ISO-8601 UTC time the figures last changed. */
  readonly updatedAt: string;
}

/** The compaction key: one row per day, operator, platform, vendor and currency. */
export function dailyGgrRowKey(row: Pick<DailyGgrRowMessage, 'day' | 'operatorId' | 'platformId' | 'vendor' | 'currency'>): string {
  return [row.day, row.operatorId, row.platformId, row.vendor, row.currency].join('|');
}

const amount = { type: 'string', pattern: '^-?(0|[1-9][0-9]{0,15})\\.[0-9]{2}$' } as const;
const count = { type: 'string', pattern: '^(0|[1-9][0-9]{0,18})$' } as const;

export const dailyGgrRowSchema: JsonSchemaDocument = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: reportSchemaId(DAILY_GGR_ROW_SCHEMA_NAME, DAILY_GGR_ROW_SCHEMA_VERSION),
  title: 'Daily GGR row',
  description: 'Current figures of one UTC day x operator x platform x vendor x currency; the latest message of a key on the compacted topic is the row.',
  type: 'object',
  additionalProperties: false,
  required: [
    'schemaId', 'schemaVersion', 'day', 'operatorId', 'platformId', 'vendor', 'currency',
    'betsSum', 'betsCount', 'winsSum', 'winsCount', 'freeSpinWinsSum', 'freeSpinWinsCount', 'jackpotWinsSum', 'jackpotWinsCount',
    'refundsSum', 'refundsCount', 'canceledBetsSum', 'canceledBetsCount', 'canceledWinsSum', 'canceledWinsCount',
    'canceledRefundsSum', 'canceledRefundsCount', 'rakeSum', 'ggr', 'updatedAt',
  ],
  properties: {
    schemaId: { const: reportSchemaId(DAILY_GGR_ROW_SCHEMA_NAME, DAILY_GGR_ROW_SCHEMA_VERSION) },
    schemaVersion: { const: DAILY_GGR_ROW_SCHEMA_VERSION },
    day: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
    operatorId: { type: 'string', minLength: 1, maxLength: 20 },
    platformId: { type: 'string', minLength: 1, maxLength: 40 },
    vendor: { type: 'string', minLength: 1, maxLength: 100 },
    currency: { type: 'string', pattern: '^[A-Z0-9]{3,4}$' },
    betsSum: amount, betsCount: count, winsSum: amount, winsCount: count,
    freeSpinWinsSum: amount, freeSpinWinsCount: count, jackpotWinsSum: amount, jackpotWinsCount: count,
    refundsSum: amount, refundsCount: count, canceledBetsSum: amount, canceledBetsCount: count,
    canceledWinsSum: amount, canceledWinsCount: count, canceledRefundsSum: amount, canceledRefundsCount: count,
    rakeSum: { type: 'string', pattern: '^-?(0|[1-9][0-9]{0,13})\\.[0-9]{4}$' },
    ggr: amount,
    tournamentWinsSum: amount, tournamentWinsCount: count, promoWinsSum: amount, promoWinsCount: count,
    updatedAt: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z$' },
  },
};
