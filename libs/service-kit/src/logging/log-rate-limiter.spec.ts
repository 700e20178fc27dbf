import { LogRateLimiter } from './log-rate-limiter';

describe('LogRateLimiter', () => {
  it('lets one line per key through per interval and reports how many it held back', () => {
    let now = 0;
    const limiter = new LogRateLimiter(60_000, 100, () => now);
    expect(limiter.admit('10.0.0.1')).toEqual({ suppressed: 0 });
    expect(limiter.admit('10.0.0.1')).toBeNull();
    expect(limiter.admit('10.0.0.2')).toEqual({ suppressed: 0 });
    now = 59_999;
    expect(limiter.admit('10.0.0.1')).toBeNull();
    now = 60_000;
    expect(limiter.admit('10.0.0.1')).toEqual({ suppressed: 2 });
  });

  it('keeps at most keysMax keys, forgetting the one logged longest ago', () => {
    let now = 0;
    const limiter = new LogRateLimiter(60_000, 2, () => now);
    limiter.admit('a');
    now = 1;
    limiter.admit('b');
    now = 2;
    limiter.admit('c');
    expect(limiter.size).toBe(2);
    // 'a' was forgotten: it is logged again at once; 'c' is still held back.
    expect(limiter.admit('a')).toEqual({ suppressed: 0 });
    expect(limiter.admit('c')).toBeNull();
  });
});
