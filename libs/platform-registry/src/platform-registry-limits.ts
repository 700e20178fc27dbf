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
