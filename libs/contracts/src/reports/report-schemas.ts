import { DAILY_GGR_ROW_SCHEMA_NAME, DAILY_GGR_ROW_SCHEMA_VERSION, dailyGgrRowSchema } from './daily-ggr-row';
import {
  RECONCILIATION_RESULT_SCHEMA_NAME,
  RECONCILIATION_RESULT_SCHEMA_VERSION,
  RECONCILIATION_RESULT_V2_SCHEMA_VERSION,
  reconciliationResultSchema,
  reconciliationResultV2Schema,
} from './reconciliation-result';
import type { JsonSchemaDocument } from './report-schema';

/** Every report message schema, each version that is still published: what docs/schemas/ holds. */
export const reportSchemas: ReadonlyArray<{ readonly name: string; readonly version: number; readonly schema: JsonSchemaDocument }> = [
  { name: DAILY_GGR_ROW_SCHEMA_NAME, version: DAILY_GGR_ROW_SCHEMA_VERSION, schema: dailyGgrRowSchema },
  { name: RECONCILIATION_RESULT_SCHEMA_NAME, version: RECONCILIATION_RESULT_SCHEMA_VERSION, schema: reconciliationResultSchema },
  { name: RECONCILIATION_RESULT_SCHEMA_NAME, version: RECONCILIATION_RESULT_V2_SCHEMA_VERSION, schema: reconciliationResultV2Schema },
];
