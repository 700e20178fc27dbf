import { AdmissionControl, type Admission } from './admission-control';

describe('AdmissionControl', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const admitted = (admission: Admission) => {
    if (!admission.admitted) throw new Error(`shed: ${admission.reason}`);
    return admission;
  };

  it('admits up to inFlightMax at once, queues the next ones and hands freed slots over oldest first', async () => {
    const control = new AdmissionControl({ inFlightMax: 2, queueMax: 2, queueTimeBudgetMs: 1_000 });
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
    const control = new AdmissionControl({ inFlightMax: 1, queueMax: 1, queueTimeBudgetMs: 1_000 });
    admitted(await control.admit());
    void control.admit();
    expect(await control.admit()).toEqual({ admitted: false, reason: 'queue-full' });
    expect(control.queuedCount).toBe(1);
  });

  it('sheds a waiter whose queue-time budget runs out, and never gives it a slot afterwards', async () => {
    const control = new AdmissionControl({ inFlightMax: 1, queueMax: 10, queueTimeBudgetMs: 200 });
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
    const control = new AdmissionControl({ inFlightMax: 1, queueMax: 10, queueTimeBudgetMs: 500 }, () => now);
    const holder = admitted(await control.admit());
    const waiting = control.admit();
    now = 120;
    holder.release();
    expect(admitted(await waiting).waitedMs).toBe(120);
  });

  it('a newcomer does not jump the queue while others wait', async () => {
    const control = new AdmissionControl({ inFlightMax: 1, queueMax: 10, queueTimeBudgetMs: 1_000 });
    const holder = admitted(await control.admit());
    const waiting = control.admit();
    holder.release();
    const newcomer = control.admit();
    expect(admitted(await waiting).admitted).toBe(true);
    expect(control.queuedCount).toBe(1);
    void newcomer;
  });
});
