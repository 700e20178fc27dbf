import { daysDue } from './reconciliation.scheduler';

describe('daysDue', () => {
  it('gives the closed days past the delay, newest first', () => {
    expect(daysDue(new Date('2026-12-01T01:59:59.999Z'), 120, 2)).toEqual(['2026-11-29', '2026-11-28']);
    expect(daysDue(new Date('2026-12-01T02:00:00.000Z'), 120, 2)).toEqual(['2026-11-30', '2026-11-29']);
    expect(daysDue(new Date('2026-12-01T00:00:00.000Z'), 0, 1)).toEqual(['2026-11-30']);
    expect(daysDue(new Date('2026-03-01T12:00:00.000Z'), 60 * 24, 1)).toEqual(['2026-02-27']);
  });
});
