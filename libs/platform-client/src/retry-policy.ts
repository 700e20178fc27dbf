/**
 * Which failures are worth another attempt, and how long to wait first.
 *
 * Only our GETs are ever retried, and all of them are reads: asking twice cannot change anything
 * on the platform. Even so, we retry only what another attempt can plausibly fix: no answer
 * (network, timeout), an overloaded or failing server (5xx) and an explicit "slow down" (429).
 * A 4xx says the request itself is wrong (bad credentials, unknown path) and would fail the same
 * way again; a 2xx we cannot read is the platform's deterministic answer, also not retried.
 */
export function isRetryableHttpStatus(httpStatus: number): boolean {
  return httpStatus === 429 || (httpStatus >= 500 && httpStatus <= 599);
}

export interface RetryDelayPolicy {
  readonly retryDelayBaseMs: number;
  readonly retryDelayMaxMs: number;
}

/**
 * Delay before the next attempt, after `failedAttempts` have failed (1 or more). Exponential,
 * capped, with "equal jitter": half the step is fixed, half random. The fixed half guarantees a
 * real pause; the random half spreads out the instances that all saw the same outage at once,
 * so they do not come back in lock-step.
 */
export function retryDelayMs(failedAttempts: number, policy: RetryDelayPolicy, random: () => number = Math.random): number {
  if (!Number.isSafeInteger(failedAttempts) || failedAttempts < 1) {
    throw new RangeError(`failedAttempts must be a positive integer, got ${failedAttempts}`);
  }
  // 2 ** 30 already exceeds any cap we allow; the min keeps the exponent (and the product) small.
  const stepMs = Math.min(policy.retryDelayMaxMs, policy.retryDelayBaseMs * 2 ** Math.min(failedAttempts - 1, 30));
  const halfMs = stepMs / 2;
  return Math.round(halfMs + random() * halfMs);
}
