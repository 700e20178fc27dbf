import { gauge } from './metrics-registry';

const consumerLag = gauge<'group' | 'topic' | 'partition'>({
  name: 'kafka_consumer_group_lag',
  help: "Messages of a partition not yet handled by the group, as this member saw at its last fetch (high watermark minus the next offset). Reported by the partition's current owner only.",
  labelNames: ['group', 'topic', 'partition'],
});

/** The lag of one consumer group as this process's member sees it: one gauge for every consumer of every service. */
export interface ConsumerGroupLag {
  /** The partition's lag after a fetch was handled (see lagAfter). */
  report(topic: string, partition: number, lag: number): void;
  /** A rebalance moved partitions: only their new owner reports them (after its first fetch), so no partition is summed twice across members. */
  reassigned(): void;
}

/** Partitions this process reported, per group: a rebalance drops only that group's series. */
const reported = new Map<string, Set<string>>();

export function consumerGroupLag(group: string): ConsumerGroupLag {
  return {
    report(topic, partition, lag) {
      const key = `${topic}\u0000${partition}`;
      let partitions = reported.get(group);
      if (partitions === undefined) reported.set(group, (partitions = new Set()));
      partitions.add(key);
      consumerLag.set({ group, topic, partition: String(partition) }, Math.max(0, lag));
    },
    reassigned() {
      for (const key of reported.get(group) ?? []) {
        const [topic, partition] = key.split('\u0000');
        consumerLag.remove({ group, topic, partition });
      }
      reported.delete(group);
    },
  };
}

/** Messages of a partition after `lastHandledOffset`, from the fetch's high watermark (kafkajs hands both as decimal strings). */
export function lagAfter(highWatermark: string, lastHandledOffset: string): number {
  const lag = BigInt(highWatermark) - BigInt(lastHandledOffset) - 1n;
  return lag > 0n ? Number(lag) : 0;
}
