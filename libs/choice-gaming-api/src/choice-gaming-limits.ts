/**
 * Every bound the Choice Gaming codec enforces, in one place. "Spec" values come from the vendor's
 * documents (Integration API v1.1.0, Free Rounds Service API); the others are ours, chosen where
 * the vendor states no bound, and each says why.
 */

/**
 * Ours. The largest documented wallet request of this provider (/generateNewToken, /promoWin) is a
 * few hundred bytes; 16 KiB leaves room for fields of the v1.0.0 base document we do not hold,
 * while bounding memory and parse time per call. Checked before the body is hashed or decoded.
 */
export const REQUEST_BODY_BYTES_MAX = 16 * 1024;
/**
 * Ours. The documented bodies are flat objects (depth 1). Checked before parsing, so the
 * recursive JSON parser never meets a body nested deep enough to exhaust the stack.
 */
export const REQUEST_NESTING_DEPTH_MAX = 8;

/** Spec: the signature is a sha256 digest, 64 hex characters. */
export const SHA256_HEX_LENGTH = 64;

/**
 * Ours, shared with the Operator API: our session tokens are 20-50 characters of [A-Za-z0-9]
 * (the token a Choice Gaming player holds was issued by our wallet, like any other).
 */
export const TOKEN_LENGTH_MIN = 20;
export const TOKEN_LENGTH_MAX = 50;
/** Ours: game ids are at most 6 digits everywhere we store them (the Operator API's INT 6). */
export const GAME_ID_DIGITS_MAX = 6;

/** Ours. The envelope's message is free text; a bound keeps a detail from bloating an answer. */
export const MESSAGE_LENGTH_MAX = 255;

/** The two bounds above as patterns, shared by the decoder and the encoder's own check. */
export const TOKEN_PATTERN = new RegExp(`^[A-Za-z0-9]{${TOKEN_LENGTH_MIN},${TOKEN_LENGTH_MAX}}$`);
export const GAME_ID_PATTERN = new RegExp(`^[0-9]{1,${GAME_ID_DIGITS_MAX}}$`);

/** Spec (v1.1 examples, service API string(100)): playerId and externalReferenceId are at most 100 characters. */
export const PLAYER_ID_LENGTH_MAX = 100;
export const EXTERNAL_REFERENCE_ID_LENGTH_MAX = 100;
/** Ours: the vendor's transactionId is text ("124677"); 100 characters of a plain alphabet bound it like the other ids. */
export const TRANSACTION_ID_LENGTH_MAX = 100;
export const AWARD_ID_PATTERN = /^[A-Za-z0-9_.:-]+$/;
