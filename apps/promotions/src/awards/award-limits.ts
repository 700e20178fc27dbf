/** Every bound of the awards capability, in one place, each with its reason. */

/** How often the recovery pass looks for awards left `crediting` (a crash, a wallet timeout). */
export const AWARD_RECOVERY_INTERVAL_MS = 15_000;
/**
 * An award younger than this is left to the request that recorded it (it is probably waiting for
 * the wallet's answer right now). Asking twice would be harmless, only wasteful.
 */
export const AWARD_RECOVERY_MIN_AGE_MS = 10_000;
/** Awards one recovery pass asks the wallet to credit, one after another. */
export const AWARD_RECOVERY_BATCH_MAX = 100;
