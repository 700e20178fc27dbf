import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { reportSchemas } from '@wallet-platform/contracts';
import { renderReportSchemaFiles } from './export-report-schemas';

describe('report schemas in docs/schemas', () => {
  it.each(renderReportSchemaFiles())('$fileName is the exported schema of the contracts lib', ({ fileName, text }) => {
    expect(readFileSync(join(__dirname, '..', '..', 'docs', 'schemas', fileName), 'utf8')).toBe(text);
  });

  it.each(reportSchemas)('$name v$version is a valid draft 2020-12 schema', ({ schema }) => {
    expect(() => new Ajv2020({ strict: true }).compile(schema)).not.toThrow();
  });
});
