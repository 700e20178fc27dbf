import { PlatformApiClient } from '@wallet-platform/platform-client';
import { FakePlatformServer } from '@wallet-platform/platform-client/testing';
import { JsonLogger } from '@wallet-platform/service-kit';
import { LedgerIntakeService } from '../ledger-intake/ledger-intake.service';
import { cancelEvent, gameEvent } from '../testing/ledger-topic';
import { createScratchReportingDatabase, type ScratchReportingDatabase } from '../testing/scratch-reporting-database';
import { reconcileBusinessReport } from './reconcile-business-report';
import { ourBusinessRows } from './reconciliation.store';

const SECRET_KEY = 'reconciliation-secret-key-0001';

/**
 * Given our figures of 2026-11-30 (from the intake, in a real database) and the fake platform's
 * business report served over HTTP and fetched by our platform client, when they are reconciled,
 * then a day on which both agree is matched, and a day on which the platform has one WIN we do not
 * is flagged on that row with the exact fields and amounts.
 */
describe('reconciliation against the platform business report', () => {
  let database: ScratchReportingDatabase;
  let fake: FakePlatformServer;
  let report = '[]';
  const row = (vendor: string, currency: string, figures: string) =>
    `{"entity_name":"casino","vendor":"${vendor}","currency_code":"${currency}",${figures},"date":"2026-11-30"}`;

  beforeAll(async () => {
    database = await createScratchReportingDatabase();
    const canceled = gameEvent({ userId: 'u1', transactionId: '9', transactionType: 'BET', amount: '5.00' });
    const messages = [
      gameEvent({ userId: 'u1', transactionId: '1', transactionType: 'BET', amount: '6.10' }),
      gameEvent({ userId: 'u1', transactionId: '2', transactionType: 'WIN', amount: '3.30' }),
      gameEvent({ userId: 'u1', transactionId: '3', transactionType: 'WIN', amount: '1.00', reason: 'PROMO-FREESPIN' }),
      gameEvent({ userId: 'u2', transactionId: '4', transactionType: 'BET', amount: '1.20', currency: 'USD', vendor: 'slotsxx', gameId: '201' }),
      canceled,
      cancelEvent(canceled),
    ];
    await new LedgerIntakeService(database.dataSource, new JsonLogger('reporting-test', 'warn')).applyChunk(
      messages.map((message, offset) => ({ partition: 0, offset: String(offset), value: Buffer.from(JSON.stringify(message)) })),
    );
    fake = await FakePlatformServer.start({ operatorId: 'casino1', secretKey: SECRET_KEY, fixtures: { businessReport: () => report } });
  });

  afterAll(async () => {
    await fake?.close();
    await database?.drop();
  });

  const reconcile = async () => {
    const client = new PlatformApiClient({ platformId: 'plat-a', apiBaseUrl: fake.baseUrl, operatorId: 'casino1', secretKey: SECRET_KEY }, { timeoutMs: 2_000, attemptsMax: 1 });
    return reconcileBusinessReport(await ourBusinessRows(database.dataSource, 'plat-a', 'casino1', '2026-11-30'), await client.businessReport('2026-11-30'));
  };

  it('reports a day on which the platform agrees as matched (the canceled bet excluded on both sides)', async () => {
    report = `[${row('netent', 'EUR', '"bets_sum":6.1,"bets_count":1,"wins_sum":3.30,"wins_count":1,"freespins_sum":1,"freespins_count":1,"jackpots_sum":0,"jackpots_count":0,"gross_gaming_revenue":"1.80"')},` +
      `${row('slotsxx', 'usd', '"bets_sum":1.2,"bets_count":1,"wins_sum":0,"wins_count":0,"freespins_sum":0,"freespins_count":0,"jackpots_sum":0,"jackpots_count":0,"gross_gaming_revenue":"1.20"')}]`;
    const result = await reconcile();
    expect(result).toEqual({
      status: 'matched',
      rows: [
        { vendor: 'netent', currency: 'EUR', status: 'matched', differences: [] },
        { vendor: 'slotsxx', currency: 'USD', status: 'matched', differences: [] },
      ],
    });
  });

  it('flags the row of a WIN the platform has and we do not, with the exact fields and amounts', async () => {
    report = `[${row('netent', 'EUR', '"bets_sum":6.1,"bets_count":1,"wins_sum":5.80,"wins_count":2,"freespins_sum":1,"freespins_count":1,"jackpots_sum":0,"jackpots_count":0,"gross_gaming_revenue":"-0.70"')},` +
      `${row('slotsxx', 'USD', '"bets_sum":1.2,"bets_count":1,"wins_sum":0,"wins_count":0,"freespins_sum":0,"freespins_count":0,"jackpots_sum":0,"jackpots_count":0,"gross_gaming_revenue":"1.20"')}]`;
    const result = await reconcile();
    expect(result).toEqual({
      status: 'mismatched',
      rows: [
        {
          vendor: 'netent', currency: 'EUR', status: 'mismatched',
          differences: [
            { field: 'wins_sum', ours: '3.30', platform: '5.80', difference: '2.50' },
            { field: 'wins_count', ours: '1', platform: '2', difference: '1' },
            { field: 'gross_gaming_revenue', ours: '1.80', platform: '-0.70', difference: '-2.50' },
          ],
        },
        { vendor: 'slotsxx', currency: 'USD', status: 'matched', differences: [] },
      ],
    });
  });

  it('reports rows missing on either side', async () => {
    report = `[${row('pragmatic', 'EUR', '"bets_sum":2,"bets_count":1,"wins_sum":0,"wins_count":0,"freespins_sum":0,"freespins_count":0,"jackpots_sum":0,"jackpots_count":0,"gross_gaming_revenue":"2.00"')}]`;
    const result = await reconcile();
    expect(result.rows.map(({ vendor, currency, status }) => ({ vendor, currency, status }))).toEqual([
      { vendor: 'netent', currency: 'EUR', status: 'missing-platform' },
      { vendor: 'pragmatic', currency: 'EUR', status: 'missing-ours' },
      { vendor: 'slotsxx', currency: 'USD', status: 'missing-platform' },
    ]);
    expect(result.rows[1].differences).toContainEqual({ field: 'bets_sum', ours: '0.00', platform: '2.00', difference: '2.00' });
  });
});
