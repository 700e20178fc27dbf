import { reportSchemaId, type JsonSchemaDocument } from './report-schema';

/**
 * The message of `reporting.reconciliation-results`: our figures of a platform and a day compared
 * with the platform's own business report, row by row (vendor × currency).
 */
export const RECONCILIATION_RESULT_SCHEMA_NAME = 'reconciliation-result';
export const RECONCILIATION_RESULT_SCHEMA_VERSION = 1;

export const ReconciliationStatus = { Matched: 'matched', Mismatched: 'mismatched' } as const;
export type ReconciliationStatus = (typeof ReconciliationStatus)[keyof typeof ReconciliationStatus];

export const ReconciliationRowStatus = {
  Matched: 'matched',
  Mismatched: 'mismatched',
  /** The platform reports the row, we have no figures for it. */
  MissingOurs: 'missing-ours',
  /** We have figures for the row, the platform reports none. */
  MissingPlatform: 'missing-platform',
} as const;
export type ReconciliationRowStatus = (typeof ReconciliationRowStatus)[keyof typeof ReconciliationRowStatus];

/** A compared field: sums are decimal strings, counts decimal integer strings. */
export interface ReconciliationFieldDifference {
  readonly field: string;
  readonly ours: string;
  readonly platform: string;
  /** platform − ours. */
  readonly difference: string;
}

export interface ReconciliationRow {
  readonly vendor: string;
  readonly currency: string;
  readonly status: ReconciliationRowStatus;
  /** Fields outside the tolerance (empty when matched). */
  readonly differences: readonly ReconciliationFieldDifference[];
}

export interface ReconciliationResultMessage {
  readonly schemaId: string;
  readonly schemaVersion: typeof RECONCILIATION_RESULT_SCHEMA_VERSION;
  readonly runId: string;
  readonly platformId: string;
  readonly operatorId: string;
  readonly day: string;
  readonly status: ReconciliationStatus;
  /** Largest difference still counted as equal: a sum ("0.00" by default) and a count ("0"). */
  readonly tolerance: { readonly amount: string; readonly count: string };
  readonly rows: readonly ReconciliationRow[];
  readonly ranAt: string;
}

/**
 * The topic key: `platformId|operatorId|day` for a business-report run (v1), `aggregator|<aggregatorId>|operatorId|day`
 * for an aggregator run (v2), so a platform and an aggregator of the same id never share a key.
 */
export function reconciliationResultKey(result: Pick<ReconciliationResultMessage, 'platformId' | 'operatorId' | 'day'> & { readonly source?: ReconciliationSource }): string {
  const parts = [result.platformId, result.operatorId, result.day];
  return (result.source === ReconciliationSource.Aggregator ? [ReconciliationSource.Aggregator, ...parts] : parts).join('|');
}

const decimal = { type: 'string', pattern: '^-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,4})?$' } as const;

export const reconciliationResultSchema: JsonSchemaDocument = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: reportSchemaId(RECONCILIATION_RESULT_SCHEMA_NAME, RECONCILIATION_RESULT_SCHEMA_VERSION),
  title: 'Reconciliation result',
  description: 'Our figures of a platform and a UTC day compared with the platform business report, per vendor x currency.',
  type: 'object',
  additionalProperties: false,
  required: ['schemaId', 'schemaVersion', 'runId', 'platformId', 'operatorId', 'day', 'status', 'tolerance', 'rows', 'ranAt'],
  properties: {
    schemaId: { const: reportSchemaId(RECONCILIATION_RESULT_SCHEMA_NAME, RECONCILIATION_RESULT_SCHEMA_VERSION) },
    schemaVersion: { const: RECONCILIATION_RESULT_SCHEMA_VERSION },
    runId: { type: 'string', minLength: 1, maxLength: 64 },
    platformId: { type: 'string', minLength: 1, maxLength: 40 },
    operatorId: { type: 'string', minLength: 1, maxLength: 20 },
    day: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
    status: { enum: ['matched', 'mismatched'] },
    tolerance: {
      type: 'object', additionalProperties: false, required: ['amount', 'count'],
      properties: { amount: decimal, count: { type: 'string', pattern: '^(0|[1-9][0-9]{0,18})$' } },
    },
    rows: {
      type: 'array', maxItems: 10_000,
      items: {
        type: 'object', additionalProperties: false, required: ['vendor', 'currency', 'status', 'differences'],
        properties: {
          vendor: { type: 'string', minLength: 1, maxLength: 100 },
          currency: { type: 'string', pattern: '^[A-Z0-9]{3,4}$' },
          status: { enum: ['matched', 'mismatched', 'missing-ours', 'missing-platform'] },
          differences: {
            type: 'array', maxItems: 20,
            items: {
              type: 'object', additionalProperties: false, required: ['field', 'ours', 'platform', 'difference'],
              properties: { field: { type: 'string', minLength: 1, maxLength: 40 }, ours: decimal, platform: decimal, difference: decimal },
            },
          },
        },
      },
    },
    ranAt: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z$' },
  },
};

// ---- version 2: the source, and the aggregator's per-player report ----

export const RECONCILIATION_RESULT_V2_SCHEMA_VERSION = 2;

/** Which report a run compared our figures with. */
export const ReconciliationSource = {
  /** A platform's `businessReport` (Operator API), per vendor × currency. Published as v1. */
  BusinessReport: 'business-report',
  /** A transfer-wallet aggregator's `playerDailyReport`, per player. Published as v2. */
  Aggregator: 'aggregator',
} as const;
export type ReconciliationSource = (typeof ReconciliationSource)[keyof typeof ReconciliationSource];

/** A v2 row's status: v1's, and `not-comparable` (the figures cannot be compared exactly; `reason` says why). */
export const ReconciliationRowStatusV2 = { ...ReconciliationRowStatus, NotComparable: 'not-comparable' } as const;
export type ReconciliationRowStatusV2 = (typeof ReconciliationRowStatusV2)[keyof typeof ReconciliationRowStatusV2];

/** Why a player's day could not be compared (docs/reporting.md, "Against the aggregator"). */
export const NotComparableReason = {
  /** The player's wallet currency is not the aggregator's base currency, in which its report is: we hold no rate. */
  Currency: 'currency',
  /** A transfer of the day is still in flight (its effect there is unknown until it settles). */
  TransferOpen: 'transfer-open',
  /** The player had money there before the day's first transfer: play on the day before our first balance reading is not in our figures. */
  MoneyThereAtStart: 'money-there-at-start',
  /** The player left money there after the day's last transfer: play after it is not in our figures. */
  MoneyLeftThere: 'money-left-there',
  /** The aggregator reports play on a day we moved no money and hold no balance reading for the player. */
  NoReading: 'no-reading',
} as const;
export type NotComparableReason = (typeof NotComparableReason)[keyof typeof NotComparableReason];

export interface AggregatorReconciliationRow {
  /** Our player id and their username at the aggregator. */
  readonly player: { readonly userId: string; readonly username: string };
  /** The player's wallet currency. */
  readonly currency: string;
  readonly status: ReconciliationRowStatusV2;
  /** Set when not comparable; the amounts in `differences` then say what we hold (e.g. `moneyLeftThere`). */
  readonly reason?: NotComparableReason;
  /** `playerWinLoss` (and, when not comparable, what we hold) as ours, the aggregator's (`platform`) and the difference (aggregator − ours). */
  readonly differences: readonly ReconciliationFieldDifference[];
}

export interface AggregatorReconciliationResultMessage {
  readonly schemaId: string;
  readonly schemaVersion: typeof RECONCILIATION_RESULT_V2_SCHEMA_VERSION;
  readonly source: typeof ReconciliationSource.Aggregator;
  readonly runId: string;
  /** The aggregator's id (our name for it). */
  readonly platformId: string;
  readonly operatorId: string;
  readonly day: string;
  /** Mismatched when a compared player is off; not-comparable players do not make a day mismatched (they are counted and listed). */
  readonly status: ReconciliationStatus;
  /** The aggregator's base currency: its report's. */
  readonly baseCurrency: string;
  readonly tolerance: { readonly amount: string; readonly count: string };
  /** Players compared and found equal; players not comparable. Matched players have no row. */
  readonly summary: { readonly matched: string; readonly mismatched: string; readonly notComparable: string };
  /** Every player that is not matched. */
  readonly rows: readonly AggregatorReconciliationRow[];
  readonly ranAt: string;
}

/** Every reconciliation result on the topic, by its version. */
export type AnyReconciliationResultMessage = ReconciliationResultMessage | AggregatorReconciliationResultMessage;

/** The report's figures have ten decimal places (base currency) and balances there up to 18: v2 amounts may too. */
const decimalV2 = { type: 'string', pattern: '^-?(0|[1-9][0-9]{0,29})(\\.[0-9]{1,18})?$' } as const;
const count = { type: 'string', pattern: '^(0|[1-9][0-9]{0,18})$' } as const;

export const reconciliationResultV2Schema: JsonSchemaDocument = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: reportSchemaId(RECONCILIATION_RESULT_SCHEMA_NAME, RECONCILIATION_RESULT_V2_SCHEMA_VERSION),
  title: 'Reconciliation result (v2)',
  description: 'Our figures of an aggregator, an operator and a UTC day compared with the aggregator playerDailyReport, per player.',
  type: 'object',
  additionalProperties: false,
  required: ['schemaId', 'schemaVersion', 'source', 'runId', 'platformId', 'operatorId', 'day', 'status', 'baseCurrency', 'tolerance', 'summary', 'rows', 'ranAt'],
  properties: {
    schemaId: { const: reportSchemaId(RECONCILIATION_RESULT_SCHEMA_NAME, RECONCILIATION_RESULT_V2_SCHEMA_VERSION) },
    schemaVersion: { const: RECONCILIATION_RESULT_V2_SCHEMA_VERSION },
    source: { const: ReconciliationSource.Aggregator },
    runId: { type: 'string', minLength: 1, maxLength: 64 },
    platformId: { type: 'string', minLength: 1, maxLength: 64 },
    operatorId: { type: 'string', minLength: 1, maxLength: 20 },
    day: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
    status: { enum: Object.values(ReconciliationStatus) },
    baseCurrency: { type: 'string', pattern: '^[A-Z0-9]{3,4}$' },
    tolerance: { type: 'object', additionalProperties: false, required: ['amount', 'count'], properties: { amount: decimalV2, count } },
    summary: { type: 'object', additionalProperties: false, required: ['matched', 'mismatched', 'notComparable'], properties: { matched: count, mismatched: count, notComparable: count } },
    rows: {
      type: 'array', maxItems: 10_000,
      items: {
        type: 'object', additionalProperties: false, required: ['player', 'currency', 'status', 'differences'],
        properties: {
          player: {
            type: 'object', additionalProperties: false, required: ['userId', 'username'],
            properties: { userId: { type: 'string', minLength: 1, maxLength: 100 }, username: { type: 'string', minLength: 4, maxLength: 30 } },
          },
          currency: { type: 'string', pattern: '^[A-Z0-9]{3,4}$' },
          status: { enum: Object.values(ReconciliationRowStatusV2) },
          reason: { enum: Object.values(NotComparableReason) },
          differences: {
            type: 'array', maxItems: 20,
            items: {
              type: 'object', additionalProperties: false, required: ['field', 'ours', 'platform', 'difference'],
              properties: { field: { type: 'string', minLength: 1, maxLength: 40 }, ours: decimalV2, platform: decimalV2, difference: decimalV2 },
            },
          },
        },
      },
    },
    ranAt: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z$' },
  },
};
