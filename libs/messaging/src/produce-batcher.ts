import type { Message, Producer } from 'kafkajs';

/** Most messages in one produce call; more wait for the next (bounds one request to the broker). */
export const PRODUCE_BATCH_MESSAGES_MAX = 1_000;

/**
 * Sends messages of one topic through one producer, many per produce call: while a call is in
 * flight, new messages queue up and all go in the next one. Idle, a message leaves at once; busy,
 * one round trip to the broker carries hundreds (group commit, no timer). Calls go one after
 * another, so the order of messages, per partition, is the order they were given in, which an
 * idempotent producer with one request in flight then keeps on the broker.
 */
export class ProduceBatcher {
  private queue: Array<{ message: Message; deadlineAtMs: number; resolve: () => void; reject: (error: Error) => void }> = [];
  private sending = false;

  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
  ) {}

  /** Resolves when the broker acknowledged the message (acks from all in-sync replicas). */
  send(message: Message, deadlineAtMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message, deadlineAtMs, resolve, reject });
      if (!this.sending) void this.drain();
    });
  }

  get queued(): number {
    return this.queue.length;
  }

  private async drain(): Promise<void> {
    this.sending = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.slice(0, PRODUCE_BATCH_MESSAGES_MAX);
        this.queue = this.queue.slice(batch.length);
        // The call may take as long as the most patient message of the batch allows.
        const timeoutMs = Math.max(1, Math.max(...batch.map((entry) => entry.deadlineAtMs)) - Date.now());
        try {
          await this.producer.send({ topic: this.topic, acks: -1, timeout: timeoutMs, messages: batch.map((entry) => entry.message) });
          for (const entry of batch) entry.resolve();
        } catch (error) {
          const failure = error instanceof Error ? error : new Error(String(error));
          for (const entry of batch) entry.reject(failure);
        }
      }
    } finally {
      this.sending = false;
    }
  }
}
