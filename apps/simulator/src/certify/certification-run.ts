import { OperatorClient, type OperatorEndpoint } from '../protocol/operator-client';
import type { CertificationFixtures } from './certification-fixtures';
import { CertificationContext, ScenarioFailure } from './certification-kit';
import { CERTIFICATION_SCENARIOS, type CertificationScenario } from './certification-scenarios';

export interface ScenarioResult {
  readonly name: string;
  readonly passed: boolean;
  readonly expected: string;
  readonly got: string;
  readonly durationMs: number;
}

export interface CertificationReport {
  readonly baseUrl: string;
  readonly results: readonly ScenarioResult[];
  readonly failed: readonly string[];
}

/** Runs every scenario in order; one failing never stops the others (a certifier wants the whole list). */
export async function runCertification(
  endpoint: OperatorEndpoint,
  fixtures: CertificationFixtures,
  options: { requestTimeoutMs?: number; scenarios?: readonly CertificationScenario[]; onResult?: (result: ScenarioResult) => void } = {},
): Promise<CertificationReport> {
  const context = new CertificationContext(new OperatorClient(endpoint, options.requestTimeoutMs), fixtures);
  const results: ScenarioResult[] = [];
  for (const scenario of options.scenarios ?? CERTIFICATION_SCENARIOS) {
    const startedAt = performance.now();
    let result: Omit<ScenarioResult, 'durationMs'>;
    try {
      const outcome = await scenario.run(context);
      result = { name: scenario.name, passed: true, ...outcome };
    } catch (error) {
      result =
        error instanceof ScenarioFailure
          ? { name: scenario.name, passed: false, expected: error.expected, got: error.got }
          : { name: scenario.name, passed: false, expected: 'the scenario to complete', got: `error: ${error instanceof Error ? error.message : String(error)}` };
    }
    const complete = { ...result, durationMs: Math.round(performance.now() - startedAt) };
    results.push(complete);
    options.onResult?.(complete);
  }
  return { baseUrl: endpoint.baseUrl, results, failed: results.filter((result) => !result.passed).map((result) => result.name) };
}

/** Longest text shown in one table cell; the JSON report (--out) keeps everything. */
export const TABLE_CELL_LENGTH_MAX = 110;

export function formatCertificationTable(report: CertificationReport): string {
  const rows = report.results.map((result) => [result.passed ? 'PASS' : 'FAIL', result.name, clip(result.expected), clip(result.got)]);
  const header = ['result', 'scenario', 'expected', 'got'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ').trimEnd();
  const passedCount = report.results.length - report.failed.length;
  const verdict =
    report.failed.length === 0
      ? `PASSED: all ${report.results.length} scenarios against ${report.baseUrl}`
      : `FAILED: ${report.failed.length} of ${report.results.length} scenarios (${passedCount} passed) against ${report.baseUrl}: ${report.failed.join('; ')}`;
  return [line(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(line), '', verdict, ''].join('\n');
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > TABLE_CELL_LENGTH_MAX ? `${oneLine.slice(0, TABLE_CELL_LENGTH_MAX - 1)}…` : oneLine;
}
