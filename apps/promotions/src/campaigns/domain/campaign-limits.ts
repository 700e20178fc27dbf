/**
 * Every bound of campaigns and their grant runs, in one place; all ours (no vendor states these),
 * each with its reason.
 */

/** Our campaign reference: it prefixes every grant's externalReferenceId, so it is short and plain. */
export const CAMPAIGN_REFERENCE_LENGTH_MAX = 40;
export const CAMPAIGN_REFERENCE_PATTERN = new RegExp(`^[A-Za-z0-9][A-Za-z0-9_-]{0,${CAMPAIGN_REFERENCE_LENGTH_MAX - 1}}$`);
export const CAMPAIGN_NAME_LENGTH_MAX = 200;
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
