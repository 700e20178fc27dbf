import { counter, gauge } from '@wallet-platform/service-kit';

/**
 * How much work the gateway takes on at once. Past `inFlightMax` a request waits in a bounded
 * FIFO queue for at most `queueTimeBudgetMs`; a request that finds the queue full, or whose wait
 * runs out, is shed: answered at once (OP_50 on the Operator API) and never produced to Kafka, so
 * it is never applied. Bounded in-flight work and a bounded queue bound the gateway's memory under
 * any offered load. docs/reliability.md derives the defaults from the wallet's measured capacity.
 */
export interface AdmissionLimits {
  /** Requests with the wallet at once. */
  readonly inFlightMax: number;
  /** Requests waiting for a slot at once. */
  readonly queueMax: number;
  /** The longest a request may wait for a slot and still have time to be answered before its deadline. */
  readonly queueTimeBudgetMs: number;
}

export type ShedReason = 'queue-full' | 'queue-time';
export type Admission = { readonly admitted: true; readonly waitedMs: number; readonly release: () => void } | { readonly admitted: false; readonly reason: ShedReason };

interface Waiter {
  readonly enqueuedAt: number;
  readonly grant: (admission: Admission) => void;
  timer: NodeJS.Timeout | null;
  done: boolean;
}

const inFlightGauge = gauge({ name: 'gateway_admission_in_flight', help: 'Requests the gateway has with the wallet now (bounded by GATEWAY_IN_FLIGHT_MAX).' });
const queuedGauge = gauge({ name: 'gateway_admission_queued', help: 'Requests waiting for an in-flight slot now (bounded by GATEWAY_QUEUE_MAX).' });
const shedCounter = counter({
  name: 'gateway_admission_shed_total',
  help: 'Requests shed before reaching the wallet (never applied), by reason: queue-full, queue-time.',
  labelNames: ['reason'],
});

export class AdmissionControl {
  private inFlight = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    readonly limits: AdmissionLimits,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A slot (call `release` exactly once when the work is done), or the reason it was shed. */
  admit(): Promise<Admission> {
    if (this.inFlight < this.limits.inFlightMax && this.queue.length === 0) return Promise.resolve(this.grantSlot(0));
    if (this.queue.length >= this.limits.queueMax) return Promise.resolve(this.shed('queue-full'));
    return new Promise((resolve) => {
      const waiter: Waiter = { enqueuedAt: this.now(), grant: resolve, timer: null, done: false };
      waiter.timer = setTimeout(() => {
        if (waiter.done) return;
        waiter.done = true;
        this.queue.splice(this.queue.indexOf(waiter), 1);
        queuedGauge.set(this.queue.length);
        resolve(this.shed('queue-time'));
      }, this.limits.queueTimeBudgetMs);
      this.queue.push(waiter);
      queuedGauge.set(this.queue.length);
    });
  }

  get inFlightCount(): number {
    return this.inFlight;
  }

  get queuedCount(): number {
    return this.queue.length;
  }

  private grantSlot(waitedMs: number): Admission {
    this.inFlight += 1;
    inFlightGauge.set(this.inFlight);
    let released = false;
    return {
      admitted: true,
      waitedMs,
      release: () => {
        if (released) return;
        released = true;
        this.inFlight -= 1;
        inFlightGauge.set(this.inFlight);
        this.handOver();
      },
    };
  }

  /** A freed slot goes to the oldest waiter. */
  private handOver(): void {
    while (this.inFlight < this.limits.inFlightMax && this.queue.length > 0) {
      const waiter = this.queue.shift() as Waiter;
      queuedGauge.set(this.queue.length);
      if (waiter.done) continue;
      waiter.done = true;
      if (waiter.timer) clearTimeout(waiter.timer);
      waiter.grant(this.grantSlot(this.now() - waiter.enqueuedAt));
    }
  }

  private shed(reason: ShedReason): Admission {
    shedCounter.inc({ reason });
    return { admitted: false, reason };
  }
}
