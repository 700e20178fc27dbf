import { AdmissionControl, EventLoopLag, type Admission } from './admission-control';

const admitted = (admission: Admission) => {
  if (!admission.admitted) throw new Error(`shed: ${admission.reason}`);
  return admission;
};

describe('AdmissionControl', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());


  it('admits up to inFlightMax at once, queues the next ones and hands freed slots over oldest first', async () => {
    const control = new AdmissionControl({ inFlightMax: 2, queueMax: 2, queueTimeBudgetMs: 1_000, eventLoopLagMaxMs: 250 });
    const first = admitted(await control.admit());
    admitted(await control.admit());
    const order: string[] = [];
    const third = control.admit().then((admission) => (order.push('third'), admission));
    const fourth = control.admit().then((admission) => (order.push('fourth'), admission));
    expect([control.inFlightCount, control.queuedCount]).toEqual([2, 2]);

    first.release();
    first.release(); // a second release does not free a second slot
    expect(admitted(await third).admitted).toBe(true);
    expect(order).toEqual(['third']);
    expect([control.inFlightCount, control.queuedCount]).toEqual([2, 1]);
    void fourth;
  });

  it('sheds at once when the queue is full (memory stays bounded)', async () => {
    const control = new AdmissionControl({ inFlightMax: 1, queueMax: 1, queueTimeBudgetMs: 1_000, eventLoopLagMaxMs: 250 });
    admitted(await control.admit());
    void control.admit();
    expect(await control.admit()).toEqual({ admitted: false, reason: 'queue-full' });
    expect(control.queuedCount).toBe(1);
  });

  it('sheds a waiter whose queue-time budget runs out, and never gives it a slot afterwards', async () => {
    const control = new AdmissionControl({ inFlightMax: 1, queueMax: 10, queueTimeBudgetMs: 200, eventLoopLagMaxMs: 250 });
    const holder = admitted(await control.admit());
    const waiting = control.admit();
    jest.advanceTimersByTime(200);
    expect(await waiting).toEqual({ admitted: false, reason: 'queue-time' });
    expect(control.queuedCount).toBe(0);
    holder.release();
    expect([control.inFlightCount, control.queuedCount]).toEqual([0, 0]);
  });

  it('tells a waiter how long it waited, so the rest of its deadline can be given to the wallet', async () => {
    let now = 0;
    const control = new AdmissionControl({ inFlightMax: 1, queueMax: 10, queueTimeBudgetMs: 500, eventLoopLagMaxMs: 250 }, () => now);
    const holder = admitted(await control.admit());
    const waiting = control.admit();
    now = 120;
    holder.release();
    expect(admitted(await waiting).waitedMs).toBe(120);
  });

  it('a newcomer does not jump the queue while others wait', async () => {
    const control = new AdmissionControl({ inFlightMax: 1, queueMax: 10, queueTimeBudgetMs: 1_000, eventLoopLagMaxMs: 250 });
    const holder = admitted(await control.admit());
    const waiting = control.admit();
    holder.release();
    const newcomer = control.admit();
    expect(admitted(await waiting).admitted).toBe(true);
    expect(control.queuedCount).toBe(1);
    void newcomer;
  });

  it('sheds every newcomer at once while the event loop lags past its limit, and admits again when it catches up', async () => {
    let lagMs = 0;
    const control = new AdmissionControl({ inFlightMax: 10, queueMax: 10, queueTimeBudgetMs: 1_000, eventLoopLagMaxMs: 250 }, () => 0, () => lagMs);
    admitted(await control.admit());
    lagMs = 400;
    expect(await control.admit()).toEqual({ admitted: false, reason: 'event-loop-lag' });
    lagMs = 100;
    admitted(await control.admit());
  });
});

describe('AdmissionControl: the in-flight limit derived from the wallet throughput', () => {
  const limits = { inFlightMax: 256, queueMax: 1_000, queueTimeBudgetMs: 60_000, eventLoopLagMaxMs: 250, derivedFromThroughput: { inFlightMin: 4, waitTargetMs: 1_000 } };

  it('starts at the floor, then follows the completions of the last second times the wait target, capped', async () => {
    let now = 0;
    const control = new AdmissionControl(limits, () => now);
    expect(control.inFlightLimit).toBe(4);
    // 150 completions spread over one second: a wallet answering 150 a second.
    for (let index = 0; index < 150; index++) {
      now = index * (1_000 / 150);
      admitted(await control.admit()).release();
    }
    expect(control.inFlightLimit).toBe(150);
    const atTwoHundredMsTarget = new AdmissionControl({ ...limits, derivedFromThroughput: { inFlightMin: 4, waitTargetMs: 200 } }, () => now);
    for (let index = 0; index < 150; index++) admitted(await atTwoHundredMsTarget.admit()).release();
    expect(atTwoHundredMsTarget.inFlightLimit).toBe(30);
    for (let index = 0; index < 400; index++) admitted(await control.admit()).release();
    expect(control.inFlightLimit).toBe(256);
  });

  it('forgets completions older than the window: a stalled wallet brings the limit back to the floor', async () => {
    let now = 0;
    const control = new AdmissionControl(limits, () => now);
    for (let index = 0; index < 100; index++) admitted(await control.admit()).release();
    expect(control.inFlightLimit).toBe(100);
    now = 600;
    expect(control.inFlightLimit).toBe(100);
    now = 1_100;
    expect(control.inFlightLimit).toBe(4);
  });

  it('queues past the derived limit and hands slots over only below it', async () => {
    let now = 0;
    const control = new AdmissionControl(limits, () => now);
    const held = [];
    for (let index = 0; index < 4; index++) held.push(admitted(await control.admit()));
    const fifth = control.admit();
    expect([control.inFlightCount, control.queuedCount]).toEqual([4, 1]);
    now = 2_000; // the completions below are the only ones of the window: one, so the floor holds
    held[0].release();
    expect(admitted(await fifth).waitedMs).toBe(2_000);
    expect([control.inFlightCount, control.queuedCount]).toEqual([4, 0]);
  });

  it('refuses a floor or a target below 1', () => {
    expect(() => new AdmissionControl({ ...limits, derivedFromThroughput: { inFlightMin: 0, waitTargetMs: 1_000 } })).toThrow(/at least 1/);
    expect(() => new AdmissionControl({ ...limits, derivedFromThroughput: { inFlightMin: 4, waitTargetMs: 0 } })).toThrow(/at least 1/);
  });
});

describe('EventLoopLag', () => {
  it('sees the loop blocked and forgets it once the loop runs freely again', async () => {
    const lag = new EventLoopLag();
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const blockedUntil = performance.now() + 300;
      while (performance.now() < blockedUntil) {
        // the loop is blocked, as by a burst of CPU work
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
      const seen = lag.currentMs;
      expect(seen).toBeGreaterThan(200);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(lag.currentMs).toBeLessThan(seen / 2);
    } finally {
      lag.stop();
    }
  });
});
