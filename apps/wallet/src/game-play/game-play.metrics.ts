import { counter, histogram } from '@wallet-platform/service-kit';

/**
 * The batch engine's own metrics (GamePlayEngine). Labels are closed sets named here: never a
 * player, transaction or round id.
 */

/** Sizes of batches: from an idle wallet (1) to COMMANDS_PER_BATCH_MAX (500). */
const BATCH_SIZE_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500];

export const batchCommands = histogram({
  name: 'wallet_batch_commands',
  help: 'Money commands per batch the engine ran (after the coalescer gathered the partitions).',
  buckets: BATCH_SIZE_BUCKETS,
});

export const batchDuration = histogram({
  name: 'wallet_batch_duration_seconds',
  help: 'Time to run one batch: decode, lock its players, read, decide, write, unlock (its fallback included).',
});

export const playerLockWait = histogram({
  name: 'wallet_player_lock_wait_seconds',
  help: "Time to lock a batch's players: one Redis round trip when none is busy, up to PLAYER_LOCK_WAIT_MS when one is.",
});

export const playerLockBusy = counter({
  name: 'wallet_player_lock_busy_total',
  help: 'Commands answered "player busy" (OP_50, nothing written) because another holder kept the player locked past PLAYER_LOCK_WAIT_MS.',
});

export const batchSplits = counter({
  name: 'wallet_batch_splits_total',
  help: 'Batches that could not be written whole and fell back to halves.',
});

/** Why an attempt to write a batch was thrown away and the batch decided again. */
export type WriteConflictCause = 'compare_and_set' | 'unique_key' | 'stale_fence';

export const writeConflicts = counter<'cause'>({
  name: 'wallet_batch_write_conflicts_total',
  help: 'Batch write attempts undone and retried, by cause: a balance changed under it (compare_and_set), a concurrent first write of a key (unique_key), lock fences below the stored ones after Redis lost them (stale_fence).',
  labelNames: ['cause'],
});

for (const cause of ['compare_and_set', 'unique_key', 'stale_fence'] satisfies WriteConflictCause[]) writeConflicts.inc({ cause }, 0);

/** Why a single command could not be written (after its batch was split down to it). */
export type UnwritableCause = 'out_of_range' | 'error';

export const unwritableCommands = counter<'cause'>({
  name: 'wallet_commands_unwritable_total',
  help: 'Single commands that could not be written: a total beyond what the ledger holds (out_of_range, OP_49-like refusal) or any other failure (error, OP_50).',
  labelNames: ['cause'],
});

for (const cause of ['out_of_range', 'error'] satisfies UnwritableCause[]) unwritableCommands.inc({ cause }, 0);

/** The platform's reason for promotional free spins: a WIN without a BET is expected there. */
const PROMO_FREESPIN_REASON = 'PROMO-FREESPIN';

const winsWithoutBet = counter({
  name: 'wallet_wins_without_bet_total',
  help: 'WINs paid on a round with no applied BET, by platform and reason (promo_freespin: expected for free rounds; other: worth a look, see docs/security.md).',
  labelNames: ['platform', 'reason'],
});

/** One WIN without a BET; the reason label is bounded to two values (the platform's reason is free text). */
export function countWinWithoutBet(platformId: string, reason: string | null): void {
  winsWithoutBet.inc({ platform: platformId, reason: reason === PROMO_FREESPIN_REASON ? 'promo_freespin' : 'other' });
}
