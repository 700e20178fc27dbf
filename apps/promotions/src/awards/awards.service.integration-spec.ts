import {
  AwardErrorKind,
  AwardKind,
  WalletCommandType,
  WalletErrorKind,
  type AwardWinCommand,
  type CreditPromotionCommand,
  type CreditPromotionResult,
  type PlayerFactsCommand,
  type PlayerFactsResult,
  type WalletReply,
} from '@wallet-platform/contracts';
import { createScratchPromotionsDatabase } from '../testing/scratch-promotions-database';
import { AWARD_RECOVERY_MIN_AGE_MS } from './award-limits';
import { AwardsService, type AwardsWallet } from './awards.service';
import { AwardRepository } from './persistence/award.repository';

const CALLER = { platformId: 'choice-gaming', operatorId: 'casino1' };

/**
 * A wallet of the test's making behind the port: player facts for the players it knows, and a
 * credit idempotent on the award id (as the real one), with answers the test can script first.
 */
class ScriptedWallet implements AwardsWallet {
  readonly credits: CreditPromotionCommand[] = [];
  readonly facts: PlayerFactsCommand[] = [];
  readonly balances = new Map<string, string>([['p1', '100.00'], ['p2', '0.00']]);
  private readonly paid = new Map<string, CreditPromotionResult>();
  nextCreditAnswers: Array<WalletReply<CreditPromotionResult>> = [];
  factsAnswer: WalletReply<PlayerFactsResult> | null = null;

  async call(type: string, _operatorId: string, _userId: string, command: unknown): Promise<never> {
    if (type === WalletCommandType.PlayerFacts) {
      const asked = command as PlayerFactsCommand;
      this.facts.push(asked);
      const known = asked.userIds.filter((id) => this.balances.has(id));
      const reply: WalletReply<PlayerFactsResult> = this.factsAnswer ?? {
        ok: true,
        result: { players: known.map((userId) => ({ userId, playerId: `w-${userId}`, status: 'active', currency: 'EUR' })), tokenUserId: asked.token === `token-of-${asked.userIds[0]}` ? (asked.userIds[0] as string) : null },
      };
      return reply as never;
    }
    const credit = command as CreditPromotionCommand;
    this.credits.push(credit);
    const scripted = this.nextCreditAnswers.shift();
    if (scripted) return scripted as never;
    const known = this.paid.get(credit.awardId);
    if (known) return { ok: true, result: known } as never;
    const balance = (BigInt((this.balances.get(credit.userId) ?? '0.00').replace('.', '')) + BigInt(credit.amount.replace('.', ''))).toString().padStart(3, '0');
    const after = `${balance.slice(0, -2)}.${balance.slice(-2)}`;
    this.balances.set(credit.userId, after);
    const result = { balance: after, currency: credit.currency, ledgerTransactionId: `lt-${credit.awardId}` };
    this.paid.set(credit.awardId, result);
    return { ok: true, result } as never;
  }
}

const promoWin = (change: Partial<AwardWinCommand> = {}): AwardWinCommand => ({
  caller: CALLER,
  kind: AwardKind.PromoWin,
  token: 'token-of-p1',
  userId: 'p1',
  gameId: '123',
  transactionId: `tx-${Math.random().toString(36).slice(2)}`,
  externalReferenceId: `ref-${Math.random().toString(36).slice(2)}`,
  amount: '10.00',
  currency: 'EUR',
  ...change,
});

describe('AwardsService on real PostgreSQL, the wallet scripted behind its port', () => {
  let database: Awaited<ReturnType<typeof createScratchPromotionsDatabase>>;
  let wallet: ScriptedWallet;
  let awards: AwardsService;
  const stateOf = async (transactionId: string) =>
    (await database.dataSource.query(`SELECT state, refusal_kind AS "refusalKind", credit_attempts AS attempts FROM awards WHERE transaction_id = $1`, [transactionId])) as unknown[];

  beforeAll(async () => {
    database = await createScratchPromotionsDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });
  beforeEach(() => {
    wallet = new ScriptedWallet();
    awards = new AwardsService(new AwardRepository(database.dataSource), wallet, { event: () => undefined });
  });

  it('given the wallet times out on the credit when awarded then the award stays crediting; the recovery pass pays it once and a retry is answered from the record', async () => {
    const command = promoWin();
    wallet.nextCreditAnswers.push({ ok: false, error: { kind: WalletErrorKind.Timeout, message: 'Timeout' } });
    expect(await awards.award(command)).toEqual({ ok: false, error: { kind: AwardErrorKind.Timeout, message: expect.any(String) } });
    expect(await stateOf(command.transactionId)).toEqual([{ state: 'crediting', refusalKind: null, attempts: 1 }]);

    // Too young for the pass: left to the request that recorded it.
    expect(await awards.recoverCrediting(new Date())).toBe(0);
    expect(await awards.recoverCrediting(new Date(Date.now() + AWARD_RECOVERY_MIN_AGE_MS + 1_000))).toBe(1);
    expect(await stateOf(command.transactionId)).toEqual([{ state: 'credited', refusalKind: null, attempts: 2 }]);

    const retry = await awards.award(command);
    expect(retry).toEqual({ ok: true, result: { balance: '110.00', currency: 'EUR', awardId: expect.stringMatching(/^award-\d+$/) } });
    expect(wallet.credits).toHaveLength(2);
    expect(new Set(wallet.credits.map((credit) => credit.awardId)).size).toBe(1);
    expect(wallet.balances.get('p1')).toBe('110.00');
    expect(await awards.recoverCrediting(new Date(Date.now() + AWARD_RECOVERY_MIN_AGE_MS + 1_000))).toBe(0);
  });

  it('given the wallet refuses the credit for good when awarded then the award is refused, and a retry gets the same answer without asking the wallet', async () => {
    const command = promoWin({ userId: 'p2', token: 'token-of-p2' });
    wallet.nextCreditAnswers.push({ ok: false, error: { kind: WalletErrorKind.CurrencyMismatch, message: 'Invalid currency' } });
    const first = await awards.award(command);
    expect(first).toEqual({ ok: false, error: { kind: AwardErrorKind.CurrencyMismatch, message: expect.any(String) } });
    expect(await awards.award(command)).toEqual({ ok: false, error: { kind: AwardErrorKind.CurrencyMismatch, message: expect.any(String) } });
    expect(wallet.credits).toHaveLength(1);
    expect(await stateOf(command.transactionId)).toEqual([{ state: 'refused', refusalKind: AwardErrorKind.CurrencyMismatch, attempts: 1 }]);
  });

  it('given ten identical awards at once then one award is recorded and every answer is the same single credit', async () => {
    const command = promoWin({ amount: '0.30' });
    const answers = await Promise.all(Array.from({ length: 10 }, () => awards.award(command)));
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(answers[0]).toMatchObject({ ok: true, result: { balance: '100.30' } });
    expect(await stateOf(command.transactionId)).toHaveLength(1);
    expect(new Set(wallet.credits.map((credit) => credit.awardId)).size).toBe(1);
    expect(wallet.balances.get('p1')).toBe('100.30');
  });

  it('given a duplicate recorded between its transaction look-up and its reference look-up then it is answered as that award, not as a reference conflict', async () => {
    const command = promoWin({ amount: '0.40' });
    const first = await awards.award(command);
    expect(first).toMatchObject({ ok: true });
    // The race of ten identical awards at once, made certain: this service's first look-up by
    // transaction misses the row a concurrent duplicate has just recorded.
    const repository = new AwardRepository(database.dataSource);
    const findByTransaction = repository.findByTransaction.bind(repository);
    let missed = false;
    repository.findByTransaction = async (platformId, transactionId) => {
      if (missed) return findByTransaction(platformId, transactionId);
      missed = true;
      return null;
    };
    const late = new AwardsService(repository, wallet, { event: () => undefined });
    expect(await late.award(command)).toEqual(first);
    expect(await stateOf(command.transactionId)).toHaveLength(1);
  });

  it('given ten awards at once with one reference and ten transaction ids then one is paid and nine are refused as a reference conflict', async () => {
    const externalReferenceId = `shared-${Math.random().toString(36).slice(2)}`;
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => awards.award(promoWin({ externalReferenceId, transactionId: `race-${i}-${externalReferenceId}` }))));
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
    expect(answers.filter((answer) => !answer.ok).map((answer) => (answer.ok ? null : answer.error.kind))).toEqual(Array(9).fill(AwardErrorKind.ReferenceConflict));
    expect(wallet.credits).toHaveLength(1);
  });

  it('given the wallet cannot answer the player facts then nothing is recorded and the answer says retry', async () => {
    const command = promoWin();
    wallet.factsAnswer = { ok: false, error: { kind: WalletErrorKind.Timeout, message: 'Timeout' } };
    expect(await awards.award(command)).toMatchObject({ ok: false, error: { kind: AwardErrorKind.Timeout } });
    expect(await stateOf(command.transactionId)).toEqual([]);
    expect(wallet.credits).toHaveLength(0);
  });

  it('given a /promoWin naming one of our granted free-round grants then the award is tied to its campaign, the credit names the campaign and the grant is played', async () => {
    const [campaign] = (await database.dataSource.query(
      `INSERT INTO campaigns (reference, name, provider, platform_id, kind, game_id, currency, rounds_count, bet_amount, valid_until, state, created_by)
       VALUES ('tie-test', 'Tie', 'choice-gaming', $1, 'freeRounds', '2', 'EUR', 10, 0.20, now() + interval '1 day', 'completed', 'test') RETURNING id::text AS id`,
      [CALLER.platformId],
    )) as Array<{ id: string }>;
    await database.dataSource.query(`INSERT INTO grant_batches (campaign_id, batch_number, state, grants_count) VALUES ($1, 1, 'granted', 1)`, [campaign?.id]);
    await database.dataSource.query(
      `INSERT INTO campaign_grants (campaign_id, grant_number, platform_id, player_id, external_reference_id, state, batch_id, added_by)
       SELECT $1, 1, $2, 'p1', 'tie-test.1', 'granted', id, 'test' FROM grant_batches WHERE campaign_id = $1`,
      [campaign?.id, CALLER.platformId],
    );
    const answer = await awards.award(promoWin({ externalReferenceId: 'tie-test.1', amount: '5.00' }));
    expect(answer.ok).toBe(true);
    expect(wallet.credits.map((credit) => credit.campaignCode)).toEqual(['tie-test']);
    expect(await database.dataSource.query(`SELECT state FROM campaign_grants WHERE external_reference_id = 'tie-test.1'`)).toEqual([{ state: 'played' }]);
    expect(await database.dataSource.query(`SELECT campaign_id::text AS id FROM awards WHERE external_reference_id = 'tie-test.1'`)).toEqual([{ id: campaign?.id }]);

    // Another player naming that grant is refused before anything is recorded.
    const thief = await awards.award(promoWin({ userId: 'p2', token: 'token-of-p2', externalReferenceId: 'tie-test.1' }));
    expect(thief).toMatchObject({ ok: false, error: { kind: AwardErrorKind.ReferenceConflict } });
  });

  it.each([
    ['an amount of 0.00', { amount: '0.00' }],
    ['a tournament win with a reference', { kind: AwardKind.TournamentWin }],
    ['a 7-digit game', { gameId: '1234567' }],
  ])('given %s then the command is refused as invalid and nothing is recorded', async (_case, change) => {
    const command = promoWin(change);
    expect(await awards.award(command)).toMatchObject({ ok: false, error: { kind: AwardErrorKind.InvalidCommand } });
    expect(await stateOf(command.transactionId)).toEqual([]);
  });
});
