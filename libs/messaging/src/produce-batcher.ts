import type { Message, Producer } from 'kafkajs';

/** Most messages in one produce call; more wait for the next (bounds one request to the broker). */
export const PRODUCE_BATCH_MESSAGES_MAX = 1_000;

/**
 * The message never left this process: it was withdrawn, or its deadline passed while it waited
 * for a produce call. Nothing can apply it, so the caller may say so (OP_50, not OP_47).
 */
export class MessageNotSentError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'MessageNotSentError';
  }
}

/** A message given to the batcher: its outcome, and a way to take it back while it still waits. */
export interface QueuedMessage {
  /** Resolves when the broker acknowledged it; rejects with MessageNotSentError if it never left, else with the producer's error. */
  readonly sent: Promise<void>;
  /** Takes the message back if no produce call has it yet: true when withdrawn (then `sent` rejects with MessageNotSentError). */
  withdraw(): boolean;
}

interface Entry {
  readonly message: Message;
  readonly deadlineAtMs: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  state: 'queued' | 'sending' | 'done';
}

/**
 * Sends messages of one topic through one producer, many per produce call: while a call is in
 * flight, new messages queue up and all go in the next one. Idle, a message leaves at once; busy,
 * one round trip to the broker carries hundreds (group commit, no timer). Calls go one after
 * another, so the order of messages, per partition, is the order they were given in, which an
 * idempotent producer with one request in flight then keeps on the broker.
 *
 * While the broker is away a produce call can hang for the producer's retries, and everything
 * behind it waits. A message whose deadline passes while it waits is dropped, never sent: nobody
 * waits for its answer any more, and since it never left, its caller knows it was not applied.
 */
export class ProduceBatcher {
  private queue: Entry[] = [];
  private sending = false;

  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when the broker acknowledged the message (acks from all in-sync replicas). */
  send(message: Message, deadlineAtMs: number): Promise<void> {
    return this.enqueue(message, deadlineAtMs).sent;
  }

  enqueue(message: Message, deadlineAtMs: number): QueuedMessage {
    let entry!: Entry;
    const sent = new Promise<void>((resolve, reject) => {
      entry = { message, deadlineAtMs, resolve, reject, state: 'queued' };
    });
    this.queue.push(entry);
    if (!this.sending) void this.drain();
    return {
      sent,
      withdraw: () => {
        if (entry.state !== 'queued') return false;
        entry.state = 'done';
        this.queue = this.queue.filter((queued) => queued !== entry);
        entry.reject(new MessageNotSentError('withdrawn before any produce call took it'));
        return true;
      },
    };
  }

  get queued(): number {
    return this.queue.length;
  }

  private async drain(): Promise<void> {
    this.sending = true;
    try {
      while (this.queue.length > 0) {
        const now = this.now();
        const batch: Entry[] = [];
        let taken = 0;
        for (const entry of this.queue) {
          if (batch.length >= PRODUCE_BATCH_MESSAGES_MAX) break;
          taken++;
          if (entry.deadlineAtMs <= now) {
            entry.state = 'done';
            entry.reject(new MessageNotSentError('its deadline passed before a produce call could take it'));
            continue;
          }
          entry.state = 'sending';
          batch.push(entry);
        }
        this.queue = this.queue.slice(taken);
        if (batch.length === 0) continue;
        // The call may take as long as the most patient message of the batch allows.
        const timeoutMs = Math.max(1, Math.max(...batch.map((entry) => entry.deadlineAtMs)) - now);
        try {
          await this.producer.send({ topic: this.topic, acks: -1, timeout: timeoutMs, messages: batch.map((entry) => entry.message) });
          for (const entry of batch) entry.resolve();
        } catch (error) {
          const failure = error instanceof Error ? error : new Error(String(error));
          for (const entry of batch) entry.reject(failure);
        } finally {
          for (const entry of batch) entry.state = 'done';
        }
      }
    } finally {
      this.sending = false;
    }
  }
}
