/**
 * Every bound the Operator API codec enforces, in one place. Values marked "spec" come from the
 * vendor's parameter tables (Operator Integration API v2.49); the others are ours, chosen where
 * the vendor states no bound, and each says why.
 */

/**
 * Ours. The largest legitimate request (a changebalance with a vendor's campaign details) is a few
 * KiB; 64 KiB leaves room for vendors' extra fields while bounding memory and parse time per call.
 */
export const REQUEST_BODY_BYTES_MAX = 64 * 1024;
/**
 * Ours. The deepest documented shape is data.context.game_details (depth 4); campaign details
 * may nest a little further. Checked before parsing so the recursive parser never meets more.
 */
export const REQUEST_NESTING_DEPTH_MAX = 16;

/** Spec: sha1 hex digests are 40 characters. */
export const SHA1_HEX_LENGTH = 40;

/** Spec: INT 20 ids (transaction_id, round_id, ticket_id) — up to 20 decimal digits. */
export const PLATFORM_ID_DIGITS_MAX = 20;
/** Spec: game_id is INT 6. */
export const GAME_ID_DIGITS_MAX = 6;
/** Spec: transaction_ts and round_ts are unix milliseconds as STRING 13. */
export const UNIX_TIMESTAMP_MS_DIGITS_MAX = 13;

/** Spec: tokens are 20 to 50 characters of [A-Za-z0-9]. */
export const TOKEN_LENGTH_MIN = 20;
export const TOKEN_LENGTH_MAX = 50;
/** Spec: user_id is STRING 70 (in requests and responses). */
export const USER_ID_LENGTH_MAX = 70;
/** Spec: context.reason is STRING 32. */
export const CONTEXT_REASON_LENGTH_MAX = 32;
/**
 * Ours. context.history_id and context.campaign_code are STRING with no stated length; 255 is
 * the column size we store them in.
 */
export const CONTEXT_HISTORY_ID_LENGTH_MAX = 255;
export const CONTEXT_CAMPAIGN_CODE_LENGTH_MAX = 255;

/** Spec: authenticate response user_name is STRING 255. */
export const USER_NAME_LENGTH_MAX = 255;
/** Spec: authenticate response user_country is STRING 100. */
export const USER_COUNTRY_LENGTH_MAX = 100;
/** Spec: authenticate response display_name is STRING 100. */
export const DISPLAY_NAME_LENGTH_MAX = 100;
/** Spec: authenticate response group is STRING 100. */
export const PLAYER_GROUP_LENGTH_MAX = 100;
/**
 * Ours. The error message is free text; a bound keeps a wallet message from bloating every
 * error response (the vendor keeps its API error log for a week).
 */
export const ERROR_MESSAGE_LENGTH_MAX = 255;
