import { BaseRpcContext, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { Partitioners, type Consumer, type EachMessagePayload, type Kafka, type Producer } from 'kafkajs';
import { MessageHeaders } from '@wallet-platform/contracts';
import { decodeMessage, encodeMessage, headerText } from './message-codec';

export interface KafkaCommandServerSettings {
  readonly kafka: Kafka;
  readonly commandTopic: string;
  readonly groupId: string;
  /** Replies may only go to this physical topic: a message cannot redirect our output elsewhere. */
  readonly replyTopic: string;
  readonly replyPartitionCount: number;
  /**
   * Partitions processed at the same time. Within a partition messages run one after another, so
   * one player's commands keep their order; across partitions the service works in parallel.
   */
  readonly partitionsConsumedConcurrently: number;
  readonly drainTimeoutMs: number;
  readonly log: (level: 'error' | 'warn' | 'info' | 'debug', message: string, fields?: Record<string, unknown>) => void;
  /** Runs each message inside the caller's request context (request id for logs). */
  readonly runInContext: <T>(requestId: string | undefined, work: () => Promise<T>) => Promise<T>;
}

/** The context handlers receive next to the payload. */
export class KafkaCommandContext extends BaseRpcContext<[string, number, string | undefined]> {
  constructor(topic: string, partition: number, requestId: string | undefined) {
    super([topic, partition, requestId]);
  }
  get requestId(): string | undefined {
    return this.getArgByIndex(2);
  }
}

/**
 * A NestJS microservice transport: consumes the command topic and routes each message to the
 * `@MessagePattern(type)` handler named by its type header, then sends the handler's result to the
 * reply topic and partition the requester named. Handlers must be idempotent: after a crash a
 * message is delivered again (offsets are committed only after the handler finished).
 */
export class KafkaCommandServer extends Server implements CustomTransportStrategy {
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private inFlight = 0;
  private running = false;

  constructor(private readonly settings: KafkaCommandServerSettings) {
    super();
  }

  /** True once the consumer has joined its group and is fetching. */
  get isRunning(): boolean {
    return this.running;
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const { kafka } = this.settings;
      this.producer = kafka.producer({
        createPartitioner: Partitioners.DefaultPartitioner,
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      await this.producer.connect();
      this.consumer = kafka.consumer({
        groupId: this.settings.groupId,
        // A crashed instance holds its partitions until its session expires: keep that short
        // (handlers take milliseconds, so a 10 s silence means the process is gone).
        sessionTimeout: 10_000,
        heartbeatInterval: 1_000,
        // An empty fetch waits this long on the broker; a message ends the wait at once (minBytes
        // 1), so this bounds idle polling, not latency.
        maxWaitTimeInMs: 500,
        allowAutoTopicCreation: false,
      });
      this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
        this.running = true;
      });
      this.consumer.on(this.consumer.events.CRASH, (event) => {
        this.running = false;
        this.settings.log('error', 'command consumer crashed', { error: String(event.payload.error) });
      });
      await this.consumer.connect();
      await this.consumer.subscribe({ topic: this.settings.commandTopic, fromBeginning: true });
      await this.consumer.run({
        autoCommit: true,
        partitionsConsumedConcurrently: this.settings.partitionsConsumedConcurrently,
        eachMessage: (payload) => this.handleMessage(payload),
      });
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    this.running = false;
    // Stop fetching first, then wait for the handlers already running, then flush their replies.
    await this.consumer?.stop();
    const deadline = Date.now() + this.settings.drainTimeoutMs;
    while (this.inFlight > 0 && Date.now() < deadline) await sleep(10);
    if (this.inFlight > 0) this.settings.log('warn', 'shutdown drain timed out', { inFlight: this.inFlight });
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  on(): never {
    throw new Error('KafkaCommandServer has no events to subscribe to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async handleMessage({ topic, partition, message }: EachMessagePayload): Promise<void> {
    this.inFlight++;
    try {
      const type = headerText(message.headers, MessageHeaders.messageType) ?? '';
      const requestId = headerText(message.headers, MessageHeaders.requestId);
      await this.settings.runInContext(requestId, () => this.dispatch(type, topic, partition, message.headers, message.value, requestId));
    } finally {
      this.inFlight--;
    }
  }

  private async dispatch(
    type: string,
    topic: string,
    partition: number,
    headers: EachMessagePayload['message']['headers'],
    value: Buffer | null,
    requestId: string | undefined,
  ): Promise<void> {
    const deadlineAtMs = Number(headerText(headers, MessageHeaders.deadlineAtMs) ?? 'NaN');
    if (Number.isFinite(deadlineAtMs) && Date.now() > deadlineAtMs) {
      // Nobody waits for this answer: the requester has already answered "timeout", and the
      // protocol's follow-up (a status or cancel) decides the outcome. Skipping late work also
      // keeps a backlog from growing under overload.
      this.settings.log('warn', 'command skipped: deadline passed', { type, lateMs: Date.now() - deadlineAtMs });
      return;
    }
    const handler = this.getHandlerByPattern(type);
    if (!handler) {
      this.settings.log('error', 'no handler for message type', { type });
      return;
    }
    let result: unknown;
    const startedAtMs = Date.now();
    try {
      const payload = decodeMessage<unknown>(value);
      result = await lastValueFrom(this.transformToObservable(await handler(payload, new KafkaCommandContext(topic, partition, requestId))));
    } catch (error) {
      // A handler must turn expected refusals into values; anything thrown is a bug or an outage.
      this.settings.log('error', 'command handler failed', { type, error: error instanceof Error ? error.stack : String(error) });
      result = { ok: false, error: { kind: 'INTERNAL', message: 'internal error' } };
    }
    this.settings.log('debug', 'command handled', { type, partition, durationMs: Date.now() - startedAtMs });
    await this.reply(headers, result);
  }

  private async reply(headers: EachMessagePayload['message']['headers'], result: unknown): Promise<void> {
    const correlationId = headerText(headers, MessageHeaders.correlationId);
    const replyTopic = headerText(headers, MessageHeaders.replyTopic);
    const replyPartition = Number(headerText(headers, MessageHeaders.replyPartition));
    if (!correlationId) return; // a one-way command
    if (replyTopic !== this.settings.replyTopic || !Number.isInteger(replyPartition) || replyPartition < 0 || replyPartition >= this.settings.replyPartitionCount) {
      this.settings.log('error', 'reply address refused', { replyTopic, replyPartition });
      return;
    }
    await (this.producer as Producer).send({
      topic: replyTopic,
      acks: -1,
      messages: [
        {
          partition: replyPartition,
          value: encodeMessage(result),
          headers: {
            [MessageHeaders.correlationId]: correlationId,
            [MessageHeaders.requestId]: headerText(headers, MessageHeaders.requestId) ?? '',
          },
        },
      ],
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

