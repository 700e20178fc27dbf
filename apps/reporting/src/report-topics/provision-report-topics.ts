import type { Kafka } from 'kafkajs';
import { allReportTopics, topicName } from '@wallet-platform/contracts';

/**
 * Creates the report topics with their cleanup policy (the shared ensureTopics knows no topic
 * configuration). Idempotent; a topic that exists is left as it is.
 */
export async function provisionReportTopics(kafka: Kafka, environmentName: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = allReportTopics.filter((topic) => !existing.has(topicName(environmentName, topic)));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      timeout: 30_000,
      topics: missing.map((topic) => ({
        topic: topicName(environmentName, topic),
        numPartitions: topic.partitions,
        replicationFactor: -1,
        configEntries: [{ name: 'cleanup.policy', value: topic.cleanupPolicy }],
      })),
    });
  } catch (error) {
    // Two replicas starting at once may both create a topic: the loser's "already exists" is fine.
    if (!(error instanceof Error && /already exists/i.test(error.message))) throw error;
  } finally {
    await admin.disconnect();
  }
}

/** Attempts of a topic provisioning step before start-up gives up. */
export const TOPIC_PROVISIONING_ATTEMPTS_MAX = 5;
const TOPIC_PROVISIONING_BACKOFF_MS = 500;

/**
 * Runs a topic provisioning step again when the broker answers with a retriable error: right after
 * a topic is created its metadata may not have reached the broker asked yet
 * (UNKNOWN_TOPIC_OR_PARTITION), which crashed a start-up in a test under load.
 */
export async function withTopicProvisioningRetries(step: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      const retriable = typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === true;
      if (!retriable || attempt >= TOPIC_PROVISIONING_ATTEMPTS_MAX) throw error;
      await new Promise((resolve) => setTimeout(resolve, TOPIC_PROVISIONING_BACKOFF_MS * attempt));
    }
  }
}
