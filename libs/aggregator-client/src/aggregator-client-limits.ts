/**
 * Every bound the aggregator client enforces, in one place. "Spec" marks a value from the
 * aggregator's External API v1.3.0; the others are ours (the document states no bound) and say why.
 */

/** Spec: a username is 4 to 30 lowercase alphanumeric characters. */
export const USERNAME_LENGTH_MIN = 4;
export const USERNAME_LENGTH_MAX = 30;
/** Ours: the per-aggregator prefix of our usernames (so they are recognisably ours), 1-6 characters. */
export const USERNAME_PREFIX_LENGTH_MAX = 6;
/** Ours: base-36 digits of the player-id digest after the prefix (24 digits ≈ 124 bits: no collision in practice). */
export const USERNAME_DIGEST_LENGTH = 24;

/** Ours. One attempt's deadline for reads (balance, status, catalogs, history, logs). */
export const READ_TIMEOUT_MS_DEFAULT = 5_000;
/**
 * Ours. Deposit and withdraw get one attempt only, so a longer deadline: an answer that arrives
 * late is better than an unknown outcome that must be resolved from history.
 */
export const TRANSFER_TIMEOUT_MS_DEFAULT = 10_000;
/** Ours. Attempts of a read, the first included (transfers: always exactly one). */
export const READ_ATTEMPTS_DEFAULT = 3;
export const RETRY_DELAY_BASE_MS_DEFAULT = 200;
export const RETRY_DELAY_MAX_MS_DEFAULT = 2_000;

/** Ours. Whole game catalog in one answer (no paging in the spec): tens of thousands of games. */
export const GAMES_RESPONSE_BYTES_MAX = 8 * 1024 * 1024;
/** Ours. One page of history or daily report, and one round's game log. */
export const PAGE_RESPONSE_BYTES_MAX = 2 * 1024 * 1024;
/** Ours. Every other answer (balance, status, launch, transfer, providers, free rounds). */
export const RESPONSE_BYTES_MAX = 512 * 1024;

/** Spec: perPage defaults to 30; ours: at most 100 per page, so one page stays well under its byte bound. */
export const PAGE_SIZE_DEFAULT = 30;
export const PAGE_SIZE_MAX = 100;
/** Ours. Pages one `allHistory` walk may read before it gives up (a loop must be bounded). */
export const HISTORY_PAGES_MAX = 200;
/** Ours. Entries per list we accept in any answer. */
export const GAMES_COUNT_MAX = 100_000;
export const ITEMS_PER_ANSWER_MAX = 10_000;
/** Ours. Currencies in one history page's currencyGroup. */
export const CURRENCY_GROUPS_MAX = 50;

/** Ours. Ids, names, labels, codes and urls the aggregator sends. */
export const ID_LENGTH_MAX = 128;
export const LABEL_LENGTH_MAX = 255;
export const URL_LENGTH_MAX = 4_096;
/** Ours. A launch answer of type "html" is a whole page. */
export const LAUNCH_HTML_LENGTH_MAX = 256 * 1024;
/** Ours. An error message we keep (and may log) is cut here. */
export const ERROR_MESSAGE_LENGTH_MAX = 255;
/** Ours. Decimal literals (balances, amounts, report figures); the money lib's bound. */
export const DECIMAL_LITERAL_LENGTH_MAX = 64;
/** Ours. Free rounds per grant, and bonus codes we send. */
export const FREE_ROUNDS_MAX = 10_000;
export const BONUS_CODE_LENGTH_MAX = 64;
/** Ours. The API key, as configured. */
export const API_KEY_LENGTH_MAX = 512;
/** Ours. Currencies one aggregator may be configured with. */
export const CURRENCIES_MAX = 50;
