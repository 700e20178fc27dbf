import { daysDue, ReconciliationScheduler } from './reconciliation.scheduler';

describe('daysDue', () => {
  it('gives the closed days past the delay, newest first', () => {
    expect(daysDue(new Date('2026-12-01T01:59:59.999Z'), 120, 2)).toEqual(['2026-11-29', '2026-11-28']);
    expect(daysDue(new Date('2026-12-01T02:00:00.000Z'), 120, 2)).toEqual(['2026-11-30', '2026-11-29']);
    expect(daysDue(new Date('2026-12-01T00:00:00.000Z'), 0, 1)).toEqual(['2026-11-30']);
    expect(daysDue(new Date('2026-03-01T12:00:00.000Z'), 60 * 24, 1)).toEqual(['2026-02-27']);
  });
});

describe('ReconciliationScheduler shutdown', () => {
  it('ends as soon as the tick in progress ends, not a whole tick interval later', async () => {
    let publishCalled!: () => void;
    const publishing = new Promise<void>((resolve) => (publishCalled = resolve));
    let finishPublishing!: () => void;
    const publisher = {
      publishPending: () => {
        publishCalled();
        return new Promise<void>((resolve) => (finishPublishing = resolve));
      },
    };
    const service = { platforms: [], aggregators: [] };
    const logger = { event: jest.fn() };
    // An hour between ticks: a shutdown that waited for the pause would time the test out.
    const schedule = { enabled: true, delayMinutes: 0, lookbackDays: 0, tickMs: 3_600_000 };
    const scheduler = new ReconciliationScheduler({} as never, service as never, publisher as never, schedule, logger as never);

    scheduler.onApplicationBootstrap();
    await publishing; // the first tick is under way
    const shutdown = scheduler.onApplicationShutdown();
    finishPublishing();
    const outcome = await Promise.race([shutdown.then(() => 'ended'), new Promise((resolve) => setTimeout(resolve, 1_000, 'still running').unref())]);
    expect(outcome).toBe('ended');
    expect(logger.event).not.toHaveBeenCalled();
  });
});
