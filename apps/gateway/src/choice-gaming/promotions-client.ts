import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import type { Kafka } from 'kafkajs';
import { allTopics, AwardErrorKind, playerPartitionKey, PromotionsCommandType, PromotionsRequesters, Topics, topicName, type AwardWinCommand, type AwardWinReply } from '@wallet-platform/contracts';
import { ensureTopics, RequestRejectedError, RequestReplyClient, RequestTimeoutError } from '@wallet-platform/messaging';
import { currentRequestContext, ReadinessRegistry } from '@wallet-platform/service-kit';

/** How long a gateway instance's promotions reply-partition lease lives without renewal (as the wallet's). */
const REPLY_LEASE_TTL_MS = 15_000;
const REPLY_PATH_START_TIMEOUT_MS = 30_000;

export interface PromotionsClientOptions {
  readonly kafka: Kafka;
  /** A connection of its own: the wallet client's is closed by its own lifecycle. */
  readonly redis: Redis;
  readonly environmentName: string;
  readonly instanceId: string;
  /** Must exceed the promotions service's two wallet calls (facts, credit): see docs/promotions.md. */
  readonly replyTimeoutMs: number;
  readonly pendingRequestsMax: number;
  readonly log: (level: 'error' | 'warn', message: string, fields: Record<string, unknown>) => void;
}

export const PROMOTIONS_CLIENT_OPTIONS = Symbol('PROMOTIONS_CLIENT_OPTIONS');

/**
 * The promotions service's command API for the Choice Gaming adapter: Kafka request-reply on
 * `promotions.commands`, replies on this instance's leased partition of
 * `gateway.promotions-replies` (the pattern of the wallet's client, docs/request-reply.md). No
 * exception escapes for a timeout or an overload: they come back as award errors.
 */
@Injectable()
export class PromotionsClient implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly client: RequestReplyClient;

  constructor(
    @Inject(PROMOTIONS_CLIENT_OPTIONS) private readonly options: PromotionsClientOptions,
    private readonly readiness: ReadinessRegistry,
  ) {
    const replies = PromotionsRequesters.gateway;
    this.client = new RequestReplyClient(
      options.kafka,
      options.redis,
      {
        requestTopic: topicName(options.environmentName, Topics.promotionsCommands),
        replyTopic: topicName(options.environmentName, replies),
        replyPartitionCount: replies.partitions,
        leaseKeyPrefix: `${options.environmentName}:gateway:promotions-reply-partition`,
        leaseTtlMs: REPLY_LEASE_TTL_MS,
        instanceId: options.instanceId,
        consumerGroupPrefix: `${options.environmentName}.gateway-promotions-replies`,
        pendingRequestsMax: options.pendingRequestsMax,
        startTimeoutMs: REPLY_PATH_START_TIMEOUT_MS,
      },
      (reason) => options.log('error', 'promotions reply path lost: not ready until it is reopened', { reason }),
      (partition) => options.log('warn', 'promotions reply path reopened', { partition }),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await ensureTopics(this.options.kafka, this.options.environmentName, allTopics);
    await this.client.start();
    this.readiness.register({ name: 'kafka-promotions-reply-path', check: async () => this.client.assertReady() });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.stop();
    await this.options.redis.quit().catch(() => undefined);
  }

  /** Keyed by operator and player, as the wallet's commands: one player's awards stay in order. */
  async awardWin(command: AwardWinCommand): Promise<AwardWinReply> {
    const requestId = currentRequestContext()?.requestId ?? 'none';
    try {
      return awardReplyOf(
        await this.client.request<AwardWinReply>(
          PromotionsCommandType.AwardWin,
          playerPartitionKey(command.caller.operatorId, command.userId),
          command,
          this.options.replyTimeoutMs,
          requestId,
        ),
      );
    } catch (error) {
      if (error instanceof RequestTimeoutError) return { ok: false, error: { kind: AwardErrorKind.Timeout, message: 'Timeout' } };
      if (error instanceof RequestRejectedError) return { ok: false, error: { kind: AwardErrorKind.Unavailable, message: 'Unavailable' } };
      throw error;
    }
  }
}

const AWARD_ERROR_KINDS: ReadonlySet<string> = new Set(Object.values(AwardErrorKind));

/**
 * The reply as an award answer. The command transport answers a handler that threw (a database
 * outage) with its own error kinds (`INTERNAL`): those, and any kind we do not know, are
 * `UNAVAILABLE` (nothing final happened; the provider retries).
 */
export function awardReplyOf(reply: AwardWinReply): AwardWinReply {
  if (reply.ok || AWARD_ERROR_KINDS.has(reply.error.kind)) return reply;
  return { ok: false, error: { kind: AwardErrorKind.Unavailable, message: 'Unavailable' } };
}
