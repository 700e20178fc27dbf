import type { CatalogSyncResult } from '../api/back-office-api.interface';
import { BackOfficeApiError, BackOfficeUnreachableError, ContractViolationError } from '../api/back-office-api-error';
import type { BackOfficeClient } from '../api/back-office-client';
import type { SyncProgress } from './sync-progress';

/**
 * More platforms than one run syncs: far above any casino's integrations, and a bound on how long
 * one command can run (each platform may take minutes).
 */
export const SYNC_PLATFORMS_MAX = 200;

export interface PlatformSyncRow {
  readonly platformId: string;
  /** The wallet's results for this platform: one per operator configured for it. */
  readonly results: readonly CatalogSyncResult[];
  /** The request itself failed (timeout, 5xx, a refusal): the platform's outcome is unknown to us. */
  readonly requestError: string | null;
  readonly elapsedMs: number;
}

export type PlatformSyncOutcome = 'ok' | 'failed' | 'skipped';

/**
 * Failed when the request failed, when the wallet does not know the platform (it answers an empty
 * list), or when any operator's sync failed; skipped when another wallet replica was syncing it.
 */
export function outcomeOf(row: PlatformSyncRow): PlatformSyncOutcome {
  if (row.requestError !== null || row.results.length === 0 || row.results.some((result) => result.outcome === 'failed')) return 'failed';
  if (row.results.some((result) => result.outcome === 'skipped')) return 'skipped';
  return 'ok';
}

/** The platforms in the order the wallet lists them, each once (a platform may serve several operators). */
export function distinctPlatformIds(platforms: ReadonlyArray<{ readonly platformId: string }>): string[] {
  const ids = [...new Set(platforms.map((platform) => platform.platformId))];
  if (ids.length > SYNC_PLATFORMS_MAX) throw new ContractViolationError(`the wallet lists ${ids.length} platforms; one run syncs at most ${SYNC_PLATFORMS_MAX}`);
  return ids;
}

/**
 * Syncs the platforms one request at a time, so the operator sees each one finish (a single
 * "sync everything" request would say nothing until the last platform is done, and could outlive
 * any sensible timeout). A platform that fails does not stop the others; a refused key (401/403)
 * does, since every later request would be refused the same way.
 */
export async function syncPlatformsOneByOne(
  client: Pick<BackOfficeClient, 'syncCatalog'>,
  platformIds: readonly string[],
  progress: SyncProgress,
  describe: (row: PlatformSyncRow) => string,
): Promise<PlatformSyncRow[]> {
  const rows: PlatformSyncRow[] = [];
  for (const [index, platformId] of platformIds.entries()) {
    progress.start(index + 1, platformIds.length, platformId);
    let results: readonly CatalogSyncResult[] = [];
    let requestError: string | null = null;
    try {
      results = (await client.syncCatalog(platformId)).results;
      if (!Array.isArray(results)) throw new ContractViolationError('the sync answer has no results[]');
    } catch (error) {
      if (error instanceof BackOfficeApiError && error.httpStatus !== 401 && error.httpStatus !== 403) {
        requestError = error.message;
      } else if (error instanceof BackOfficeUnreachableError) {
        requestError = `${error.reason}: ${error.message}`;
      } else {
        progress.abandon();
        throw error;
      }
    }
    const pending: PlatformSyncRow = { platformId, results, requestError, elapsedMs: 0 };
    const elapsedMs = progress.finish(describe(pending));
    rows.push({ ...pending, elapsedMs });
  }
  return rows;
}
