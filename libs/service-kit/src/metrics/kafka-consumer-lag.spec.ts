import { consumerGroupLag, lagAfter } from './kafka-consumer-lag';
import { metricsRegistry } from './metrics-registry';

const series = async () => (await metricsRegistry.getSingleMetricAsString('kafka_consumer_group_lag')).split('\n').filter((line) => !line.startsWith('#'));

describe('kafka_consumer_group_lag', () => {
  it('is the high watermark minus the offset after the last handled one, never below 0', () => {
    expect(lagAfter('120', '99')).toBe(20);
    expect(lagAfter('100', '99')).toBe(0);
    // A watermark read before the last messages were handled (kafkajs hands the fetch's).
    expect(lagAfter('100', '150')).toBe(0);
    expect(lagAfter('9007199254741100', '9007199254740999')).toBe(100);
  });

  it("reports each group's partitions, and a rebalance of one group drops only that group's", async () => {
    const wallet = consumerGroupLag('spec.wallet');
    const reporting = consumerGroupLag('spec.reporting');
    wallet.report('spec.wallet.commands', 0, 5);
    wallet.report('spec.wallet.commands', 1, 0);
    reporting.report('spec.wallet.ledger-events', 3, 42);
    expect(await series()).toEqual(
      expect.arrayContaining([
        'kafka_consumer_group_lag{group="spec.wallet",topic="spec.wallet.commands",partition="0"} 5',
        'kafka_consumer_group_lag{group="spec.wallet",topic="spec.wallet.commands",partition="1"} 0',
        'kafka_consumer_group_lag{group="spec.reporting",topic="spec.wallet.ledger-events",partition="3"} 42',
      ]),
    );
    wallet.reassigned();
    const after = await series();
    expect(after.filter((line) => line.includes('group="spec.wallet"'))).toEqual([]);
    expect(after).toContain('kafka_consumer_group_lag{group="spec.reporting",topic="spec.wallet.ledger-events",partition="3"} 42');
    reporting.report('spec.wallet.ledger-events', 3, 0);
    expect(await series()).toContain('kafka_consumer_group_lag{group="spec.reporting",topic="spec.wallet.ledger-events",partition="3"} 0');
  });
});
