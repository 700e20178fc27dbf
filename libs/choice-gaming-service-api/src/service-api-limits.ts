/**
 * Every bound the Choice Gaming service-API client enforces, in one place. "Spec" values come from
 * the vendor's Free Rounds Service API and Integration API v1.1.0; the others are ours, chosen
 * where the vendor states no bound, and each says why.
 */

/**
 * Spec: "each value must be unique and have a maximum combined length of 20,000 characters". The
 * document does not say whether the bound is per array or over both, nor whether quotes and commas
 * count. We take the strictest reading, which satisfies every other: the JSON text of `playerIds`
 * plus the JSON text of `externalReferenceIds` (brackets, quotes, commas and escapes included) is
 * at most 20,000 characters. After PHP's escaping every character is ASCII, so characters = bytes.
 */
export const PLAYER_LISTS_JSON_LENGTH_MAX = 20_000;

/** Spec: playerId and externalReferenceId are string(100). */
export const PLAYER_ID_LENGTH_MAX = 100;
export const EXTERNAL_REFERENCE_ID_LENGTH_MAX = 100;
/** Spec: currency is string(3). */
export const CURRENCY_LENGTH = 3;
/** Spec: gameIds "must be length of 1 game". */
export const GAME_IDS_COUNT = 1;
/** Ours: a game id is the provider's short identifier ("2"); 32 characters is far more than any we saw. */
export const GAME_ID_LENGTH_MAX = 32;

/**
 * Ours. Free rounds per grant: the vendor states no bound; 1,000 is above any campaign a CRM team
 * runs and keeps a typo (40000 for 40) from going out.
 */
export const FREE_ROUNDS_COUNT_MAX = 1_000;
/**
 * Ours. A bet of one free round, in the campaign currency. The amount travels as a JSON number
 * that PHP reads into a binary double and writes back; with at most 15 significant digits (PHP's
 * PHP_FLOAT_DIG) and 2 decimals the round trip is exact, and below 10^12 no amount can reach 15.
 */
export const BET_AMOUNT_MINOR_MAX = 100_000_000_000_000n - 1n;

/** Ours: the largest JSON integer PHP's json_decode keeps as an integer (PHP_INT_MAX, 64-bit). */
export const PHP_INT_MAX = 9_223_372_036_854_775_807n;
export const PHP_INT_MIN = -9_223_372_036_854_775_808n;
/**
 * Spec of PHP: a double is exact for 15 significant decimal digits (PHP_FLOAT_DIG). Decimals with
 * more could come back from json_decode/json_encode as other digits.
 */
export const PHP_FLOAT_DIGITS_MAX = 15;
/** Ours: nesting of the values we sign (data holds flat lists only). json_decode's own default is 512. */
export const PHP_JSON_DEPTH_MAX = 16;

/** Ours. Platform and partner ids are integers; we keep them positive and within PHP_INT_MAX. */
export const PLATFORM_ID_MAX = PHP_INT_MAX;

/** Ours. One attempt's deadline, headers and body together. */
export const REQUEST_TIMEOUT_MS_DEFAULT = 10_000;
export const REQUEST_TIMEOUT_MS_MIN = 100;
export const REQUEST_TIMEOUT_MS_MAX = 60_000;
/** Ours. Attempts of one chunk within one call (the first plus retries), each freshly signed. */
export const ATTEMPTS_DEFAULT = 3;
export const ATTEMPTS_MAX = 5;
/** Ours. Backoff before retry n is about base × 2^(n-1), capped, with jitter. */
export const RETRY_DELAY_BASE_MS_DEFAULT = 500;
export const RETRY_DELAY_MAX_MS_DEFAULT = 5_000;
export const RETRY_DELAY_MS_LIMIT = 60_000;

/**
 * Ours. Largest request body we send: the player lists (20,000) plus the rest of `data` and the
 * envelope, a few hundred bytes. Checked on every request we build: a bigger one is our bug.
 */
export const REQUEST_BODY_BYTES_MAX = 24 * 1024;
/** Ours. The answers are a code, a message and a reference: 64 KiB is generous. */
export const RESPONSE_BODY_BYTES_MAX = 64 * 1024;
/** Ours. The provider's referenceId is free text; bounded like the ids we send. */
export const REFERENCE_ID_LENGTH_MAX = 255;
/** Ours. Provider messages kept in errors and logs are cut to this many characters. */
export const PROVIDER_MESSAGE_LENGTH_MAX = 255;
/** Ours. Longest service-API URL we accept in configuration. */
export const SERVICE_URL_LENGTH_MAX = 2_048;
/** Ours. A private key shorter than this is a configuration mistake, not a key. */
export const PRIVATE_KEY_LENGTH_MIN = 8;
export const PRIVATE_KEY_LENGTH_MAX = 512;
