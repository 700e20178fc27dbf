import type { CatalogSyncResult } from '../api/back-office-api.interface';
import { BackOfficeApiError, BackOfficeUnreachableError } from '../api/back-office-api-error';
import { describePlatformSync } from '../render/views';
import { ManualClock } from '../testing/manual-clock';
import { distinctPlatformIds, outcomeOf, syncPlatformsOneByOne } from './catalog-sync-run';
import { SyncProgress } from './sync-progress';

const ok = (platformId: string, gamesSeen: number, gamesDisabledByPlatform: number): CatalogSyncResult => ({
  platformId,
  operatorId: 'examplecasino',
  outcome: 'ok',
  gamesSeen,
  gamesDisabledByPlatform,
  lobbiesSeen: 0,
  error: null,
});

describe('catalog sync, one platform at a time', () => {
  const captured = () => {
    const output = { text: '', write: (chunk: string) => void (output.text += chunk) };
    return output;
  };

  it('writes one plain line per platform off a terminal, and goes on after a failure', async () => {
    const clock = new ManualClock();
    const output = captured();
    const answers: Record<string, () => Promise<{ results: CatalogSyncResult[] }>> = {
      'platform-a': async () => (clock.advance(1200), { results: [ok('platform-a', 1234, 3)] }),
      'platform-b': async () => {
        clock.advance(300);
        throw new BackOfficeUnreachableError('timeout', 'POST', '/back-office/v1/catalog/sync', 'no answer within 360000 ms');
      },
      'platform-c': async () => (clock.advance(100), { results: [] }),
    };
    const client = { syncCatalog: (platformId?: string) => answers[platformId as string]() };

    const rows = await syncPlatformsOneByOne(client, ['platform-a', 'platform-b', 'platform-c'], new SyncProgress(output, false, clock), describePlatformSync);

    expect(output.text).toBe(
      [
        '[1/3] platform-a … ok: 1234 games (3 disabled), 0 lobbies (1.2 s)',
        '[2/3] platform-b … failed: timeout: POST /back-office/v1/catalog/sync: no answer within 360000 ms (0.3 s)',
        '[3/3] platform-c … failed: not configured in the wallet (0.1 s)',
        '',
      ].join('\n'),
    );
    expect(output.text.includes('\r') || output.text.includes('\u001b')).toBe(false);
    expect(rows.map(outcomeOf)).toEqual(['ok', 'failed', 'failed']);
    expect(rows.map((row) => row.elapsedMs)).toEqual([1200, 300, 100]);
  });

  it('on a terminal, redraws the line with a spinner and the elapsed time while waiting, then the outcome', async () => {
    const clock = new ManualClock();
    const output = captured();
    let answer: (value: { results: CatalogSyncResult[] }) => void = () => undefined;
    const client = { syncCatalog: () => new Promise<{ results: CatalogSyncResult[] }>((resolve) => (answer = resolve)) };

    const run = syncPlatformsOneByOne(client, ['platform-x'], new SyncProgress(output, true, clock), describePlatformSync);
    clock.advance(100);
    clock.tick();
    clock.advance(3100);
    clock.tick();
    expect(output.text).toBe('\r\u001b[2K[1/1] platform-x … ⠋ 0.0 s\r\u001b[2K[1/1] platform-x … ⠙ 0.1 s\r\u001b[2K[1/1] platform-x … ⠹ 3.2 s');
    answer({ results: [ok('platform-x', 12, 0)] });
    await run;
    expect(output.text.endsWith('\r\u001b[2K[1/1] platform-x … ok: 12 games (0 disabled), 0 lobbies (3.2 s)\n')).toBe(true);
    expect(clock.activeTimers).toBe(0);
  });

  it('stops the whole run when the key is refused: every later platform would be refused too', async () => {
    const clock = new ManualClock();
    const output = captured();
    const forbidden = new BackOfficeApiError('POST', '/back-office/v1/catalog/sync', 403, { error: 'forbidden', message: 'needs admin' }, '{}');
    const calls: string[] = [];
    const client = {
      syncCatalog: async (platformId?: string) => {
        calls.push(platformId as string);
        throw forbidden;
      },
    };
    await expect(syncPlatformsOneByOne(client, ['platform-a', 'platform-b'], new SyncProgress(output, true, clock), describePlatformSync)).rejects.toBe(forbidden);
    expect(calls).toEqual(['platform-a']);
    expect(output.text.endsWith('[1/2] platform-a … stopped\n')).toBe(true);
    expect(clock.activeTimers).toBe(0);
  });

  it('syncs each platform once, in the wallet’s order, though it serves several operators', () => {
    expect(distinctPlatformIds([{ platformId: 'b' }, { platformId: 'a' }, { platformId: 'b' }])).toEqual(['b', 'a']);
  });
});
