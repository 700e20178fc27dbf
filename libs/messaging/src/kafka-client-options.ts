import { Partitioners, type ConsumerConfig, type ProducerConfig } from 'kafkajs';

/**
 * The Kafka client options of every producer and consumer of ours, stated explicitly (no library
 * default is relied on), in one place. Two kinds of each:
 */

/**
 * A producer whose messages must not be doubled or reordered by its own retries (commands, the
 * outbox relay, report topics): idempotent, one request in flight per connection.
 */
export function orderedProducerOptions(): ProducerConfig {
  return { createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false };
}

/**
 * A producer of replies: a duplicate reply is dropped by the requester (by correlation id) and their
 * order does not matter, so no idempotence and several requests in flight.
 */
export function replyProducerOptions(): ProducerConfig {
  return { createPartitioner: Partitioners.DefaultPartitioner, idempotent: false, maxInFlightRequests: 5, allowAutoTopicCreation: false };
}

/**
 * A consumer on the live request path (commands, replies). A crashed instance holds its partitions
 * until its session expires: keep that short (handlers take milliseconds, so a 10 s silence means
 * the process is gone). An empty fetch waits at most 500 ms on the broker; a message ends the wait
 * at once, so this bounds idle polling, not latency.
 */
export function liveConsumerOptions(groupId: string, extra: Pick<ConsumerConfig, 'partitionAssigners'> = {}): ConsumerConfig {
  return { groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 500, allowAutoTopicCreation: false, ...extra };
}

/**
 * A consumer that replays a topic into its own store (reporting, promotions' free-spin wins):
 * batches of up to `maxBytesPerPartition` and retries of its own before the consumer restarts.
 * Its handlers heartbeat after every chunk's transaction (milliseconds to a few hundred), so the
 * session is as short as the live consumers': a crashed instance's partitions move after 10 s of
 * silence, not 30 (a restarted reporting or promotions service waited out the old 30 s session).
 */
export function replayConsumerOptions(groupId: string, maxBytesPerPartition: number): ConsumerConfig {
  return { groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000, maxBytesPerPartition, allowAutoTopicCreation: false, retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 10_000 } };
}
