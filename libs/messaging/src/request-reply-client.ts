import { randomUUID } from 'node:crypto';
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { type Consumer, type Kafka, type Producer } from 'kafkajs';
import { liveConsumerOptions, orderedProducerOptions } from './kafka-client-options';
import type Redis from 'ioredis';
import { MessageHeaders } from '@wallet-platform/contracts';
import { SlotLease } from '@wallet-platform/locks';
import { decodeMessage, encodeMessage, headerText } from './message-codec';
import { MessageNotSentError, ProduceBatcher, type QueuedMessage } from './produce-batcher';
import { singlePartitionAssigner } from './single-partition-assigner';
import { addTraceHeaders, MESSAGING_TRACER } from './trace-headers';

export interface RequestReplySettings {
  /** Physical topic requests are sent to. */
  readonly requestTopic: string;
  /** Physical topic replies come back on; this instance reads one leased partition of it. */
  readonly replyTopic: string;
  readonly replyPartitionCount: number;
  /** Redis key prefix of the partition leases, per environment. */
  readonly leaseKeyPrefix: string;
  readonly leaseTtlMs: number;
  readonly instanceId: string;
  readonly consumerGroupPrefix: string;
  /** Bound on requests waiting for a reply; past it a request fails at once (back-pressure). */
  readonly pendingRequestsMax: number;
  /** How long start() may take to prove the reply path works. */
  readonly startTimeoutMs: number;
}

export class RequestTimeoutError extends Error {
  constructor(readonly type: string, readonly timeoutMs: number) {
    super(`no reply to ${type} within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

/**
 * The request could not be confirmed as written (the produce call failed: the broker away, its
 * answer lost). It may still have been written and be applied, so for the caller it is a request
 * with no reply in time: unknown, never "not applied" (a RequestTimeoutError, so every caller maps
 * it as one; before, it escaped as a raw kafkajs error and the gateway answered an unsigned 500).
 */
export class RequestOutcomeUnknownError extends RequestTimeoutError {
  constructor(type: string, timeoutMs: number, cause: Error) {
    super(type, timeoutMs);
    this.message = `${type} not confirmed as sent (${cause.name}: ${cause.message}); its outcome is unknown`;
    this.name = 'RequestOutcomeUnknownError';
  }
}

export class RequestRejectedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RequestRejectedError';
  }
}

interface PendingRequest {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
  /** The request's round trip (send to reply), a child of the caller's span; ended with the outcome. */
  readonly span?: Span;
}

const PROBE_TYPE = 'reply-path.probe';
const PROBE_INTERVAL_MS = 250;
/** Pause between attempts to reopen a lost reply path (Redis or Kafka may be briefly away). */
const REOPEN_BACKOFF_MS = 1_000;
/** Pause between attempts to open a new reply consumer after a crash: kafkajs's own connect retries come first. */
const CONSUMER_REOPEN_BACKOFF_MS = 200;

/**
 * Request-reply over Kafka that keeps working with many requester instances and restarts.
 *
 * Each instance leases one partition of the reply topic in Redis and consumes exactly that
 * partition through its own single-member group; every request names the topic and partition its
 * reply must go to, and the responder writes there explicitly. Replies therefore never depend on
 * a group rebalance (the failure of NestJS's group-based reply routing). Before start() resolves,
 * the instance sends a probe to its own partition and waits to read it back: from then on, the
 * consumer's position is known to be before every reply to come. Every request has a deadline.
 * If the lease is ever lost, the client stops serving and reopens the path on a new lease.
 * See docs/request-reply.md.
 */
export class RequestReplyClient {
  private readonly pending = new Map<string, PendingRequest>();
  private producer: Producer | null = null;
  private requests: ProduceBatcher | null = null;
  private consumer: Consumer | null = null;
  private lease: SlotLease | null = null;
  private replyPartition: number | null = null;
  private ready = false;
  private lostReason: string | null = null;
  private recovering = false;
  private stopped = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly redis: Redis,
    private readonly settings: RequestReplySettings,
    private readonly onFatal: (reason: string) => void = () => undefined,
    private readonly onRecovered: (partition: number) => void = () => undefined,
  ) {}

  get partition(): number | null {
    return this.replyPartition;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * Throws with the reason when the reply path cannot be used (for readiness probes). The error is
   * a RequestRejectedError: a request refused here was never sent, so nothing was applied.
   */
  assertReady(): void {
    if (this.lostReason) throw new RequestRejectedError(`reply path unavailable: ${this.lostReason}`);
    if (!this.ready) throw new RequestRejectedError('reply path not started');
  }

  async start(): Promise<void> {
    this.producer = this.kafka.producer(orderedProducerOptions());
    await this.producer.connect();
    this.requests = new ProduceBatcher(this.producer, this.settings.requestTopic);
    await this.openReplyPath();
    this.ready = true;
  }

  /** Leases a partition, consumes exactly it, and proves the path with a probe. */
  private async openReplyPath(): Promise<void> {
    const { settings } = this;
    const lease = new SlotLease(this.redis, settings.leaseKeyPrefix, settings.replyPartitionCount, settings.leaseTtlMs, (slot) =>
      void this.recover(`reply partition ${slot} lease lost`),
    );
    this.lease = lease;
    this.replyPartition = await lease.acquire();
    await this.openReplyConsumer();
  }

  /**
   * A consumer of exactly the leased partition, in a group of its own, then the probe. If the
   * consumer ever crashes (the broker gone past kafkajs's retries), kafkajs would restart it as a
   * new member of the same group, and the broker would hold that join until the old member's
   * session expired (10 s more of no replies after the broker is back, issue #13 finding 7). So it
   * is never restarted: a new consumer in a new group takes its place (reopenAfterCrash).
   */
  private async openReplyConsumer(): Promise<void> {
    const { settings } = this;
    const consumer = this.kafka.consumer({
      // Unique per path: no committed offsets to inherit, no stale member to wait for.
      ...liveConsumerOptions(`${settings.consumerGroupPrefix}.${settings.instanceId}.${randomUUID()}`, {
        partitionAssigners: [singlePartitionAssigner(settings.replyTopic, this.replyPartition as number)],
      }),
      retry: { restartOnFailure: async () => false },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, (event) => {
      if (this.consumer === consumer) void this.reopenAfterCrash(String(event.payload.error));
    });
    await consumer.connect();
    await consumer.subscribe({ topic: settings.replyTopic, fromBeginning: false });
    await consumer.run({
      autoCommit: false, // replies are only useful live; a restarted instance has nobody waiting
      eachMessage: async ({ message }) => {
        const correlationId = headerText(message.headers, MessageHeaders.correlationId);
        if (!correlationId) return;
        const waiting = this.pending.get(correlationId);
        if (!waiting) return; // late reply to a request that already timed out, or a stale probe
        this.pending.delete(correlationId);
        clearTimeout(waiting.timer);
        try {
          waiting.resolve(decodeMessage(message.value));
          waiting.span?.end();
        } catch (error) {
          const failure = error instanceof Error ? error : new Error(String(error));
          endFailed(waiting.span, failure);
          waiting.reject(failure);
        }
      },
    });
    await this.proveReplyPath();
  }

  /**
   * The reply consumer crashed (the broker was away longer than its retries). The lease is still
   * ours, so the partition is too: a new consumer in a new group reads it, as soon as the broker
   * answers. Until the probe proves it, new requests are refused at once (never sent: OP_50, not
   * OP_47). Requests already sent keep waiting: their replies may still come, and if not, their
   * deadline answers them as unknown, which they are.
   */
  private async reopenAfterCrash(error: string): Promise<void> {
    if (this.recovering || this.stopped) return;
    this.recovering = true;
    this.ready = false;
    const reason = `reply consumer crashed: ${error}`;
    this.lostReason = reason;
    this.onFatal(reason);
    try {
      while (!this.stopped && !this.ready) {
        try {
          await this.consumer?.disconnect().catch(() => undefined);
          this.consumer = null;
          await this.openReplyConsumer();
          this.lostReason = null;
          this.ready = true;
          this.onRecovered(this.replyPartition as number);
        } catch (failure) {
          this.lostReason = `${reason}; reopening failed: ${failure instanceof Error ? failure.message : String(failure)}`;
          await new Promise((resolve) => setTimeout(resolve, CONSUMER_REOPEN_BACKOFF_MS));
        }
      }
    } finally {
      this.recovering = false;
    }
  }

  /**
   * The lease was lost (Redis restarted, or this process was paused past the TTL): another
   * instance may own the partition now, so nothing read from it can be trusted. Stop serving,
   * fail what is waiting (retryable for the platform), and open a new path on a new lease.
   */
  private async recover(reason: string): Promise<void> {
    if (this.recovering || this.stopped) return;
    this.recovering = true;
    this.ready = false;
    this.lostReason = reason;
    this.failAllPending(new RequestRejectedError(reason));
    this.onFatal(reason);
    try {
      while (!this.stopped) {
        try {
          await this.consumer?.disconnect().catch(() => undefined);
          this.consumer = null;
          await this.openReplyPath();
          this.lostReason = null;
          this.ready = true;
          this.onRecovered(this.replyPartition as number);
          return;
        } catch (error) {
          this.lostReason = `${reason}; reopening failed: ${error instanceof Error ? error.message : String(error)}`;
          await new Promise((resolve) => setTimeout(resolve, REOPEN_BACKOFF_MS));
        }
      }
    } finally {
      this.recovering = false;
    }
  }

  /**
   * Sends `payload` to the request topic keyed by `key` and resolves with the decoded reply, or
   * rejects with RequestTimeoutError after `timeoutMs` (the responder also gets the deadline and
   * skips work that nobody waits for any more).
   */
  async request<TReply>(type: string, key: string, payload: unknown, timeoutMs: number, requestId: string): Promise<TReply> {
    this.assertReady();
    if (this.pending.size >= this.settings.pendingRequestsMax) {
      throw new RequestRejectedError(`${this.pending.size} requests already waiting for replies`);
    }
    return this.send<TReply>(this.settings.requestTopic, type, key, payload, timeoutMs, requestId, undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.ready = false;
    this.failAllPending(new RequestRejectedError('client stopping'));
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
    await this.lease?.release();
    this.consumer = null;
    this.producer = null;
  }

  private send<TReply>(
    topic: string,
    type: string,
    key: string,
    payload: unknown,
    timeoutMs: number,
    requestId: string,
    partition: number | undefined,
  ): Promise<TReply> {
    const producer = this.producer;
    if (!producer || this.replyPartition === null) return Promise.reject(new RequestRejectedError('client not started'));
    const correlationId = randomUUID();
    const deadlineAtMs = Date.now() + timeoutMs;
    // The Kafka round trip as a span of the caller's trace; the message carries it (traceparent), so
    // the wallet's work on it, and its reply, belong to the same trace.
    const parent = context.active();
    const span = trace.getTracer(MESSAGING_TRACER).startSpan(
      `${type} request`,
      { kind: SpanKind.CLIENT, attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.operation.type': 'send', 'messaging.message.type': type } },
      parent,
    );
    // Set once the message is given to the batcher: at the deadline, one still waiting there is
    // taken back, and then it is known never to have been sent (a refusal, not a timeout).
    let queued: QueuedMessage | null = null;
    const reply = new Promise<TReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(correlationId);
        const failure = queued?.withdraw() ? new RequestRejectedError(`${type} not sent within its ${timeoutMs} ms (Kafka slow or away); nothing was applied`) : new RequestTimeoutError(type, timeoutMs);
        endFailed(span, failure);
        reject(failure);
      }, timeoutMs);
      this.pending.set(correlationId, { resolve: resolve as (value: unknown) => void, reject, timer, span });
    });
    const message = {
      key,
      partition,
      value: encodeMessage(payload),
      headers: addTraceHeaders({
        [MessageHeaders.messageType]: type,
        [MessageHeaders.correlationId]: correlationId,
        [MessageHeaders.replyTopic]: this.settings.replyTopic,
        [MessageHeaders.replyPartition]: String(this.replyPartition),
        [MessageHeaders.deadlineAtMs]: String(deadlineAtMs),
        [MessageHeaders.requestId]: requestId,
      }, trace.setSpan(parent, span)),
    };
    if (topic === this.settings.requestTopic && this.requests) queued = this.requests.enqueue(message, deadlineAtMs);
    const sent = queued ? queued.sent : producer.send({ topic, acks: -1, timeout: timeoutMs, messages: [message] }).then(() => undefined);
    sent.catch((error: unknown) => {
      const waiting = this.pending.get(correlationId);
      if (!waiting) return;
      this.pending.delete(correlationId);
      clearTimeout(waiting.timer);
      const cause = error instanceof Error ? error : new Error(String(error));
      // Never sent: nothing can apply it. Sent but not confirmed: it may be applied, so unknown.
      const failure = cause instanceof MessageNotSentError ? new RequestRejectedError(`${type} not sent: ${cause.message}`) : new RequestOutcomeUnknownError(type, timeoutMs, cause);
      endFailed(waiting.span, failure);
      waiting.reject(failure);
    });
    return reply;
  }

  /** Sends probes to our own reply partition until one comes back through the consumer. */
  private async proveReplyPath(): Promise<void> {
    const deadline = Date.now() + this.settings.startTimeoutMs;
    const partition = this.replyPartition as number;
    for (;;) {
      const probe = { probe: true };
      // The probe is written as its own reply: correlation id in the headers, value echoed back.
      const correlationId = randomUUID();
      const answered = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          this.pending.delete(correlationId);
          resolve(false);
        }, PROBE_INTERVAL_MS * 4);
        this.pending.set(correlationId, { resolve: () => resolve(true), reject: () => resolve(false), timer });
      });
      await (this.producer as Producer).send({
        topic: this.settings.replyTopic,
        acks: -1,
        messages: [
          {
            partition,
            value: encodeMessage(probe),
            headers: { [MessageHeaders.messageType]: PROBE_TYPE, [MessageHeaders.correlationId]: correlationId },
          },
        ],
      });
      if (await answered) return;
      if (Date.now() > deadline) {
        throw new Error(`reply path not proven within ${this.settings.startTimeoutMs} ms (partition ${partition})`);
      }
    }
  }

  private failAllPending(error: Error): void {
    for (const [correlationId, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      endFailed(waiting.span, error);
      waiting.reject(error);
      this.pending.delete(correlationId);
    }
  }
}

function endFailed(span: Span | undefined, error: Error): void {
  if (!span) return;
  span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
  span.end();
}
