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
  /**
   * Past this event-loop lag the gateway itself is the bottleneck (its CPU, not the wallet): every
   * new request is shed at once, so that the loop keeps time for the wallet's replies. Without it,
   * replies that arrived in time were read too late, answered OP_47 and held their slots.
   */
  readonly eventLoopLagMaxMs: number;
}

export type ShedReason = 'queue-full' | 'queue-time' | 'event-loop-lag';
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
    private readonly eventLoopLagMs: () => number = () => 0,
  ) {}

  /** A slot (call `release` exactly once when the work is done), or the reason it was shed. */
  admit(): Promise<Admission> {
    if (this.eventLoopLagMs() > this.limits.eventLoopLagMaxMs) return Promise.resolve(this.shed('event-loop-lag'));
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

/** Ours: a 20 ms timer is cheap (50 wake-ups a second) and sees a lag well before it reaches a deadline. */
const LAG_SAMPLE_MS = 20;
/** Each sample keeps this share of the lag seen before: a spike fades within about 200 ms of normal timers. */
const LAG_DECAY = 0.8;

/**
 * How late the event loop runs: a timer that should fire every 20 ms, and how much later it fired,
 * the worst of recent samples decaying by LAG_DECAY per sample. Unref'd: it never keeps the process alive.
 */
export class EventLoopLag {
  private lagMs = 0;
  private readonly timer: NodeJS.Timeout;

  constructor() {
    let expected = performance.now() + LAG_SAMPLE_MS;
    this.timer = setInterval(() => {
      const now = performance.now();
      this.lagMs = Math.max(now - expected, this.lagMs * LAG_DECAY);
      expected = now + LAG_SAMPLE_MS;
    }, LAG_SAMPLE_MS);
    this.timer.unref();
  }

  get currentMs(): number {
    return this.lagMs;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
