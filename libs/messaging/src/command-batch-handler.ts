import type { SpanContext } from '@opentelemetry/api';

/**
 * A handler that takes the commands of its message types a batch at a time (the wallet's money
 * commands), instead of one `@MessagePattern` call per message. The transport hands it runs of
 * consecutive messages of one partition, in order, and expects one reply per command, in order.
 */
export interface CommandBatchHandler {
  readonly messageTypes: ReadonlySet<string>;
  handleBatch(commands: readonly BatchedCommand[]): Promise<readonly unknown[]>;
}

export interface BatchedCommand {
  readonly type: string;
  /** The decoded JSON value of the message, not yet validated: the handler checks its schema. */
  readonly payload: unknown;
  readonly requestId: string | undefined;
  /** The command's own span (a child of the trace its message carried): a batch's span links to it. */
  readonly trace?: SpanContext;
}

/**
 * Gathers the batches that arrive from many partitions at once into fewer, larger runs of
 * `work`: while a run is in progress, newly submitted batches wait and then go together in the
 * next one (no timer: an idle system adds no latency, a busy one batches more). Batches of one
 * submitter are never split across runs, so their order and their atomic fallback stay whole.
 */
export class BatchCoalescer<I, O> {
  private readonly queue: Array<{ items: readonly I[]; resolve: (results: readonly O[]) => void; reject: (error: unknown) => void }> = [];
  private running = 0;

  constructor(
    private readonly work: (items: readonly I[]) => Promise<readonly O[]>,
    /** Most items in one run (a single submitted batch larger than this runs alone). */
    private readonly itemsPerRunMax: number,
    /** Runs at the same time. */
    private readonly runsConcurrentlyMax: number,
  ) {
    if (!Number.isInteger(itemsPerRunMax) || itemsPerRunMax < 1) throw new RangeError(`itemsPerRunMax must be a positive integer, got ${itemsPerRunMax}`);
    if (!Number.isInteger(runsConcurrentlyMax) || runsConcurrentlyMax < 1) throw new RangeError(`runsConcurrentlyMax must be a positive integer, got ${runsConcurrentlyMax}`);
  }

  submit(items: readonly I[]): Promise<readonly O[]> {
    if (items.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.runsConcurrentlyMax && this.queue.length > 0) {
      const taken = [this.queue.shift() as (typeof this.queue)[number]];
      let count = taken[0].items.length;
      while (this.queue.length > 0 && count + this.queue[0].items.length <= this.itemsPerRunMax) {
        const next = this.queue.shift() as (typeof this.queue)[number];
        taken.push(next);
        count += next.items.length;
      }
      this.running++;
      void this.run(taken).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async run(taken: Array<(typeof this.queue)[number]>): Promise<void> {
    try {
      const results = await this.work(taken.flatMap((entry) => entry.items));
      let offset = 0;
      for (const entry of taken) {
        entry.resolve(results.slice(offset, offset + entry.items.length));
        offset += entry.items.length;
      }
    } catch (error) {
      for (const entry of taken) entry.reject(error);
    }
  }
}
