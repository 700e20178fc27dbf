import { metricsRegistry } from '@wallet-platform/service-kit';
import { startOperatorApiRequest } from './operator-api.metrics';

async function countOf(labels: Record<string, string>): Promise<number | undefined> {
  const metric = await metricsRegistry.getSingleMetric('operator_api_requests_total')!.get();
  return metric.values.find((value) => Object.entries(labels).every(([name, wanted]) => value.labels[name] === wanted))?.value;
}

describe('Operator API request metrics', () => {
  it('counts each answer once by command and result, and times it', async () => {
    const before = (await countOf({ command: 'balance', result: 'OK' })) ?? 0;
    startOperatorApiRequest('balance')('OK');
    startOperatorApiRequest('balance')('OK');
    startOperatorApiRequest('changebalance')('OP_31');
    expect(await countOf({ command: 'balance', result: 'OK' })).toBe(before + 2);
    expect(await countOf({ command: 'changebalance', result: 'OP_31' })).toBe(1);
    const durations = await metricsRegistry.getSingleMetric('operator_api_request_duration_seconds')!.get();
    const balanceCount = durations.values.find((value) => (value as { metricName?: string }).metricName === 'operator_api_request_duration_seconds_count' && value.labels['command'] === 'balance');
    expect(balanceCount?.value).toBe(before + 2);
  });

  it('folds a command outside the protocol into one label value (the path is the caller’s)', async () => {
    startOperatorApiRequest('balance%20OR%201=1')('ACCESS_DENIED');
    startOperatorApiRequest('player-4711')('ACCESS_DENIED');
    expect(await countOf({ command: 'unknown', result: 'ACCESS_DENIED' })).toBe(2);
    const commands = new Set((await metricsRegistry.getSingleMetric('operator_api_requests_total')!.get()).values.map((value) => value.labels['command']));
    expect([...commands].sort()).toEqual(['balance', 'changebalance', 'unknown']);
  });
});
