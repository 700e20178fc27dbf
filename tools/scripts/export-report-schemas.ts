import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportSchemaFileName, reportSchemas } from '@wallet-platform/contracts';

/**
 * Writes every report message schema of libs/contracts to docs/schemas/<name>.v<version>.json, the
 * files analysts load into their tools: `npx tsc -b tsconfig.build.json &&
 * node -r ./tools/dev/register-paths.js dist/tools/scripts/export-report-schemas.js`.
 * A unit test (report-schemas-exported.spec.ts) fails when the files are out of date.
 */
export function renderReportSchemaFiles(): Array<{ fileName: string; text: string }> {
  return reportSchemas.map(({ name, version, schema }) => ({ fileName: reportSchemaFileName(name, version), text: `${JSON.stringify(schema, null, 2)}\n` }));
}

if (require.main === module) {
  const directory = join(__dirname, '..', '..', '..', 'docs', 'schemas');
  mkdirSync(directory, { recursive: true });
  for (const file of renderReportSchemaFiles()) {
    writeFileSync(join(directory, file.fileName), file.text);
    process.stdout.write(`wrote docs/schemas/${file.fileName}\n`);
  }
}
