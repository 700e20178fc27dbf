/**
 * The retry rules are the outbound HTTP client's (see libs/http-client/src/retry-policy.ts): only
 * our GETs are sent, all of them reads, so every call of this lib is marked safe to repeat.
 */
export { isRetryableHttpStatus, retryDelayMs, type RetryDelayPolicy } from '@wallet-platform/http-client';
