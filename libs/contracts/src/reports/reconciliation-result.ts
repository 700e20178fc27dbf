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

export function reconciliationResultKey(result: Pick<ReconciliationResultMessage, 'platformId' | 'operatorId' | 'day'>): string {
  return [result.platformId, result.operatorId, result.day].join('|');
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
    status: { enum: Object.values(ReconciliationStatus) },
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
          status: { enum: Object.values(ReconciliationRowStatus) },
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
