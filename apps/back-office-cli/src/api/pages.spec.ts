import type { Page } from './back-office-api.interface';
import { ContractViolationError } from './back-office-api-error';
import { collectPages } from './pages';

describe('following pages', () => {
  const pagesOf = (count: number) => async (cursor: string | undefined): Promise<Page<number>> => {
    const index = cursor === undefined ? 0 : Number(cursor);
    return { items: [index * 10, index * 10 + 1], nextCursor: index + 1 < count ? String(index + 1) : null };
  };

  it('reads to the last page', async () => {
    expect(await collectPages(pagesOf(3), undefined)).toEqual({ items: [0, 1, 10, 11, 20, 21], nextCursor: null, pagesRead: 3, truncated: false });
  });

  it('starts at a given cursor', async () => {
    expect((await collectPages(pagesOf(3), '2')).items).toEqual([20, 21]);
  });

  it('stops at the bound and says where to continue', async () => {
    expect(await collectPages(pagesOf(10), undefined, 2)).toEqual({ items: [0, 1, 10, 11], nextCursor: '2', pagesRead: 2, truncated: true });
  });

  it('refuses a cursor that does not advance', async () => {
    await expect(collectPages(async () => ({ items: [1], nextCursor: 'same' }), 'same')).rejects.toBeInstanceOf(ContractViolationError);
  });
});
