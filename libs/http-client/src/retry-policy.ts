import { ATTEMPTS_MAX_LIMIT, RETRY_DELAY_MS_LIMIT } from './http-client-limits';

/**
 * Whether a call may be sent again after a failure, as the caller declares it. Only the caller
 * knows: a read (a balance, a catalog, a report) may be asked twice; a money movement sent twice
 * may be applied twice, so its lost answer is reported and never retried here.
 */
export const Repeatability = {
  SafeToRepeat: 'safe-to-repeat',
  Never: 'never',
} as const;
export type Repeatability = (typeof Repeatability)[keyof typeof Repeatability];

/** How hard to try a call marked safe to repeat. Every field is bounded (see http-client-limits.ts). */
export interface RetryPolicy {
  /** Attempts per call, the first included; 1 disables retries. */
  readonly attemptsMax: number;
  readonly retryDelayBaseMs: number;
  readonly retryDelayMaxMs: number;
}

/** Seams for tests of the retry loop; production uses the real clock and Math.random. */
export interface RetryClock {
  readonly sleep: (durationMs: number) => Promise<void>;
  readonly random: () => number;
}

export const REAL_RETRY_CLOCK: RetryClock = {
  sleep: (durationMs) => new Promise((resolve) => setTimeout(resolve, durationMs)),
  random: Math.random,
};

/** Answers what is wrong with `policy`, or null when nothing is. */
export function retryPolicyProblem(policy: RetryPolicy): string | null {
  if (!Number.isSafeInteger(policy.attemptsMax) || policy.attemptsMax < 1 || policy.attemptsMax > ATTEMPTS_MAX_LIMIT) {
    return `attemptsMax must be an integer from 1 to ${ATTEMPTS_MAX_LIMIT}`;
  }
  for (const [field, value] of [
    ['retryDelayBaseMs', policy.retryDelayBaseMs],
    ['retryDelayMaxMs', policy.retryDelayMaxMs],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0 || value > RETRY_DELAY_MS_LIMIT) {
      return `${field} must be an integer from 0 to ${RETRY_DELAY_MS_LIMIT}`;
    }
  }
  if (policy.retryDelayMaxMs < policy.retryDelayBaseMs) {
    return `retryDelayMaxMs must not be below retryDelayBaseMs (${policy.retryDelayBaseMs})`;
  }
  return null;
}

/**
 * Which HTTP answers are worth another attempt of a repeatable call: an overloaded or failing
 * server (5xx) and an explicit "slow down" (429). A 4xx says the request itself is wrong (bad
 * credentials, unknown path) and would fail the same way again; a 3xx is never followed (it would
 * carry our credentials to whatever host it names). No answer at all (timeout, connection) is also
 * retried; a 2xx we cannot read (too large, not JSON) is deterministic and is not.
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
