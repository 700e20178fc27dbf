import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CompressionTypes, type Kafka, type Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { dailyGgrRowKey, MessageHeaders, ReportTopics, topicName } from '@wallet-platform/contracts';
import { encodeMessage, orderedProducerOptions } from '@wallet-platform/messaging';
import { JsonLogger } from '@wallet-platform/service-kit';
import { forgetPublishedGgrRows, lockChangedGgrRows } from './ggr-rows.store';

export const REPORT_PUBLISHER_KAFKA = Symbol('REPORT_PUBLISHER_KAFKA');
export const REPORT_PUBLISHER_ENVIRONMENT_NAME = Symbol('REPORT_PUBLISHER_ENVIRONMENT_NAME');
export const REPORT_PUBLISHER_LOGGER = Symbol('REPORT_PUBLISHER_LOGGER');

/** Message header naming the JSON Schema of a report message (also in the value's `schemaId`). */
export const SCHEMA_ID_HEADER = 'x-schema-id';
/** Changed rows published per round trip. */
export const GGR_ROWS_PER_PUBLISH_MAX = 500;
/** Pause when nothing changed; a committed chunk of the intake wakes the publisher sooner. */
export const GGR_IDLE_POLL_MS = 1_000;
export const GGR_ERROR_BACKOFF_MS = 1_000;

/**
 * Republishes the current daily GGR row of every key whose figures changed, on the compacted
 * `reporting.daily-ggr` topic. Like the wallet's outbox relay: lock a batch of changed keys, read
 * their current figures, publish (acks from all in-sync replicas), then forget the keys, all inside
 * one database transaction; a crash before the forget republishes the same current rows, which the
 * compaction makes harmless.
 */
@Injectable()
export class GgrPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private producer: Producer | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REPORT_PUBLISHER_KAFKA) private readonly kafka: Kafka,
    @Inject(REPORT_PUBLISHER_ENVIRONMENT_NAME) private readonly environmentName: string,
    @Inject(REPORT_PUBLISHER_LOGGER) private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.producer = this.kafka.producer(orderedProducerOptions());
    await this.producer.connect();
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.producer?.disconnect();
  }

  /** Something changed: publish now rather than at the next poll. */
  nudge(): void {
    this.wake?.();
  }

  /** Publishes one batch of changed rows; resolves with how many. */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const rows = await lockChangedGgrRows(manager, GGR_ROWS_PER_PUBLISH_MAX);
      if (rows.length === 0) return 0;
      await (this.producer as Producer).send({
        topic: topicName(this.environmentName, ReportTopics.dailyGgr),
        acks: -1,
        timeout: 10_000,
        compression: CompressionTypes.None,
        messages: rows.map((row) => ({
          key: dailyGgrRowKey(row),
          value: encodeMessage(row),
          headers: { [SCHEMA_ID_HEADER]: row.schemaId, [MessageHeaders.messageType]: 'daily-ggr-row' },
        })),
      });
      await forgetPublishedGgrRows(manager, rows);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const published = await this.publishBatch();
        if (published < GGR_ROWS_PER_PUBLISH_MAX) await this.idle(GGR_IDLE_POLL_MS);
      } catch (error) {
        this.logger.event('error', 'GgrPublisher', 'publishing GGR rows failed; will retry', { error: error instanceof Error ? error.message : String(error) });
        await this.idle(GGR_ERROR_BACKOFF_MS);
      }
    }
  }

  private idle(ms: number): Promise<void> {
    // Shut down during the batch: nothing is pending to wake, so do not start a pause.
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
