/**
 * Every bound of campaigns and their grant runs, in one place; all ours (no vendor states these),
 * each with its reason.
 */

/** Our campaign reference: it prefixes every grant's externalReferenceId, so it is short and plain. */
export const CAMPAIGN_REFERENCE_LENGTH_MAX = 40;
export const CAMPAIGN_REFERENCE_PATTERN = new RegExp(`^[A-Za-z0-9][A-Za-z0-9_-]{0,${CAMPAIGN_REFERENCE_LENGTH_MAX - 1}}$`);
export const CAMPAIGN_NAME_LENGTH_MAX = 200;
/** Ours: campaigns in one list answer (newest first); the CRM team narrows by provider, platform or state. */
export const CAMPAIGNS_LISTED_MAX = 100;
export const CAMPAIGNS_LISTED_DEFAULT = 50;
/**
 * Spec (both providers' documents): an externalReferenceId is at most 100 characters. Ours are
 * `<reference>.<grant number>`: 40 + 1 + 10 digits, always within it.
 */
export const EXTERNAL_REFERENCE_ID_LENGTH_MAX = 100;
/** Grant numbers are a PostgreSQL integer; no campaign comes near. */
export const GRANT_NUMBER_MAX = 2_147_483_647;
/** Spec: player ids are string(100). */
export const PLAYER_ID_LENGTH_MAX = 100;
/** Players added in one call: one list upload; bigger lists are sent in several calls. */
export const PLAYERS_PER_ADD_MAX = 10_000;
/** Players in one campaign: a large CRM campaign is tens of thousands. */
export const CAMPAIGN_PLAYERS_MAX = 200_000;
/** Free rounds per player, as the provider client's bound. */
export const ROUNDS_COUNT_MAX = 1_000;
/** How far ahead a campaign may be valid. */
export const VALIDITY_DAYS_MAX = 366;

/** Pending grants planned into batches at a time: bounds one planning query and its memory. */
export const PLANNING_WINDOW_GRANTS_MAX = 5_000;
/**
 * Times one grant run sends a batch whose outcome stays unknown before it stops and leaves the
 * batch unknown for the next run (each send itself retries inside the provider client).
 */
export const BATCH_SENDS_PER_RUN_MAX = 5;
/** Backoff between sends of an unknown batch, base × 2^(n-1), capped. */
export const BATCH_RETRY_DELAY_BASE_MS = 1_000;
export const BATCH_RETRY_DELAY_MAX_MS = 60_000;
/** Longest a provider message or error is kept in the database. */
export const PROVIDER_MESSAGE_LENGTH_MAX = 255;
/**
 * The aggregator's freeRound is not idempotent (a second call is a second grant). A grant whose
 * answer was lost is only created again when getFreeRound shows it absent AND this long has
 * passed since the lost call: a request still on its way could otherwise land after the check.
 * Well past the client's read deadline and its retries (aggregator-client-limits.ts).
 */
export const AGGREGATOR_GRANT_ARRIVAL_MARGIN_MS = 120_000;
/** Grants revoked (cancelFreeRound) by one cancel call; the answer says how many are left, and canceling again goes on. */
export const REVOKES_PER_CANCEL_MAX = 200;
