import type { CatalogSyncResult } from '../api/back-office-api.interface';
import type { PlatformSyncRow } from '../catalog/catalog-sync-run';
import { describePlatformSync, launchView, limitsView, nextPageHint, operationView, syncSummary } from './views';

const result = (overrides: Partial<CatalogSyncResult> = {}): CatalogSyncResult => ({
  platformId: 'platform-x',
  operatorId: 'examplecasino',
  outcome: 'ok',
  gamesSeen: 1234,
  gamesDisabledByPlatform: 3,
  lobbiesSeen: 2,
  error: null,
  ...overrides,
});
const row = (overrides: Partial<PlatformSyncRow> = {}): PlatformSyncRow => ({ platformId: 'platform-x', results: [result()], requestError: null, elapsedMs: 4100, ...overrides });

describe('views', () => {
  it('shows a cashier operation with its amounts as received and the idempotency key to retry with', () => {
    const text = operationView(
      { operationId: 'op-1', kind: 'withdrawal', amount: '-40.05', currency: 'EUR', balanceAfter: '60.05', reason: 'payout', performedBy: 'desk', createdAt: 't' },
      'bo-withdrawal-1234',
    );
    expect(text).toContain('amount           -40.05 EUR\n');
    expect(text).toContain('balance after    60.05 EUR\n');
    expect(text).toContain('idempotency key  bo-withdrawal-1234\n');
  });

  it('shows a removed limit as none, the way it is typed', () => {
    expect(limitsView({ dailyWagerLimit: '10.00', dailyLossLimit: null, wageredToday: '0.00', netLossToday: '-3.50' })).toBe(
      ['daily wager limit  10.00', 'daily loss limit   none', 'wagered today      0.00', 'net loss today     -3.50', ''].join('\n'),
    );
  });

  it('shows a fun-mode launch as having no session', () => {
    expect(launchView({ launchUrl: 'https://launch.test/?mode=fun', token: null, expiresAt: null })).toContain('token       none (fun mode: no session)');
  });

  describe('a platform’s sync', () => {
    it('reads as one phrase: games, disabled, lobbies', () => {
      expect(describePlatformSync(row())).toBe('ok: 1234 games (3 disabled), 2 lobbies');
      expect(describePlatformSync(row({ results: [result({ lobbiesSeen: 1 })] }))).toBe('ok: 1234 games (3 disabled), 1 lobby');
    });

    it('names what failed: the platform’s call, our request, or a platform the wallet does not know', () => {
      expect(describePlatformSync(row({ results: [result({ outcome: 'failed', gamesSeen: 0, error: 'platform-x games: HTTP 500' })] }))).toBe('failed: platform-x games: HTTP 500');
      expect(describePlatformSync(row({ results: [], requestError: 'timeout: no answer within 360000 ms' }))).toBe('failed: timeout: no answer within 360000 ms');
      expect(describePlatformSync(row({ results: [] }))).toBe('failed: not configured in the wallet');
    });

    it('names each operator when a platform serves several', () => {
      expect(describePlatformSync(row({ results: [result(), result({ operatorId: 'othercasino', outcome: 'skipped', error: 'another replica is syncing this platform' })] }))).toBe(
        'examplecasino ok: 1234 games (3 disabled), 2 lobbies; othercasino skipped: another replica is syncing this platform',
      );
    });
  });

  it('sums a sync run up: a row per operator, then the counts', () => {
    const summary = syncSummary([row(), row({ platformId: 'platform-y', results: [], requestError: 'HTTP 503', elapsedMs: 200 })], 4300);
    expect(summary.split('\n')).toEqual([
      'PLATFORM    OPERATOR       OUTCOME  GAMES  DISABLED  LOBBIES  SECONDS  ERROR',
      'platform-x  examplecasino  ok        1234         3        2      4.1  -',
      'platform-y  -              failed       -         -        -      0.2  HTTP 503',
      '2 platforms in 4.3 s: 1 ok, 1 failed, 0 skipped',
      '',
    ]);
  });

  it('says where the next page starts, and where a bounded walk stopped', () => {
    expect(nextPageHint(null, false, 1)).toBe('');
    expect(nextPageHint('abc', false, 1)).toBe('more: --cursor abc\n');
    expect(nextPageHint('abc', true, 50)).toBe('stopped after 50 pages; continue with --cursor abc\n');
  });
});
