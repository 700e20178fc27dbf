import type { Kafka } from 'kafkajs';
import { topicName, type TopicSpec } from '@wallet-platform/contracts';

/**
 * Creates the environment's topics from the contracts list, idempotently. The broker never
 * auto-creates topics, so a typo in a topic name fails loudly instead of creating a stray topic.
 * A topic that exists with fewer partitions than declared is grown (Kafka cannot shrink one).
 */
export async function ensureTopics(kafka: Kafka, environmentName: string, topics: readonly TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topicName(environmentName, topic)));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        timeout: 30_000,
        topics: missing.map((topic) => ({
          topic: topicName(environmentName, topic),
          numPartitions: topic.partitions,
          replicationFactor: -1, // the broker's default: 1 on the local single node, 3 in production
        })),
      });
    }
    const present = topics.filter((topic) => existing.has(topicName(environmentName, topic)));
    if (present.length > 0) {
      const metadata = await admin.fetchTopicMetadata({ topics: present.map((topic) => topicName(environmentName, topic)) });
      const grow = present.filter((topic) => {
        const found = metadata.topics.find((entry) => entry.name === topicName(environmentName, topic));
        return found !== undefined && found.partitions.length < topic.partitions;
      });
      if (grow.length > 0) {
        await admin.createPartitions({
          validateOnly: false,
          timeout: 30_000,
          topicPartitions: grow.map((topic) => ({ topic: topicName(environmentName, topic), count: topic.partitions })),
        });
      }
    }
  } catch (error) {
    // Two services starting at once may both create a topic: the loser's "already exists" is fine.
    if (!(error instanceof Error && /already exists/i.test(error.message))) throw error;
  } finally {
    await admin.disconnect();
  }
}
