import { BaseRpcContext, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { context, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { type Consumer, type EachBatchPayload, type IHeaders, type Kafka, type KafkaMessage, type Message, type Producer } from 'kafkajs';
import { liveConsumerOptions, replyProducerOptions } from './kafka-client-options';
import { MessageHeaders, WalletErrorKind } from '@wallet-platform/contracts';
import type { BatchedCommand, CommandBatchHandler } from './command-batch-handler';
import { decodeMessage, encodeMessage, headerText } from './message-codec';
import { addTraceHeaders, MESSAGING_TRACER, traceContextOfMessage } from './trace-headers';

/** Most messages of one partition handled before their offsets are resolved and the replies sent. */
export const MESSAGES_PER_CHUNK_MAX = 500;

export interface KafkaCommandServerSettings {
  readonly kafka: Kafka;
  readonly commandTopic: string;
  readonly groupId: string;
  /**
   * The physical reply topics of our requesters and their partition counts: a reply goes only to
   * one of these (an allow-list), so a message cannot redirect our output elsewhere.
   */
  readonly replyTopics: ReadonlyMap<string, number>;
  /**
   * Partitions processed at the same time. Within a partition messages run one after another, so
   * one player's commands keep their order; across partitions the service works in parallel.
   */
  readonly partitionsConsumedConcurrently: number;
  readonly drainTimeoutMs: number;
  readonly log: (level: 'error' | 'warn' | 'info' | 'debug', message: string, fields?: Record<string, unknown>) => void;
  /** Runs each message inside the caller's request context (request id for logs). */
  readonly runInContext: <T>(requestId: string | undefined, work: () => Promise<T>) => Promise<T>;
  /** Takes its message types a batch at a time; every other type goes to its `@MessagePattern` handler. */
  readonly batchHandler?: CommandBatchHandler;
  /** Told what the transport did, for metrics (the service owns its metric names). */
  readonly observer?: CommandServerObserver;
}

/** What the transport reports about its work; every call is cheap and synchronous. */
export interface CommandServerObserver {
  /**
   * One command answered: its type (one of ours, or `unknown`), how its reply ended (`ok`, the
   * error kind, or `no_reply`), and the seconds from the transport taking it to its answer.
   */
  commandHandled(type: string, outcome: string, seconds: number): void;
  /** One command not handled: its deadline had passed (nobody waits for its answer any more). */
  commandSkipped(type: string): void;
  /** After each chunk: messages of the partition not yet handled as of the fetch (high watermark minus the next offset). */
  partitionLag(topic: string, partition: number, lag: number): void;
  /** The group (re)assigned partitions: lag reported for the ones before is no longer this member's. */
  partitionsAssigned(): void;
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
      this.producer = kafka.producer(replyProducerOptions());
      await this.producer.connect();
      this.consumer = kafka.consumer(liveConsumerOptions(this.settings.groupId));
      this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
        this.running = true;
        this.settings.observer?.partitionsAssigned();
      });
      this.consumer.on(this.consumer.events.CRASH, (event) => {
        this.running = false;
        this.settings.log('error', 'command consumer crashed', { error: String(event.payload.error) });
      });
      await this.consumer.connect();
      await this.consumer.subscribe({ topic: this.settings.commandTopic, fromBeginning: true });
      await this.consumer.run({
        autoCommit: true,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.settings.partitionsConsumedConcurrently,
        eachBatch: (payload) => this.handlePartitionBatch(payload),
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

  /**
   * One fetch of one partition, in chunks: each chunk's messages are handled in order (runs of
   * batchable types together), all its replies go out in one produce call, then its offsets are
   * resolved. A crash before that replays the chunk: handlers are idempotent.
   */
  private async handlePartitionBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    for (let start = 0; start < batch.messages.length; start += MESSAGES_PER_CHUNK_MAX) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(start, start + MESSAGES_PER_CHUNK_MAX);
      this.inFlight++;
      let replies: OutgoingReply[] = [];
      try {
        replies = await this.handleChunk(batch.topic, batch.partition, chunk);
        await this.sendReplies(replies);
      } finally {
        this.inFlight--;
        for (const reply of replies) reply.span.end();
      }
      const last = chunk[chunk.length - 1].offset;
      resolveOffset(last);
      this.settings.observer?.partitionLag(batch.topic, batch.partition, Math.max(0, Number(batch.highWatermark) - Number(last) - 1));
      await heartbeat();
    }
  }

  private async handleChunk(topic: string, partition: number, messages: readonly KafkaMessage[]): Promise<OutgoingReply[]> {
    const replies: OutgoingReply[] = [];
    const batchHandler = this.settings.batchHandler;
    let run: Array<{ command: BatchedCommand; headers: IHeaders | undefined; traced: TracedMessage }> = [];
    const flush = async () => {
      if (run.length === 0 || !batchHandler) return;
      const taken = run;
      run = [];
      const startedAtMs = Date.now();
      const results = await batchHandler.handleBatch(taken.map((entry) => entry.command));
      const durationMs = Date.now() - startedAtMs;
      taken.forEach((entry, index) => {
        replies.push({ headers: entry.headers, result: results[index], ...entry.traced });
        this.settings.observer?.commandHandled(entry.command.type, outcomeLabel(results[index]), durationMs / 1000);
        // One line per command, in its own trace: what it was and how it ended.
        context.with(entry.traced.context, () =>
          this.settings.log('debug', 'command handled', { type: entry.command.type, requestId: entry.command.requestId, partition, batchCommands: taken.length, durationMs, ...outcomeOf(results[index]) }),
        );
      });
      this.settings.log('debug', 'command batch handled', { partition, commands: taken.length, durationMs });
    };
    for (const message of messages) {
      const type = headerText(message.headers, MessageHeaders.messageType) ?? '';
      const requestId = headerText(message.headers, MessageHeaders.requestId);
      // Each command is a span of the trace its message carries (the caller's), or of a new one.
      const traced = this.startCommandSpan(type, topic, partition, message.headers);
      if (context.with(traced.context, () => this.deadlinePassed(type, message.headers))) {
        this.settings.observer?.commandSkipped(type);
        traced.span.end();
        continue;
      }
      if (batchHandler?.messageTypes.has(type)) {
        let payload: unknown;
        try {
          payload = decodeMessage<unknown>(message.value);
        } catch (error) {
          context.with(traced.context, () => this.settings.log('error', 'command refused: not a JSON message', { type, requestId, error: String(error) }));
          replies.push({ headers: message.headers, result: { ok: false, error: { kind: WalletErrorKind.InvalidCommand, message: 'message is not JSON' } }, ...traced });
          continue;
        }
        run.push({ command: { type, payload, requestId, trace: traced.span.spanContext() }, headers: message.headers, traced });
        continue;
      }
      await flush(); // what came before this message of the partition is decided first
      const startedAtMs = Date.now();
      const result = await this.settings.runInContext(requestId, () => context.with(traced.context, () => this.dispatch(type, topic, partition, message.value, requestId)));
      this.settings.observer?.commandHandled(this.getHandlerByPattern(type) ? type : UNKNOWN_TYPE, result === NO_REPLY ? 'no_reply' : outcomeLabel(result), (Date.now() - startedAtMs) / 1000);
      if (result !== NO_REPLY) replies.push({ headers: message.headers, result, ...traced });
      else traced.span.end();
    }
    await flush();
    return replies;
  }

  private startCommandSpan(type: string, topic: string, partition: number, headers: IHeaders | undefined): TracedMessage {
    const parent = traceContextOfMessage(headers);
    const span = trace.getTracer(MESSAGING_TRACER).startSpan(
      `${type} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.destination.partition.id': String(partition), 'messaging.operation.type': 'process', 'messaging.message.type': type },
      },
      parent,
    );
    return { span, context: trace.setSpan(parent, span) };
  }

  private deadlinePassed(type: string, headers: IHeaders | undefined): boolean {
    const deadlineAtMs = Number(headerText(headers, MessageHeaders.deadlineAtMs) ?? 'NaN');
    if (!Number.isFinite(deadlineAtMs) || Date.now() <= deadlineAtMs) return false;
    // Nobody waits for this answer: the requester has already answered "timeout", and the
    // protocol's follow-up (a status or cancel) decides the outcome. Skipping late work also
    // keeps a backlog from growing under overload.
    this.settings.log('warn', 'command skipped: deadline passed', { type, lateMs: Date.now() - deadlineAtMs });
    return true;
  }

  private async dispatch(type: string, topic: string, partition: number, value: Buffer | null, requestId: string | undefined): Promise<unknown> {
    const handler = this.getHandlerByPattern(type);
    if (!handler) {
      this.settings.log('error', 'no handler for message type', { type });
      return NO_REPLY;
    }
    const startedAtMs = Date.now();
    try {
      const payload = decodeMessage<unknown>(value);
      const result: unknown = await lastValueFrom(this.transformToObservable(await handler(payload, new KafkaCommandContext(topic, partition, requestId))));
      this.settings.log('debug', 'command handled', { type, partition, durationMs: Date.now() - startedAtMs, ...outcomeOf(result) });
      return result;
    } catch (error) {
      // A handler must turn expected refusals into values; anything thrown is a bug or an outage.
      this.settings.log('error', 'command handler failed', { type, error: error instanceof Error ? error.stack : String(error) });
      trace.getSpan(context.active())?.setStatus({ code: SpanStatusCode.ERROR });
      return { ok: false, error: { kind: WalletErrorKind.Internal, message: 'internal error' } };
    }
  }

  /** Every reply of a chunk in one produce call; one-way commands and refused addresses get none. */
  private async sendReplies(replies: readonly OutgoingReply[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const { headers, result, context: replyContext } of replies) {
      const correlationId = headerText(headers, MessageHeaders.correlationId);
      const replyTopic = headerText(headers, MessageHeaders.replyTopic);
      const replyPartition = Number(headerText(headers, MessageHeaders.replyPartition));
      if (!correlationId) continue; // a one-way command
      const partitions = replyTopic === undefined ? undefined : this.settings.replyTopics.get(replyTopic);
      if (replyTopic === undefined || partitions === undefined || !Number.isInteger(replyPartition) || replyPartition < 0 || replyPartition >= partitions) {
        this.settings.log('error', 'reply address refused', { replyTopic, replyPartition });
        continue;
      }
      const messages = byTopic.get(replyTopic) ?? [];
      byTopic.set(replyTopic, messages);
      messages.push({
        partition: replyPartition,
        value: encodeMessage(result),
        // The reply carries the command's trace back to the requester.
        headers: addTraceHeaders({ [MessageHeaders.correlationId]: correlationId, [MessageHeaders.requestId]: headerText(headers, MessageHeaders.requestId) ?? '' }, replyContext),
      });
    }
    if (byTopic.size === 0) return;
    await (this.producer as Producer).sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
  }
}

interface TracedMessage {
  /** The command's span: ended once its reply is sent (or when it has none). */
  readonly span: Span;
  readonly context: Context;
}

interface OutgoingReply extends TracedMessage {
  readonly headers: IHeaders | undefined;
  readonly result: unknown;
}

/** The type label of a message no handler takes (its header is the sender's text). */
const UNKNOWN_TYPE = 'unknown';

function outcomeLabel(result: unknown): string {
  const { ok, errorKind } = outcomeOf(result);
  return ok ? 'ok' : (errorKind ?? 'unknown');
}

/** How a reply ended, for its log line: `ok`, and the error kind of a refusal. */
function outcomeOf(result: unknown): { ok: boolean; errorKind?: string } {
  if (typeof result !== 'object' || result === null) return { ok: false };
  const { ok, error } = result as { ok?: unknown; error?: { kind?: unknown } };
  return ok === true ? { ok: true } : { ok: false, errorKind: typeof error?.kind === 'string' ? error.kind : undefined };
}

const NO_REPLY = Symbol('NO_REPLY');

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

