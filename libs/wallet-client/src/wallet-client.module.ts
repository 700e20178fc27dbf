import { Module, type DynamicModule } from '@nestjs/common';
import type Redis from 'ioredis';
import type { Kafka } from 'kafkajs';
import { allTopics, Topics, topicName, WalletRequesters, type WalletRequester } from '@wallet-platform/contracts';
import { ensureTopics, RequestReplyClient } from '@wallet-platform/messaging';
import { ENSURE_TOPICS, REPLY_PATH_REDIS, ReplyPathLifecycle } from './reply-path.lifecycle';
import { registerReplyPathMetrics } from './reply-path.metrics';
import { REQUEST_REPLY_CLIENT, WALLET_REPLY_TIMEOUT_MS, WalletClient } from './wallet-client';

/** How long a requester instance's reply-partition lease lives without renewal. */
export const REPLY_LEASE_TTL_MS = 15_000;
/** How long start-up may take to lease a partition and prove replies arrive on it. */
export const REPLY_PATH_START_TIMEOUT_MS = 30_000;

export interface WalletClientOptions {
  /** Which requester this service is: names its reply topic (contracts' WalletRequesters). */
  readonly requester: WalletRequester;
  readonly kafka: Kafka;
  readonly redis: Redis;
  readonly environmentName: string;
  readonly instanceId: string;
  /** Deadline of one wallet call; past it the call answers TIMEOUT. */
  readonly replyTimeoutMs: number;
  /** Calls waiting for the wallet at once; past it a call is refused at once (back-pressure). */
  readonly pendingRequestsMax: number;
  readonly log: (level: 'error' | 'warn', message: string, fields: Record<string, unknown>) => void;
}

/**
 * The wallet's command API for any service of ours (the gateway, the promotions service): a
 * typed `WalletClient` over Kafka request-reply, its reply path started before the service takes
 * traffic and stopped after it (docs/request-reply.md).
 */
@Module({})
export class WalletClientModule {
  static forRoot(options: WalletClientOptions): DynamicModule {
    const replies = WalletRequesters[options.requester];
    const client = new RequestReplyClient(
      options.kafka,
      options.redis,
      {
        requestTopic: topicName(options.environmentName, Topics.walletCommands),
        replyTopic: topicName(options.environmentName, replies),
        replyPartitionCount: replies.partitions,
        leaseKeyPrefix: `${options.environmentName}:${options.requester}:reply-partition`,
        leaseTtlMs: REPLY_LEASE_TTL_MS,
        instanceId: options.instanceId,
        consumerGroupPrefix: `${options.environmentName}.${options.requester}-replies`,
        pendingRequestsMax: options.pendingRequestsMax,
        startTimeoutMs: REPLY_PATH_START_TIMEOUT_MS,
      },
      (reason) => options.log('error', 'reply path lost: not ready until it is reopened', { reason }),
      (partition) => options.log('warn', 'reply path reopened', { partition }),
    );
    registerReplyPathMetrics(client);
    return {
      module: WalletClientModule,
      providers: [
        { provide: REQUEST_REPLY_CLIENT, useValue: client },
        { provide: REPLY_PATH_REDIS, useValue: options.redis },
        { provide: ENSURE_TOPICS, useValue: () => ensureTopics(options.kafka, options.environmentName, allTopics) },
        { provide: WALLET_REPLY_TIMEOUT_MS, useValue: options.replyTimeoutMs },
        ReplyPathLifecycle,
        WalletClient,
      ],
      exports: [WalletClient],
    };
  }
}
