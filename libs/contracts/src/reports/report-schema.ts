/** A JSON Schema (draft 2020-12) as a plain object: exported to docs/schemas/ by tools/scripts. */
export type JsonSchemaDocument = Readonly<Record<string, unknown>> & { readonly $id: string; readonly title: string };

/** Where the schemas of report messages are named: the id a message carries in `schemaId`. */
export const REPORT_SCHEMA_ID_BASE = 'https://schemas.wallet-platform.internal/reports';

export function reportSchemaId(name: string, version: number): string {
  return `${REPORT_SCHEMA_ID_BASE}/${name}/v${version}.json`;
}

/** The file a schema is exported to under docs/schemas/: `<name>.v<version>.json`. */
export function reportSchemaFileName(name: string, version: number): string {
  return `${name}.v${version}.json`;
}
