import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import type { RequestReplyClient } from '@wallet-platform/messaging';
import { ReadinessRegistry } from '@wallet-platform/service-kit';
import { REQUEST_REPLY_CLIENT } from './wallet-client';

export const REPLY_PATH_REDIS = Symbol('REPLY_PATH_REDIS');
/** Creates the environment's topics (idempotent) before the reply consumer subscribes. */
export const ENSURE_TOPICS = Symbol('ENSURE_TOPICS');

/**
 * Starts the reply path before the HTTP port opens (Nest runs bootstrap hooks before listen), so
 * no request is accepted until this instance has leased its reply partition and proven it reads
 * from it; stops it last on shutdown, after in-flight HTTP requests had their chance to finish.
 */
@Injectable()
export class ReplyPathLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(REQUEST_REPLY_CLIENT) private readonly client: RequestReplyClient,
    @Inject(REPLY_PATH_REDIS) private readonly redis: Redis,
    @Inject(ENSURE_TOPICS) private readonly ensureTopics: () => Promise<void>,
    private readonly readiness: ReadinessRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureTopics();
    await this.client.start();
    this.readiness.register({ name: 'kafka-reply-path', check: async () => this.client.assertReady() });
    this.readiness.register({
      name: 'redis',
      check: async () => {
        if ((await this.redis.ping()) !== 'PONG') throw new Error('redis did not answer PONG');
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.stop();
    await this.redis.quit().catch(() => undefined);
  }
}
