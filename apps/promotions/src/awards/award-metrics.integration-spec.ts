import { AwardErrorKind, AwardKind, WalletCommandType, WalletErrorKind, type AwardWinCommand, type CreditPromotionCommand, type WalletReply } from '@wallet-platform/contracts';
import { metricsRegistry } from '@wallet-platform/service-kit';
import { createScratchPromotionsDatabase } from '../testing/scratch-promotions-database';
import { AWARD_RECOVERY_MIN_AGE_MS } from './award-limits';
import { registerAwardMetrics } from './award-metrics';
import { AwardsService, type AwardsWallet } from './awards.service';
import { AwardRepository } from './persistence/award.repository';

/** A wallet that knows player p1 (EUR) and pays each award id once, or answers what the test scripts first. */
class ScriptedWallet implements AwardsWallet {
  readonly scripted: Array<WalletReply<never>> = [];
  private readonly paid = new Set<string>();

  async call(type: string, _operatorId: string, _userId: string, command: unknown): Promise<never> {
    if (type === WalletCommandType.PlayerFacts) return { ok: true, result: { players: [{ userId: 'p1', status: 'active', currency: 'EUR' }], tokenUserId: 'p1' } } as never;
    const scripted = this.scripted.shift();
    if (scripted) return scripted as never;
    const credit = command as CreditPromotionCommand;
    this.paid.add(credit.awardId);
    return { ok: true, result: { balance: '110.00', currency: 'EUR', ledgerTransactionId: `lt-${credit.awardId}` } } as never;
  }
}

const award = (change: Partial<AwardWinCommand> = {}): AwardWinCommand => ({
  caller: { platformId: 'choice-gaming', operatorId: 'casino1' },
  kind: AwardKind.TournamentWin,
  token: 'token-of-p1',
  userId: 'p1',
  gameId: '123',
  transactionId: `tx-${Math.random().toString(36).slice(2)}`,
  externalReferenceId: null,
  amount: '10.00',
  currency: 'EUR',
  ...change,
});

async function valueOf(name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const metric = metricsRegistry.getSingleMetric(name);
  if (metric === undefined) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  const wanted = Object.entries(labels);
  return values.find((value) => wanted.length === Object.keys(value.labels).length && wanted.every(([key, expected]) => value.labels[key] === expected))?.value;
}

describe('award metrics on real PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createScratchPromotionsDatabase>>;

  beforeAll(async () => {
    database = await createScratchPromotionsDatabase();
    registerAwardMetrics(database.dataSource);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('counts each award once per state it enters, and the crediting backlog from the table', async () => {
    const wallet = new ScriptedWallet();
    const awards = new AwardsService(new AwardRepository(database.dataSource), wallet, { event: () => undefined });
    const counted = (state: string) => valueOf('promotions_awards_total', { kind: AwardKind.TournamentWin, state });
    const recovered = (outcome: string) => valueOf('promotions_award_recovery_awards_total', { outcome });
    const before = { crediting: await counted('crediting'), credited: await counted('credited'), refused: await counted('refused'), recoveredCredited: await recovered('credited'), unanswered: await recovered('unanswered') };
    expect(before).toEqual({ crediting: 0, credited: 0, refused: 0, recoveredCredited: 0, unanswered: 0 });
    expect([await valueOf('promotions_awards_crediting'), await valueOf('promotions_award_oldest_crediting_age_seconds')]).toEqual([0, 0]);

    // One paid at once, asked ten times concurrently: recorded once, credited once.
    const paidAtOnce = award();
    await Promise.all(Array.from({ length: 10 }, () => awards.award(paidAtOnce)));
    // One refused for good.
    wallet.scripted.push({ ok: false, error: { kind: WalletErrorKind.CurrencyMismatch, message: 'Invalid currency' } } as WalletReply<never>);
    expect(await awards.award(award())).toMatchObject({ ok: false, error: { kind: AwardErrorKind.CurrencyMismatch } });
    // One the wallet does not answer: left crediting.
    wallet.scripted.push({ ok: false, error: { kind: WalletErrorKind.Timeout, message: 'Timeout' } } as WalletReply<never>);
    expect(await awards.award(award())).toMatchObject({ ok: false, error: { kind: AwardErrorKind.Timeout } });

    expect([await counted('crediting'), await counted('credited'), await counted('refused')]).toEqual([3, 1, 1]);
    expect(await valueOf('promotions_awards_crediting')).toBe(1);
    await database.dataSource.query(`UPDATE awards SET created_at = now() - interval '20 minutes' WHERE state = 'crediting'`);
    const age = await valueOf('promotions_award_oldest_crediting_age_seconds');
    expect(age).toBeGreaterThanOrEqual(1200);
    expect(age).toBeLessThan(1260);

    // The recovery pass: first the wallet still does not answer, then it pays.
    const later = new Date(Date.now() + AWARD_RECOVERY_MIN_AGE_MS + 1_000);
    wallet.scripted.push({ ok: false, error: { kind: WalletErrorKind.Timeout, message: 'Timeout' } } as WalletReply<never>);
    expect(await awards.recoverCrediting(later)).toBe(1);
    expect([await recovered('unanswered'), await recovered('credited'), await counted('credited')]).toEqual([1, 0, 1]);
    expect(await awards.recoverCrediting(later)).toBe(1);
    expect([await recovered('unanswered'), await recovered('credited'), await counted('credited')]).toEqual([1, 1, 2]);
    expect([await valueOf('promotions_awards_crediting'), await valueOf('promotions_award_oldest_crediting_age_seconds')]).toEqual([0, 0]);
    // Nothing is counted twice by a retry answered from the record.
    await awards.award(paidAtOnce);
    expect([await counted('crediting'), await counted('credited'), await counted('refused')]).toEqual([3, 2, 1]);
  });
});
