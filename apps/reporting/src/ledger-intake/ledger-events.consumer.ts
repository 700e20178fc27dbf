import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { Topics, topicName } from '@wallet-platform/contracts';
import { replayConsumerOptions } from '@wallet-platform/messaging';
import { consumerGroupLag, JsonLogger, lagAfter, type ConsumerGroupLag } from '@wallet-platform/service-kit';
import { recordAppliedEvents } from './ledger-intake.metrics';
import { LEDGER_EVENTS_PER_TRANSACTION_MAX, LEDGER_FETCH_BYTES_PER_PARTITION_MAX } from './ledger-intake.limits';
import { LEDGER_INTAKE_LOGGER, LedgerIntakeService, type LedgerChunkOutcome } from './ledger-intake.service';

export const LEDGER_CONSUMER_KAFKA = Symbol('LEDGER_CONSUMER_KAFKA');
export const LEDGER_CONSUMER_SETTINGS = Symbol('LEDGER_CONSUMER_SETTINGS');

export interface LedgerConsumerSettings {
  readonly environmentName: string;
  /** Partitions of wallet.ledger-events processed at once by this process. */
  readonly partitionsConcurrently: number;
}

/** Told after every committed chunk (the GGR publisher listens). */
export type LedgerChunkListener = (outcome: LedgerChunkOutcome) => void;

/**
 * The Kafka adapter of the ledger intake: reads `wallet.ledger-events` a batch at a time, hands
 * each chunk to LedgerIntakeService, and commits the chunk's offset only after its database
 * transaction committed. Auto-commit is off: an offset never runs ahead of the database.
 */
@Injectable()
export class LedgerEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: Consumer | null = null;
  private joined = false;
  private lag: ConsumerGroupLag | null = null;
  private readonly listeners: LedgerChunkListener[] = [];

  constructor(
    @Inject(LEDGER_CONSUMER_KAFKA) private readonly kafka: Kafka,
    @Inject(LEDGER_CONSUMER_SETTINGS) private readonly settings: LedgerConsumerSettings,
    @Inject(LEDGER_INTAKE_LOGGER) private readonly logger: JsonLogger,
    private readonly intake: LedgerIntakeService,
  ) {}

  get hasJoinedGroup(): boolean {
    return this.joined;
  }

  onChunkCommitted(listener: LedgerChunkListener): void {
    this.listeners.push(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    const groupId = `${this.settings.environmentName}.reporting`;
    const lag = (this.lag = consumerGroupLag(groupId));
    const consumer = this.kafka.consumer(replayConsumerOptions(groupId, LEDGER_FETCH_BYTES_PER_PARTITION_MAX));
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.joined = true;
      lag.reassigned();
    });
    consumer.on(consumer.events.CRASH, (event) => {
      this.joined = false;
      this.logger.event('error', 'LedgerIntake', 'ledger consumer crashed', { error: String(event.payload.error), restart: event.payload.restart });
    });
    this.consumer = consumer;
    await consumer.connect();
    // From the beginning: a new reporting database is built by replaying the whole topic.
    await consumer.subscribe({ topics: [topicName(this.settings.environmentName, Topics.walletLedgerEvents)], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.settings.partitionsConcurrently,
      eachBatch: (payload) => this.processBatch(payload),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    // disconnect() waits for the batch in hand: its chunk commits (or not) as a whole.
    await this.consumer?.disconnect();
    this.consumer = null;
  }

  private async processBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const consumer = this.consumer;
    if (consumer === null) return;
    for (let start = 0; start < batch.messages.length; start += LEDGER_EVENTS_PER_TRANSACTION_MAX) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(start, start + LEDGER_EVENTS_PER_TRANSACTION_MAX);
      const outcome = await this.intake.applyChunk(chunk.map((message) => ({ partition: batch.partition, offset: message.offset, value: message.value })));
      const last = chunk[chunk.length - 1];
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() }]);
      resolveOffset(last.offset);
      this.lag?.report(batch.topic, batch.partition, lagAfter(batch.highWatermark, last.offset));
      recordAppliedEvents(chunk.map((message) => message.timestamp));
      this.logger.event('debug', 'LedgerIntake', 'chunk applied', { partition: batch.partition, lastOffset: last.offset, applied: outcome.applied, duplicates: outcome.duplicates, rejected: outcome.rejected });
      for (const listener of this.listeners) listener(outcome);
      await heartbeat();
    }
    await commitOffsetsIfNecessary();
  }
}
