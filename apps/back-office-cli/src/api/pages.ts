import type { Page } from './back-office-api.interface';
import { ContractViolationError } from './back-office-api-error';

/** Largest page the API serves (its `limit` maximum). */
export const PAGE_SIZE_MAX = 200;
/**
 * Pages `--all` follows at most: 50 pages of 200 is 10,000 rows, more than a terminal can show
 * usefully, and a bound on how long one command can keep the API busy. Past it the answer says
 * where to continue (`nextCursor`), so nothing is silently cut off.
 */
export const PAGES_FOLLOWED_MAX = 50;

export interface CollectedPages<T> extends Page<T> {
  readonly pagesRead: number;
  /** True when the bound stopped the walk while the API still had more (nextCursor not null). */
  readonly truncated: boolean;
}

/** Follows `nextCursor` from `cursor` until the last page or `pagesMax` pages. */
export async function collectPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  cursor: string | undefined,
  pagesMax: number = PAGES_FOLLOWED_MAX,
): Promise<CollectedPages<T>> {
  const items: T[] = [];
  let next: string | undefined = cursor;
  for (let pagesRead = 1; pagesRead <= pagesMax; pagesRead++) {
    const page = await fetchPage(next);
    items.push(...page.items);
    if (page.nextCursor === null) return { items, nextCursor: null, pagesRead, truncated: false };
    if (page.nextCursor === next) {
      // The same cursor twice would loop until the bound: the API broke its own paging.
      throw new ContractViolationError(`the API returned the cursor it was given (${next}): paging would not advance`);
    }
    next = page.nextCursor;
  }
  return { items, nextCursor: next ?? null, pagesRead: pagesMax, truncated: true };
}
