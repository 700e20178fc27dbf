import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { Topics, topicName } from '@wallet-platform/contracts';
import { replayConsumerOptions } from '@wallet-platform/messaging';
import { consumerGroupLag, lagAfter, type ConsumerGroupLag, type JsonLogger } from '@wallet-platform/service-kit';
import { freeSpinWinOf } from './free-spin-win';
import type { FreeSpinWinsStore } from './free-spin-wins.store';

/** Messages of one partition read into one database transaction. */
export const FREE_SPIN_EVENTS_PER_CHUNK_MAX = 500;
/** Partitions of wallet.ledger-events read at once: the work per event is one row at most, two keep the database busy enough. */
const PARTITIONS_CONCURRENTLY = 2;
/** Bytes fetched per partition at once (bounds memory per fetch). */
const FETCH_BYTES_PER_PARTITION_MAX = 1024 * 1024;

/**
 * Reads `wallet.ledger-events` in the promotions service's own consumer group and keeps the
 * PROMO-FREESPIN wins that name a campaign. The offset of a chunk is committed only after its
 * rows are: a crash replays the chunk, and the ledger transaction id key drops what was kept.
 */
export class FreeSpinLedgerConsumer {
  private consumer: Consumer | null = null;
  private joined = false;
  private lag: ConsumerGroupLag | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly environmentName: string,
    private readonly store: FreeSpinWinsStore,
    private readonly logger: Pick<JsonLogger, 'event'>,
  ) {}

  get hasJoinedGroup(): boolean {
    return this.joined;
  }

  async start(): Promise<void> {
    const groupId = `${this.environmentName}.promotions-ledger`;
    const lag = (this.lag = consumerGroupLag(groupId));
    const consumer = this.kafka.consumer(replayConsumerOptions(groupId, FETCH_BYTES_PER_PARTITION_MAX));
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.joined = true;
      lag.reassigned();
    });
    consumer.on(consumer.events.CRASH, (event) => {
      this.joined = false;
      this.logger.event('error', 'FreeSpinWins', 'ledger consumer crashed', { error: String(event.payload.error), restart: event.payload.restart });
    });
    this.consumer = consumer;
    await consumer.connect();
    // From the beginning: a campaign's figures are rebuilt by replaying the topic.
    await consumer.subscribe({ topics: [topicName(this.environmentName, Topics.walletLedgerEvents)], fromBeginning: true });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: PARTITIONS_CONCURRENTLY, eachBatch: (payload) => this.processBatch(payload) });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = null;
  }

  private async processBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const consumer = this.consumer;
    if (consumer === null) return;
    for (let start = 0; start < batch.messages.length; start += FREE_SPIN_EVENTS_PER_CHUNK_MAX) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(start, start + FREE_SPIN_EVENTS_PER_CHUNK_MAX);
      const wins = chunk.map((message) => freeSpinWinOf(message.value)).filter((win) => win !== null);
      const recorded = await this.store.record(wins);
      const last = chunk[chunk.length - 1];
      if (last === undefined) continue;
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() }]);
      resolveOffset(last.offset);
      this.lag?.report(batch.topic, batch.partition, lagAfter(batch.highWatermark, last.offset));
      if (recorded > 0) this.logger.event('info', 'FreeSpinWins', 'free-spin wins attributed', { partition: batch.partition, recorded });
      await heartbeat();
    }
  }
}
