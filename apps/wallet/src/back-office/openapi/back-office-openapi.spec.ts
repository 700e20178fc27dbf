import { readFileSync } from 'node:fs';
import { openApiFile, renderBackOfficeOpenApi } from './export-openapi';

describe('docs/back-office-openapi.json', () => {
  it('is what the controllers declare (regenerate with `npm run openapi` after an API change)', async () => {
    const checkedIn = readFileSync(openApiFile(), 'utf8');
    expect(JSON.parse(await renderBackOfficeOpenApi())).toEqual(JSON.parse(checkedIn));
  });

  it('documents every back-office route with its bearer authentication', async () => {
    const document = JSON.parse(await renderBackOfficeOpenApi()) as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));
    expect(operations.length).toBeGreaterThanOrEqual(14);
    expect(operations.every((operation) => JSON.stringify(operation.security) === JSON.stringify([{ bearer: [] }]))).toBe(true);
  });
});
