/** Every bound of the platform registry, in one place; each says why. */

/** Ours: far above the handful of platforms a casino works with, small enough to read at start-up. */
export const PLATFORMS_MAX = 100;
/** Ours: an Operator API platform serves one operator id per brand of the casino. */
export const OPERATORS_PER_PLATFORM_MAX = 100;
/** Ours: a shared key shorter than this is guessable; longer than the maximum is a paste error. */
export const SECRET_LENGTH_MIN = 16;
export const SECRET_LENGTH_MAX = 200;
/** Ours: the longest URL we accept for a platform's API or launcher. */
export const URL_LENGTH_MAX = 300;
/** Ours: allow-lists and trusted proxies are a few blocks each. */
export const CIDRS_MAX = 100;
/** Ours: the registry document (a Kubernetes Secret value is at most 1 MiB). */
export const REGISTRY_BYTES_MAX = 256 * 1024;
/** Ours: the document's deepest shape is platforms[].edge.singleCreditMax (depth 4). */
export const REGISTRY_DEPTH_MAX = 8;
/** Ours: five minutes either way covers clock skew and the platform's first quick retries. */
export const REQUEST_FRESHNESS_SECONDS_DEFAULT = 300;
export const REQUEST_FRESHNESS_SECONDS_MIN = 10;
export const REQUEST_FRESHNESS_SECONDS_MAX = 86_400;
/** Ours: one million in any currency unless the platform says otherwise (IDR-like currencies must). */
export const SINGLE_CREDIT_MAX_DEFAULT = '1000000.00';
/** The singleCreditMax entry for every currency not listed. */
export const ANY_CURRENCY = '*';
/** The Choice Gaming service API client's bounds of one call's deadline (libs/choice-gaming-service-api). */
export const SERVICE_API_TIMEOUT_MS_MIN = 100;
export const SERVICE_API_TIMEOUT_MS_MAX = 60_000;

/** Ours: a casino works with a few transfer-wallet aggregators; each is a client and a resolver loop. */
export const AGGREGATORS_MAX = 20;
/** Ours: the aggregator's API key is its own (no stated format); printable ASCII, a paste error past this. */
export const AGGREGATOR_API_KEY_LENGTH_MAX = 512;
/** Ours: currencies one aggregator may be configured with. */
export const AGGREGATOR_CURRENCIES_MAX = 50;
/** Spec (usernames are 4-30 lowercase alphanumerics) and ours: a prefix of 1-6, the rest is a digest. */
export const USERNAME_PREFIX_LENGTH_MAX = 6;
/** Ours: one attempt's deadline of an aggregator call, read or transfer. */
export const AGGREGATOR_TIMEOUT_MS_MIN = 100;
export const AGGREGATOR_TIMEOUT_MS_MAX = 120_000;
/** Attempts of a read (transfers are never repeated) and retry delays: the outbound HTTP client's bounds. */
export { ATTEMPTS_MAX_LIMIT as AGGREGATOR_READ_ATTEMPTS_MAX, RETRY_DELAY_MS_LIMIT as AGGREGATOR_RETRY_DELAY_MS_MAX } from '@wallet-platform/http-client';
/** Spec: perPage; ours: at most 100 per page (the client's PAGE_SIZE_MAX). */
export const AGGREGATOR_PAGE_SIZE_MAX = 100;
/** Ours: how long after a lost transfer call it may still arrive, and the history lookback: a day at most. */
export const AGGREGATOR_TRANSFER_WINDOW_MS_MAX = 86_400_000;
/** Ours: the operators whose players play at one aggregator (reconciliation runs one per operator and day). */
export const AGGREGATOR_OPERATORS_MAX = 20;
