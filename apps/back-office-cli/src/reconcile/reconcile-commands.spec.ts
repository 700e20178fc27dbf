import { runCli } from '../cli/run-cli';
import { CapturedOutput, fakeFetch, type FakeAnswer, type RecordedRequest } from '../testing/fake-fetch';

const API_KEY = 'analyst-key-0123456789abcdef';
const ENV = { BACK_OFFICE_API_KEY: API_KEY, REPORTING_URL: 'http://127.0.0.1:18083/reports/v1' };
const run = (overrides: Record<string, unknown> = {}) => ({
  runId: '3ab90edc-8c2b-4592-88ca-ddcb539285f4', platformId: 'plat-a', operatorId: 'casino1', day: '2026-11-30', trigger: 'request', status: 'matched',
  result: { tolerance: { amount: '0.00', count: '0' }, rows: [{ vendor: 'netent', currency: 'EUR', status: 'matched', differences: [] }] },
  error: null, ranAt: '2026-12-01T03:00:00.000000Z', published: true, ...overrides,
});

describe('bo reconcile', () => {
  const cli = async (argv: string[], answer: (request: RecordedRequest) => FakeAnswer) => {
    const output = new CapturedOutput();
    const fake = fakeFetch(answer);
    const exitCode = await runCli({ argv, env: ENV, output, fetchFunction: fake.fetchFunction, newIdempotencyKey: () => 'unused' });
    expect(output.stdoutText + output.stderrText).not.toContain(API_KEY);
    return { exitCode, stdout: output.stdoutText, stderr: output.stderrText, requests: fake.requests };
  };

  it('given a matching day when run then one POST to the reports API, the run printed, exit 0', async () => {
    const result = await cli(['reconcile', 'run', 'plat-a', '2026-11-30'], () => ({ status: 200, body: run() }));
    expect(result.requests.map((r) => [r.method, r.url.toString(), r.body])).toEqual([['POST', 'http://127.0.0.1:18083/reports/v1/reconciliations', { platformId: 'plat-a', day: '2026-11-30' }]]);
    expect(result.stdout).toBe(
      'plat-a (casino1) 2026-11-30: MATCHED · run 3ab90edc-8c2b-4592-88ca-ddcb539285f4 by request at 2026-12-01T03:00:00.000000Z\n  tolerance: sums 0.00, counts 0\n  netent EUR: matched\n',
    );
    expect(result.exitCode).toBe(0);
  });

  it('given a mismatch when run then every field off is shown with both sides, and the exit code is 3', async () => {
    const mismatched = run({
      status: 'mismatched',
      result: {
        tolerance: { amount: '0.00', count: '0' },
        rows: [{ vendor: 'netent', currency: 'EUR', status: 'mismatched', differences: [{ field: 'wins_sum', ours: '3.30', platform: '5.80', difference: '2.50' }] }],
      },
    });
    const result = await cli(['reconcile', 'run', 'plat-a', '2026-11-30', '--operator', 'casino1'], () => ({ status: 200, body: mismatched }));
    expect(result.requests[0].body).toEqual({ platformId: 'plat-a', day: '2026-11-30', operatorId: 'casino1' });
    expect(result.stdout).toContain('  netent EUR: mismatched\n    wins_sum: ours 3.30, platform 5.80, difference 2.50\n');
    expect(result.exitCode).toBe(3);
  });

  it('given a failed run then its reason, exit 1; a bad day is refused before anything is sent, exit 2', async () => {
    const failed = await cli(['reconcile', 'run', 'plat-a', '2026-11-30'], () => ({ status: 200, body: run({ status: 'failed', result: null, error: 'platform "plat-a": businessReport failed (timeout)' }) }));
    expect([failed.exitCode, failed.stdout.split('\n')[1]]).toEqual([1, '  platform "plat-a": businessReport failed (timeout)']);
    const bad = await cli(['reconcile', 'run', 'plat-a', '2026-02-30'], () => ({ status: 500 }));
    expect([bad.exitCode, bad.requests.length]).toEqual([2, 0]);
  });

  it('given a week when asked for the status then a table of days and the worst status as the exit code', async () => {
    const result = await cli(['reconcile', 'status', '--from', '2026-11-24', '--to', '2026-11-30', '--platform', 'plat-a'], () => ({
      status: 200,
      body: { runs: [run({ status: 'mismatched', result: { tolerance: { amount: '0.00', count: '0' }, rows: [{ vendor: 'netent', currency: 'EUR', status: 'mismatched', differences: [] }] } }), run({ day: '2026-11-29' })], hasMore: false },
    }));
    expect(result.requests[0].url.search).toBe('?from=2026-11-24&to=2026-11-30&pageSize=500&platform=plat-a');
    expect(result.stdout.split('\n')[1]).toMatch(/^2026-11-30\s+plat-a\s+casino1\s+mismatched\s+1\s+request/);
    expect(result.exitCode).toBe(3);
  });

  it('given --source aggregator when run then the aggregator day is asked for, each player off shown with the field and amount, exit 3', async () => {
    const aggregatorRun = run({
      source: 'aggregator', platformId: 'zg', status: 'mismatched',
      result: {
        tolerance: { amount: '0.00', count: '0' },
        summary: { matched: '2', mismatched: '1', notComparable: '1' },
        rows: [
          { player: { userId: 'p5', username: 'zgp5' }, currency: 'EUR', status: 'mismatched', differences: [{ field: 'playerWinLoss', ours: '-7.00', platform: '-4.00', difference: '3.00' }] },
          { player: { userId: 'p3', username: 'zgp3' }, currency: 'IDR', status: 'not-comparable', reason: 'currency', differences: [] },
        ],
      },
    });
    const result = await cli(['reconcile', 'run', 'zg', '2026-11-30', '--source', 'aggregator'], () => ({ status: 200, body: aggregatorRun }));
    expect(result.requests[0].body).toEqual({ platformId: 'zg', day: '2026-11-30', source: 'aggregator' });
    expect(result.stdout).toBe(
      'aggregator zg (casino1) 2026-11-30: MISMATCHED · run 3ab90edc-8c2b-4592-88ca-ddcb539285f4 by request at 2026-12-01T03:00:00.000000Z\n' +
        '  tolerance: sums 0.00, counts 0\n  players: 2 matched, 1 mismatched, 1 not comparable\n' +
        '  player p5 (zgp5) EUR: mismatched\n    playerWinLoss: ours -7.00, platform -4.00, difference 3.00\n' +
        '  player p3 (zgp3) IDR: not-comparable (currency)\n',
    );
    expect(result.exitCode).toBe(3);
    const bad = await cli(['reconcile', 'run', 'zg', '2026-11-30', '--source', 'ledger'], () => ({ status: 500 }));
    expect([bad.exitCode, bad.requests.length]).toEqual([2, 0]);
    const status = await cli(['reconcile', 'status', '--from', '2026-11-30', '--source', 'aggregator'], () => ({ status: 200, body: { runs: [aggregatorRun], hasMore: false } }));
    expect(status.requests[0].url.search).toBe('?from=2026-11-30&to=2026-11-30&pageSize=500&source=aggregator');
    expect(status.stdout.split('\n')[1]).toMatch(/^2026-11-30\s+zg\s+casino1\s+mismatched\s+2\s+request\s+aggregator/);
    expect(status.exitCode).toBe(3);
  });
});
