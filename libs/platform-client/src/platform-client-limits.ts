import { JSON_NESTING_DEPTH_MAX } from '@wallet-platform/http-client';

/**
 * Every bound this client enforces, in one place. "Spec" marks a value taken from the vendor's
 * parameter tables (Operator Integration API v2.49); the others are ours, chosen where the vendor
 * states no bound, and each says why.
 */

/**
 * Ours. A whole catalog comes in one answer: a large aggregator lists a few tens of thousands of
 * games at roughly 1 KiB each (most of it `details`). 5 MiB holds that with room to spare while
 * keeping one sync's memory bounded.
 */
export const GAMES_RESPONSE_BYTES_MAX = 5 * 1024 * 1024;
/** Ours. Every other answer (lobbies, one day's report, limits, one hand) is far smaller. */
export const RESPONSE_BYTES_MAX = 1024 * 1024;

/**
 * Ours. The deepest documented body is a hand history (depth 6); the shared JSON reader's bound
 * (checked on the raw text first, so a hostile `[[[[…` can never exhaust the stack) holds it.
 */
export const RESPONSE_NESTING_DEPTH_MAX = JSON_NESTING_DEPTH_MAX;

/** Ours. Entries per list; with the byte bounds these keep a pathological answer cheap to walk. */
export const GAMES_COUNT_MAX = 100_000;
export const LOBBIES_COUNT_MAX = 10_000;
/** Ours. One row per entity, vendor and currency for a single day. */
export const BUSINESS_REPORT_ROWS_MAX = 50_000;
/** Ours. Currencies we ask balance limits for, and currencies we accept back. */
export const BALANCE_LIMIT_CURRENCIES_MAX = 200;

/**
 * Ours. One game's or lobby's `details` (descriptions in several languages, thumbnails), measured
 * as re-serialized JSON: bounded so one catalog row can never outgrow the column it is stored in.
 */
export const DETAILS_JSON_BYTES_MAX = 64 * 1024;
/** Ours. Titles, vendor names, platform and type labels, entity names. */
export const LABEL_LENGTH_MAX = 255;
/** Ours. Decimal literals in reports and limits; the same bound as the money lib's parser. */
export const DECIMAL_LITERAL_LENGTH_MAX = 64;
/** Spec: transaction ids are BIGINT; we take them as up to 20 decimal digits, like every platform id. */
export const PLATFORM_ID_DIGITS_MAX = 20;
/** Ours. history_id is a STRING with no stated length; 255 is the column it comes from (context.history_id). */
export const HISTORY_ID_LENGTH_MAX = 255;
/** Ours. Vendor ids (X-Vendor-Id) are short slugs such as "evolution" or "netent". */
export const VENDOR_ID_LENGTH_MAX = 64;

/** Ours. One attempt's deadline, headers and body together, unless the caller configures another. */
export const REQUEST_TIMEOUT_MS_DEFAULT = 5_000;
/** Ours. Below 100 ms nothing real answers; above 60 s a stuck platform holds a sync for too long. */
export const REQUEST_TIMEOUT_MS_MIN = 100;
export const REQUEST_TIMEOUT_MS_MAX = 60_000;
/** Ours. Attempts per call (the first plus retries): enough to ride out a blip, not to hammer. */
export const ATTEMPTS_DEFAULT = 3;
export const ATTEMPTS_MAX = 5;
/** Ours. Backoff before retry n is about base × 2^(n-1), capped, with jitter (see retry-policy.ts). */
export const RETRY_DELAY_BASE_MS_DEFAULT = 200;
export const RETRY_DELAY_MAX_MS_DEFAULT = 2_000;
/** Ours. No configuration may make one call wait longer than this between two attempts. */
export const RETRY_DELAY_MS_LIMIT = 30_000;

/** Spec: operator_id is STRING 20. */
export const OPERATOR_ID_LENGTH_MAX = 20;
/** Ours. Our own name for a platform (logs, errors, configuration keys). */
export const PLATFORM_ID_LENGTH_MAX = 64;
/** Ours. Longest API base URL we accept in configuration. */
export const BASE_URL_LENGTH_MAX = 2_048;

/** Spec: launch tokens are 20 to 50 characters of [A-Za-z0-9]. */
export const TOKEN_LENGTH_MIN = 20;
export const TOKEN_LENGTH_MAX = 50;
/** Spec: game_id is INT 6 in launch URLs (and in the gameplay calls that follow a launch). */
export const LAUNCH_GAME_ID_DIGITS_MAX = 6;
/** Spec: language is STRING 5 ("en", "en-US"). */
export const LANGUAGE_LENGTH_MAX = 5;
/** Spec: home_url and deposit_url are STRING 500. */
export const LAUNCH_URL_PARAMETER_LENGTH_MAX = 500;
/** Spec: group is an ALPHANUMERIC STRING 14, clientName a STRING 14. */
export const GROUP_LENGTH_MAX = 14;
export const CLIENT_NAME_LENGTH_MAX = 14;
