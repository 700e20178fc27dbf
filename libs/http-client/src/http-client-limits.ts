/**
 * Every bound the outbound HTTP client enforces, in one place. A client of a vendor API picks its
 * own values inside these bounds (per call: timeout and body size; per client: the retry policy),
 * so one misconfigured number can never make a call wait for minutes or buffer a gigabyte.
 */

/** Below 100 ms nothing real answers; above 60 s a stuck remote holds its caller for too long. */
export const CALL_TIMEOUT_MS_MIN = 100;
export const CALL_TIMEOUT_MS_MAX = 60_000;

/** A response body is always read whole into memory, so its bound must be stated; 64 MiB is the ceiling. */
export const RESPONSE_BYTES_MAX_LIMIT = 64 * 1024 * 1024;

/** Attempts per call, the first included: enough to ride out a blip, never enough to hammer. */
export const ATTEMPTS_MAX_LIMIT = 5;
/** No policy may make one call wait longer than this between two attempts. */
export const RETRY_DELAY_MS_LIMIT = 30_000;

/** Request bodies we send are small JSON documents; a bigger one is a caller bug. */
export const REQUEST_BYTES_MAX = 1024 * 1024;

/**
 * The deepest JSON document we accept from a remote. The parser is recursive, so the depth is
 * checked on the raw text first: a hostile `[[[[…` can never exhaust the stack.
 */
export const JSON_NESTING_DEPTH_MAX = 32;

/** Our own name for a remote (logs, errors): short and unambiguous. */
export const REMOTE_ID_LENGTH_MAX = 64;

/** Open connections per client (one remote): bounded so a burst cannot exhaust sockets. */
export const CONNECTIONS_PER_REMOTE_MAX = 16;
