import { counter, gauge } from '@wallet-platform/service-kit';

/**
 * How much work the gateway takes on at once. Past the in-flight limit (derived from the wallet's
 * throughput, capped at `inFlightMax`) a request waits in a bounded
 * FIFO queue for at most `queueTimeBudgetMs`; a request that finds the queue full, or whose wait
 * runs out, is shed: answered at once (OP_50 on the Operator API) and never produced to Kafka, so
 * it is never applied. Bounded in-flight work and a bounded queue bound the gateway's memory under
 * any offered load. docs/reliability.md derives the defaults from the wallet's measured capacity.
 */
export interface AdmissionLimits {
  /** Requests with the wallet at once: the hard cap (the derived limit below never exceeds it). */
  readonly inFlightMax: number;
  /**
   * The in-flight limit derived from what the wallet completes now (Little's law): completions a
   * second over the last THROUGHPUT_WINDOW_MS × `waitTargetMs`, so that an admitted request waits
   * about `waitTargetMs` for the wallet whatever its throughput is at the moment (a wallet slowed by
   * a busy machine completes fewer, and a fixed 256 in flight would then wait 1.7 s at 150 a
   * second). Never below `inFlightMin` (a floor that lets throughput be measured again after an
   * idle or a failed spell) nor above `inFlightMax`. Absent: the limit is `inFlightMax`.
   */
  readonly derivedFromThroughput?: { readonly inFlightMin: number; readonly waitTargetMs: number };
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
const inFlightLimitGauge = gauge({ name: 'gateway_admission_in_flight_limit', help: 'The in-flight limit now: derived from the wallet completions of the last second (GATEWAY_WALLET_WAIT_TARGET_MS), within GATEWAY_IN_FLIGHT_MIN..GATEWAY_IN_FLIGHT_MAX.' });
const queuedGauge = gauge({ name: 'gateway_admission_queued', help: 'Requests waiting for an in-flight slot now (bounded by GATEWAY_QUEUE_MAX).' });
const shedCounter = counter({
  name: 'gateway_admission_shed_total',
  help: 'Requests shed before reaching the wallet (never applied), by reason: queue-full, queue-time.',
  labelNames: ['reason'],
});

/** The window over which completions are counted for the derived in-flight limit, in buckets of THROUGHPUT_BUCKET_MS. */
export const THROUGHPUT_WINDOW_MS = 1_000;
const THROUGHPUT_BUCKET_MS = 100;

/** Completions counted in the last THROUGHPUT_WINDOW_MS, in buckets: O(1) per completion and per read. */
export class ThroughputMeter {
  private readonly counts = new Array<number>(THROUGHPUT_WINDOW_MS / THROUGHPUT_BUCKET_MS).fill(0);
  private readonly bucketOf = new Array<number>(THROUGHPUT_WINDOW_MS / THROUGHPUT_BUCKET_MS).fill(-1);

  constructor(private readonly now: () => number) {}

  record(): void {
    const bucket = Math.floor(this.now() / THROUGHPUT_BUCKET_MS);
    const slot = bucket % this.counts.length;
    if (this.bucketOf[slot] !== bucket) {
      this.bucketOf[slot] = bucket;
      this.counts[slot] = 0;
    }
    this.counts[slot] += 1;
  }

  /** Completions a second, over the last window (the current bucket included). */
  perSecond(): number {
    const current = Math.floor(this.now() / THROUGHPUT_BUCKET_MS);
    let total = 0;
    for (let slot = 0; slot < this.counts.length; slot++) {
      if (current - this.bucketOf[slot] < this.counts.length) total += this.counts[slot];
    }
    return (total * 1_000) / THROUGHPUT_WINDOW_MS;
  }
}

export class AdmissionControl {
  private inFlight = 0;
  private readonly queue: Waiter[] = [];
  private readonly completions: ThroughputMeter;

  constructor(
    readonly limits: AdmissionLimits,
    private readonly now: () => number = () => performance.now(),
    private readonly eventLoopLagMs: () => number = () => 0,
  ) {
    const derived = limits.derivedFromThroughput;
    if (derived && !(derived.inFlightMin >= 1 && derived.waitTargetMs >= 1)) throw new Error('admission: inFlightMin and waitTargetMs must be at least 1');
    this.completions = new ThroughputMeter(now);
    inFlightLimitGauge.set(this.inFlightLimit);
  }

  /**
   * The in-flight limit now: `inFlightMax`, or derived from the wallet's completions of the last
   * window (AdmissionLimits.derivedFromThroughput).
   */
  get inFlightLimit(): number {
    const derived = this.limits.derivedFromThroughput;
    if (!derived) return this.limits.inFlightMax;
    const fromThroughput = Math.ceil((this.completions.perSecond() * derived.waitTargetMs) / 1_000);
    return Math.min(this.limits.inFlightMax, Math.max(derived.inFlightMin, fromThroughput));
  }

  /** A slot (call `release` exactly once when the work is done), or the reason it was shed. */
  admit(): Promise<Admission> {
    const shedReason = this.shedReasonNow();
    if (shedReason) return Promise.resolve(this.shed(shedReason));
    if (this.inFlight < this.inFlightLimit && this.queue.length === 0) return Promise.resolve(this.grantSlot(0));
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

  /**
   * Why a request would be shed at once now (the event loop lagging, or no slot and the queue
   * full), or null if it would be admitted or queued. Counts nothing: `shed(reason)` does. The
   * Operator API asks it before decoding a body, because under overload most requests are shed
   * and decoding them cost an eighth of the gateway's CPU (docs/reliability.md).
   */
  shedReasonNow(): ShedReason | null {
    if (this.eventLoopLagMs() > this.limits.eventLoopLagMaxMs) return 'event-loop-lag';
    const slotFree = this.inFlight < this.inFlightLimit && this.queue.length === 0;
    if (!slotFree && this.queue.length >= this.limits.queueMax) return 'queue-full';
    return null;
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
        this.completions.record();
        inFlightGauge.set(this.inFlight);
        this.handOver();
      },
    };
  }

  /** A freed slot goes to the oldest waiter. */
  private handOver(): void {
    const limit = this.inFlightLimit;
    inFlightLimitGauge.set(limit);
    while (this.inFlight < limit && this.queue.length > 0) {
      const waiter = this.queue.shift() as Waiter;
      queuedGauge.set(this.queue.length);
      if (waiter.done) continue;
      waiter.done = true;
      if (waiter.timer) clearTimeout(waiter.timer);
      waiter.grant(this.grantSlot(this.now() - waiter.enqueuedAt));
    }
  }

  /** A request shed, counted by its reason. */
  shed(reason: ShedReason): Admission & { readonly admitted: false } {
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
