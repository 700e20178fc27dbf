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
