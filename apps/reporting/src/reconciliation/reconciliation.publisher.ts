import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CompressionTypes, type Kafka, type Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { MessageHeaders, reconciliationResultKey, ReportTopics, topicName } from '@wallet-platform/contracts';
import { encodeMessage, orderedProducerOptions } from '@wallet-platform/messaging';
import { SCHEMA_ID_HEADER } from '../report-topics/ggr-publisher';
import { lockUnpublishedRuns, markRunsPublished } from './reconciliation.store';

export const RECONCILIATION_KAFKA = Symbol('RECONCILIATION_KAFKA');
export const RECONCILIATION_ENVIRONMENT_NAME = Symbol('RECONCILIATION_ENVIRONMENT_NAME');
/** Results published per round trip. */
export const RECONCILIATION_RESULTS_PER_PUBLISH_MAX = 100;

/**
 * Publishes stored results on `reporting.reconciliation-results`, the runs table being the outbox:
 * lock unpublished runs, publish (acks from all in-sync replicas), mark them, in one transaction.
 * A crash between the publish and the commit publishes a run twice; a reader keeps the latest
 * message per runId (the result is the same).
 */
@Injectable()
export class ReconciliationPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private producer: Producer | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RECONCILIATION_KAFKA) private readonly kafka: Kafka,
    @Inject(RECONCILIATION_ENVIRONMENT_NAME) private readonly environmentName: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.producer = this.kafka.producer(orderedProducerOptions());
    await this.producer.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer?.disconnect();
  }

  /** Publishes every unpublished result (a batch at a time); resolves with how many. */
  async publishPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.dataSource.transaction('READ COMMITTED', async (manager) => {
        const runs = await lockUnpublishedRuns(manager, RECONCILIATION_RESULTS_PER_PUBLISH_MAX);
        if (runs.length === 0) return 0;
        if (!this.producer) throw new Error('the reconciliation publisher is not started');
        await this.producer.send({
          topic: topicName(this.environmentName, ReportTopics.reconciliationResults),
          acks: -1,
          timeout: 10_000,
          compression: CompressionTypes.None,
          messages: runs.map(({ result }) => ({
            key: reconciliationResultKey(result),
            value: encodeMessage(result),
            headers: { [SCHEMA_ID_HEADER]: result.schemaId, [MessageHeaders.messageType]: 'reconciliation-result' },
          })),
        });
        await markRunsPublished(manager, runs.map((run) => run.runId));
        return runs.length;
      });
      total += published;
      if (published < RECONCILIATION_RESULTS_PER_PUBLISH_MAX) return total;
    }
  }
}
