import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CompressionTypes, type Kafka, type Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { MessageHeaders, Topics, topicName, type LedgerEventMessage, type LedgerEvent } from '@wallet-platform/contracts';
import { encodeMessage, orderedProducerOptions } from '@wallet-platform/messaging';
import { JsonLogger } from '@wallet-platform/service-kit';
import { registerOutboxMetrics } from './outbox.metrics';

export const OUTBOX_KAFKA = Symbol('OUTBOX_KAFKA');
export const OUTBOX_ENVIRONMENT_NAME = Symbol('OUTBOX_ENVIRONMENT_NAME');
export const OUTBOX_LOGGER = Symbol('OUTBOX_LOGGER');

/** Events taken per round trip; a full batch is followed at once by the next. */
export const OUTBOX_BATCH_SIZE_MAX = 200;
/** Pause when the outbox is empty. Bounds publish latency of a quiet wallet. */
export const OUTBOX_IDLE_POLL_MS = 100;
/** Pause after a failure (Kafka or PostgreSQL down) before trying again. */
export const OUTBOX_ERROR_BACKOFF_MS = 1_000;

/**
 * Publishes committed outbox events to Kafka, oldest first, and marks them published. Several
 * wallet instances can run it: each takes a batch with `FOR UPDATE SKIP LOCKED` inside one
 * database transaction, publishes it (acks from all in-sync replicas), and only then marks it.
 * A crash between publish and mark republishes the batch: consumers deduplicate by event id.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private producer: Producer | null = null;
  private running = false;
  private loop: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OUTBOX_KAFKA) private readonly kafka: Kafka,
    @Inject(OUTBOX_ENVIRONMENT_NAME) private readonly environmentName: string,
    @Inject(OUTBOX_LOGGER) private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    registerOutboxMetrics(this.dataSource);
    this.producer = this.kafka.producer(orderedProducerOptions());
    await this.producer.connect();
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.producer?.disconnect();
  }

  /** Publishes one batch; resolves with how many events it published. Exposed for tests. */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT id, event_id AS "eventId", partition_key AS "partitionKey", payload
           FROM outbox_events WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [OUTBOX_BATCH_SIZE_MAX],
      )) as Array<{ id: string; eventId: string; partitionKey: string; payload: LedgerEvent }>;
      if (rows.length === 0) return 0;
      await (this.producer as Producer).send({
        topic: topicName(this.environmentName, Topics.walletLedgerEvents),
        acks: -1,
        timeout: 10_000,
        compression: CompressionTypes.None,
        messages: rows.map((row) => {
          const message: LedgerEventMessage = { eventId: row.eventId, event: row.payload };
          return { key: row.partitionKey, value: encodeMessage(message), headers: { [MessageHeaders.messageType]: row.payload.eventType } };
        }),
      });
      await manager.query(`UPDATE outbox_events SET published_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const published = await this.publishBatch();
        if (published < OUTBOX_BATCH_SIZE_MAX) await sleep(OUTBOX_IDLE_POLL_MS);
      } catch (error) {
        this.logger.event('error', 'OutboxRelay', 'publishing failed; will retry', { error: error instanceof Error ? error.message : String(error) });
        await sleep(OUTBOX_ERROR_BACKOFF_MS);
      }
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
