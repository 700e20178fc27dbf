import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { allTopics, Topics, topicName } from '@wallet-platform/contracts';
import { createKafka } from './kafka-connection';
import { KafkaCommandServer } from './kafka-command-server';
import { RequestReplyClient } from './request-reply-client';
import { ensureTopics } from './topic-provisioning';

/**
 * Both ends of the reply path on the real broker and Redis: the requester with its leased
 * partition, the NestJS command transport answering, and a lease lost under the requester's feet.
 */
describe('request-reply over real Kafka and Redis', () => {
  const environmentName = `it${randomBytes(4).toString('hex')}`;
  const kafka = createKafka({ brokers: [process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092'], clientId: 'request-reply-it', log: () => undefined });
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  const leaseKeyPrefix = `${environmentName}:gateway:reply-partition`;
  const recovered: number[] = [];
  const lost: string[] = [];
  let server: KafkaCommandServer;
  let client: RequestReplyClient;

  beforeAll(async () => {
    await ensureTopics(kafka, environmentName, allTopics);
    server = new KafkaCommandServer({
      kafka,
      commandTopic: topicName(environmentName, Topics.walletCommands),
      groupId: `${environmentName}.wallet`,
      replyTopics: new Map([[topicName(environmentName, Topics.gatewayReplies), Topics.gatewayReplies.partitions]]),
      partitionsConsumedConcurrently: 4,
      drainTimeoutMs: 2_000,
      log: () => undefined,
      runInContext: (_requestId, work) => work(),
    });
    server.addHandler('echo', async (payload: unknown) => ({ ok: true, result: payload }));
    await new Promise<void>((resolve, reject) => void server.listen((error?: unknown) => (error ? reject(error) : resolve())));
    client = new RequestReplyClient(
      kafka,
      redis,
      {
        requestTopic: topicName(environmentName, Topics.walletCommands),
        replyTopic: topicName(environmentName, Topics.gatewayReplies),
        replyPartitionCount: Topics.gatewayReplies.partitions,
        leaseKeyPrefix,
        leaseTtlMs: 3_000,
        instanceId: 'it-gateway',
        consumerGroupPrefix: `${environmentName}.gateway-replies`,
        pendingRequestsMax: 100,
        startTimeoutMs: 30_000,
      },
      (reason) => lost.push(reason),
      (partition) => recovered.push(partition),
    );
    await client.start();
  });

  afterAll(async () => {
    await client.stop();
    await server.close();
    const keys = await redis.keys(`${environmentName}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('gets the reply to each of 50 concurrent requests', async () => {
    const replies = await Promise.all(Array.from({ length: 50 }, (_, n) => client.request<{ ok: boolean; result: { n: number } }>('echo', `player-${n % 7}`, { n }, 10_000, `request-${n}`)));
    expect(replies.map((reply) => reply.result.n)).toEqual(Array.from({ length: 50 }, (_, n) => n));
  });

  it('reopens its reply path on a new lease when the lease is lost, then serves again', async () => {
    const partitionBefore = client.partition as number;
    // Another process takes the partition's lease, as after a pause longer than the TTL.
    await redis.set(`${leaseKeyPrefix}:${partitionBefore}`, 'someone-else', 'PX', 60_000);
    const deadline = Date.now() + 30_000;
    while (recovered.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));

    expect(lost).toEqual([`reply partition ${partitionBefore} lease lost`]);
    expect(recovered).toHaveLength(1);
    expect(client.partition).not.toBe(partitionBefore);
    expect(() => client.assertReady()).not.toThrow();
    const reply = await client.request<{ ok: boolean; result: { n: number } }>('echo', 'player-1', { n: 99 }, 10_000, 'after-recovery');
    expect(reply.result.n).toBe(99);
  });
});
