import { isRetryableHttpStatus, retryDelayMs } from './retry-policy';

describe('retry policy', () => {
  it.each([
    [500, true],
    [502, true],
    [503, true],
    [599, true],
    [429, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [301, false],
  ])('given HTTP %i, then retryable is %s', (httpStatus, retryable) => {
    expect(isRetryableHttpStatus(httpStatus)).toBe(retryable);
  });

  const policy = { retryDelayBaseMs: 200, retryDelayMaxMs: 2_000 };

  it('given the lowest random draw, then the delay is half the exponential step', () => {
    expect([1, 2, 3, 4, 5].map((failed) => retryDelayMs(failed, policy, () => 0))).toEqual([100, 200, 400, 800, 1_000]);
  });

  it('given the highest random draw, then the delay is the full step, never above the cap', () => {
    expect([1, 2, 3, 4, 5, 60].map((failed) => retryDelayMs(failed, policy, () => 0.999999))).toEqual([200, 400, 800, 1_600, 2_000, 2_000]);
  });

  it('given zero failed attempts, then it is a caller bug', () => {
    expect(() => retryDelayMs(0, policy)).toThrow(RangeError);
  });
});
