import { WalletCommandType, type CancelTransactionCommand, type ChangeBalanceCommand } from '@wallet-platform/contracts';
import { AMOUNT_SCALE, Money, currencyCodeOf } from '@wallet-platform/money';
import { decidePlay, type MoneyReply } from './play-decision';
import { accountKey, houseKey, playerKey, playerRoundKey, transactionKey, type PlayState } from './play-state';
import type { PlayWrites } from './play-writes';
import type { MoneyCommand } from './money-command';

const eur = (literal: string) => Money.parseOrThrow(literal, AMOUNT_SCALE, currencyCodeOf('EUR'));
const caller = { platformId: 'p1', operatorId: 'op1' };
const NOW = new Date('2026-12-01T12:00:00Z');

/**
 * A small in-memory "database" of one platform: two players (alice 100.00, bob 5.00, bob with a
 * daily wager limit of 20.00), a session each, and whatever earlier decisions wrote into it.
 * `state()` reads it the way play-store.ts does, so a decision made one command at a time sees
 * exactly what the database would hold after the previous command committed.
 */
class FakeLedgerDatabase {
  balances = new Map<string, Money>([
    ['acc-alice', eur('100.00')],
    ['acc-bob', eur('5.00')],
  ]);
  versions = new Map<string, bigint>([
    ['acc-alice', 0n],
    ['acc-bob', 0n],
  ]);
  transactions = new Map<string, PlayState['transactions'] extends Map<string, infer T> ? T : never>();
  totals = new Map<string, { wagered: Money; netLoss: Money }>();
  /** `playerRoundKey`s with an applied BET, as the read's partial index finds them. */
  betRounds = new Set<string>();
  entries: PlayWrites['ledgerEntries'] = [];
  private ids = 0;

  state(): PlayState {
    const account = (id: string) => ({ id, balance: this.balances.get(id) as Money, version: this.versions.get(id) as bigint, fence: 0n });
    return {
      now: NOW,
      players: new Map([
        [playerKey('op1', 'alice'), { id: 'alice-id', operatorId: 'op1', userId: 'alice', currency: 'EUR', blocked: false }],
        [playerKey('op1', 'bob'), { id: 'bob-id', operatorId: 'op1', userId: 'bob', currency: 'EUR', blocked: false }],
      ]),
      playerAccounts: new Map([
        [accountKey('alice-id', 'EUR'), account('acc-alice')],
        [accountKey('bob-id', 'EUR'), account('acc-bob')],
      ]),
      houseAccounts: new Map([[houseKey('op1', 'EUR', 'game-play:p1'), 'house-p1']]),
      transactions: new Map([...this.transactions].map(([key, value]) => [key, { ...value }])),
      promotionCredits: new Map(),
      sessions: new Map([
        ['tokenalice0000000000', { playerId: 'alice-id', operatorId: 'op1', gameId: null, expiresAt: new Date('2026-12-02T00:00:00Z'), revoked: false }],
        ['tokenbob000000000000', { playerId: 'bob-id', operatorId: 'op1', gameId: null, expiresAt: new Date('2026-12-02T00:00:00Z'), revoked: false }],
      ]),
      games: new Map(),
      limits: new Map([['bob-id', { dailyWagerLimit: eur('20.00'), dailyLossLimit: null }]]),
      dailyTotals: new Map([...this.totals].map(([key, value]) => [key, { ...value }])),
      roundsWithBet: new Set(this.betRounds),
    };
  }

  newId = () => `id-${++this.ids}`;

  /** What play-store.ts's writePlay does, in memory. */
  commit(writes: PlayWrites): void {
    for (const [id, update] of writes.accountUpdates) {
      expect(this.versions.get(id)).toBe(update.expectedVersion);
      this.balances.set(id, update.balance);
      this.versions.set(id, update.expectedVersion + 1n);
    }
    this.entries.push(...writes.ledgerEntries);
    for (const row of writes.insertedTransactions) {
      if (row.type === 'BET' && row.ledgerTransactionId !== null) this.betRounds.add(playerRoundKey(row.platformId, row.operatorId, row.roundId as string, row.userId));
      this.transactions.set(transactionKey(row.platformId, row.operatorId, row.transactionId), {
        id: `row-${row.transactionId}`,
        userId: row.userId,
        playerId: row.playerId,
        type: row.type,
        amount: row.amount,
        currency: row.currency,
        gameId: row.gameId,
        roundId: row.roundId,
        status: row.status,
        errorKind: row.errorKind,
        balanceAfter: row.balanceAfter,
        reason: row.reason,
        campaignCode: row.campaignCode,
      });
    }
    for (const canceled of writes.canceledTransactions) {
      const row = [...this.transactions.values()].find((known) => known.id === canceled.id);
      expect(row?.status).toBe(canceled.fromStatus);
      if (row) row.status = 'CANCELED';
    }
    for (const [key, change] of writes.dailyTotals) {
      const today = this.totals.get(key) ?? { wagered: eur('0'), netLoss: eur('0') };
      this.totals.set(key, { wagered: today.wagered.add(change.wagered), netLoss: today.netLoss.add(change.netLoss) });
    }
  }
}

function change(userId: string, type: 'BET' | 'WIN' | 'REFUND', transactionId: string, amount: string, overrides: Partial<ChangeBalanceCommand> = {}): MoneyCommand {
  const command: ChangeBalanceCommand = {
    caller,
    userId,
    token: type === 'BET' ? `token${userId}`.padEnd(20, '0') : null,
    type,
    transactionId,
    roundId: '1',
    roundFinished: false,
    gameId: '200',
    currency: 'EUR',
    amount,
    transactionTimestamp: '2026-12-01 12:00:00',
    rake: null,
    reason: 'SPIN',
    ...overrides,
  };
  return { type: WalletCommandType.ChangeBalance, command, amount: Money.parseOrThrow(command.amount, AMOUNT_SCALE, currencyCodeOf(command.currency)) };
}

function cancel(userId: string, transactionId: string): MoneyCommand {
  const command: CancelTransactionCommand = { caller, userId, transactionId, roundId: '1', roundFinished: true, gameId: '200' };
  return { type: WalletCommandType.CancelTransaction, command };
}

/** The certification checklist's money scenarios, two players interleaved, in one batch. */
const mixedBatch: MoneyCommand[] = [
  change('alice', 'BET', '1', '10.00'), // alice 90.00
  change('bob', 'BET', '2', '4.00'), // bob 1.00
  change('alice', 'WIN', '3', '25.50'), // alice 115.50
  change('alice', 'BET', '1', '10.00'), // identical retry: the stored answer, applied once
  change('bob', 'BET', '4', '3.00'), // refused: insufficient funds (1.00), recorded as ERROR
  change('bob', 'BET', '4', '3.00'), // its retry: the same refusal
  change('alice', 'BET', '3', '1.00'), // the WIN's id with other data: OP_40
  cancel('alice', '1'), // the BET reversed: alice 125.50
  cancel('alice', '1'), // canceled twice: still canceled, nothing moves
  change('bob', 'WIN', '5', '0.00'), // a losing round's WIN 0: nothing moves
  cancel('bob', '99'), // a cancel before its transaction: not found, remembered
  change('bob', 'BET', '99', '1.00'), // the late original: refused for good
  change('bob', 'REFUND', '6', '2.00', { roundFinished: true }), // bob 3.00
  cancel('bob', '4'), // the refused BET canceled: canceled, nothing moves
  change('bob', 'BET', '7', '14.00'), // bob: 4.00 + 14.00 over the 20.00 wager limit? no: 18.00, but only 3.00 in the account
  change('bob', 'BET', '8', '2.50'), // bob 0.50; wagered 6.50 today
  change('nobody', 'BET', '9', '1.00'), // unknown player
  change('alice', 'WIN', '10', '1.00', { currency: 'USD' }), // a credit in another currency is refused
];

const expectedAnswers = [
  { ok: true, balance: '90.00' },
  { ok: true, balance: '1.00' },
  { ok: true, balance: '115.50' },
  { ok: true, balance: '90.00' },
  { ok: false, kind: 'INSUFFICIENT_FUNDS' },
  { ok: false, kind: 'INSUFFICIENT_FUNDS' },
  { ok: false, kind: 'DUPLICATE_TRANSACTION' },
  { ok: true, status: 'CANCELED' },
  { ok: true, status: 'CANCELED' },
  { ok: true, balance: '1.00' },
  { ok: false, kind: 'TRANSACTION_NOT_FOUND' },
  { ok: false, kind: 'OPERATION_FAILED' },
  { ok: true, balance: '3.00' },
  { ok: true, status: 'CANCELED' },
  { ok: false, kind: 'INSUFFICIENT_FUNDS' },
  { ok: true, balance: '0.50' },
  { ok: false, kind: 'PLAYER_NOT_FOUND' },
  { ok: false, kind: 'CURRENCY_MISMATCH' },
];

function summary(reply: MoneyReply): Record<string, unknown> {
  if (!reply.ok) return { ok: false, kind: reply.error.kind };
  return 'balance' in reply.result ? { ok: true, balance: reply.result.balance } : { ok: true, status: reply.result.status };
}

describe('the batch decision of money commands', () => {
  it('answers a mixed batch of two players exactly as the certification checklist expects', () => {
    const database = new FakeLedgerDatabase();
    const { replies, writes } = decidePlay(database.state(), mixedBatch, database.newId);
    expect(replies.map(summary)).toEqual(expectedAnswers);
    database.commit(writes);
    expect(database.balances.get('acc-alice')?.toDecimalString()).toBe('125.50');
    expect(database.balances.get('acc-bob')?.toDecimalString()).toBe('0.50');
  });

  it('gives exactly the answers, balances and rows of processing the commands one by one', () => {
    const batched = new FakeLedgerDatabase();
    const batch = decidePlay(batched.state(), mixedBatch, batched.newId);
    batched.commit(batch.writes);

    const oneByOne = new FakeLedgerDatabase();
    const answers = mixedBatch.map((command) => {
      const single = decidePlay(oneByOne.state(), [command], oneByOne.newId);
      oneByOne.commit(single.writes);
      return single.replies[0];
    });

    expect(batch.replies).toEqual(answers);
    expect(batched.balances).toEqual(oneByOne.balances);
    expect([...batched.transactions.entries()].map(([key, row]) => [key, row.status, row.errorKind, row.balanceAfter])).toEqual(
      [...oneByOne.transactions.entries()].map(([key, row]) => [key, row.status, row.errorKind, row.balanceAfter]),
    );
    expect(batched.totals).toEqual(oneByOne.totals);
    expect(batched.entries.map((entry) => [entry.accountId, entry.amount, entry.balanceAfter])).toEqual(
      oneByOne.entries.map((entry) => [entry.accountId, entry.amount, entry.balanceAfter]),
    );
  });

  it('writes one balanced posting per applied transaction and one per reversal, with no entry for zero', () => {
    const database = new FakeLedgerDatabase();
    const { writes } = decidePlay(database.state(), mixedBatch, database.newId);
    // Applied: BET 1, BET 2, WIN 3, WIN 5 (zero), REFUND 6, BET 8, and the cancel of BET 1.
    expect(writes.ledgerTransactions.map((row) => row.kind)).toEqual(['bet', 'bet', 'win', 'cancel-bet', 'win', 'refund', 'bet']);
    const byTransaction = new Map<string, Money>();
    for (const entry of writes.ledgerEntries) {
      byTransaction.set(entry.transactionId, (byTransaction.get(entry.transactionId) ?? eur('0')).add(eur(entry.amount)));
    }
    expect([...byTransaction.values()].every((sum) => sum.isZero())).toBe(true);
    expect(writes.ledgerEntries).toHaveLength(2 * 6); // the WIN of 0 has none
    expect(writes.events.map((event) => event.eventType)).toEqual([
      'game-transaction.applied',
      'game-transaction.applied',
      'game-transaction.applied',
      'game-transaction.canceled',
      'game-transaction.applied',
      'game-transaction.applied',
      'game-transaction.applied',
    ]);
  });

  it('inserts a BET and its cancel of the same batch as one canceled row', () => {
    const database = new FakeLedgerDatabase();
    const { writes } = decidePlay(database.state(), [change('alice', 'BET', '1', '10.00'), cancel('alice', '1')], database.newId);
    expect(writes.insertedTransactions).toHaveLength(1);
    expect(writes.insertedTransactions[0]).toMatchObject({ status: 'CANCELED', canceled: true, balanceAfter: '90.00' });
    expect(writes.insertedTransactions[0].cancelLedgerTransactionId).toBe(writes.ledgerTransactions[1].id);
    expect(writes.canceledTransactions).toHaveLength(0);
    expect(writes.accountUpdates.get('acc-alice')?.balance.toDecimalString()).toBe('100.00');
  });

  it('refuses the cancel of a WIN the player has spent, and moves nothing', () => {
    const database = new FakeLedgerDatabase();
    const { replies, writes } = decidePlay(
      database.state(),
      [change('bob', 'WIN', '1', '10.00'), change('bob', 'BET', '2', '15.00'), cancel('bob', '1')],
      database.newId,
    );
    expect(replies.map(summary)).toEqual([{ ok: true, balance: '15.00' }, { ok: true, balance: '0.00' }, { ok: false, kind: 'OPERATION_FAILED' }]);
    expect(writes.ledgerTransactions).toHaveLength(2);
  });

  it('keeps the daily wager limit across the commands of one batch', () => {
    const database = new FakeLedgerDatabase();
    database.balances.set('acc-bob', eur('100.00'));
    const { replies } = decidePlay(
      database.state(),
      [change('bob', 'BET', '1', '12.00'), change('bob', 'BET', '2', '8.00'), change('bob', 'BET', '3', '0.01')],
      database.newId,
    );
    expect(replies.map(summary)).toEqual([{ ok: true, balance: '88.00' }, { ok: true, balance: '80.00' }, { ok: false, kind: 'LIMIT_REACHED' }]);
  });

  it('refuses for good a WIN the ledger cannot hold, instead of failing on every retry', () => {
    const database = new FakeLedgerDatabase();
    database.balances.set('acc-alice', eur('9999999999999999.00'));
    const { replies, writes } = decidePlay(database.state(), [change('alice', 'WIN', '1', '1.00')], database.newId);
    expect(replies.map(summary)).toEqual([{ ok: false, kind: 'OPERATION_FAILED' }]);
    expect(writes.insertedTransactions[0]).toMatchObject({ status: 'ERROR', errorKind: 'OPERATION_FAILED' });
    expect(writes.accountUpdates.size).toBe(0);
  });

  it('carries the platform context into the row and the event', () => {
    const database = new FakeLedgerDatabase();
    const { writes } = decidePlay(
      database.state(),
      [change('alice', 'WIN', '1', '3.00', { reason: 'PROMO-FREESPIN', campaignCode: 'SPRING', historyId: 'h-1', ticketId: '12345678901234567890' })],
      database.newId,
    );
    expect(writes.insertedTransactions[0]).toMatchObject({ reason: 'PROMO-FREESPIN', campaignCode: 'SPRING', historyId: 'h-1', ticketId: '12345678901234567890' });
    expect(writes.events[0]).toMatchObject({ reason: 'PROMO-FREESPIN', campaignCode: 'SPRING', vendor: null, platformCreatedAt: '2026-12-01 12:00:00' });
  });

  describe('a WIN without a BET in its round', () => {
    const flags = (writes: PlayWrites) => writes.insertedTransactions.map((row) => [row.transactionId, row.winWithoutBet]);

    it('is paid, and recorded as such', () => {
      const database = new FakeLedgerDatabase();
      const { replies, writes } = decidePlay(database.state(), [change('alice', 'WIN', '1', '500.00', { roundId: '77' })], database.newId);
      expect(replies.map(summary)).toEqual([{ ok: true, balance: '600.00' }]);
      expect(flags(writes)).toEqual([['1', true]]);
    });

    it('is not flagged after the player’s BET in the same round, in an earlier batch or in the same one', () => {
      const database = new FakeLedgerDatabase();
      const earlier = decidePlay(database.state(), [change('alice', 'BET', '1', '10.00', { roundId: '77' })], database.newId);
      database.commit(earlier.writes);
      const later = decidePlay(database.state(), [change('alice', 'WIN', '2', '20.00', { roundId: '77' })], database.newId);
      expect(flags(later.writes)).toEqual([['2', false]]);

      const same = decidePlay(database.state(), [change('alice', 'BET', '3', '1.00', { roundId: '78' }), change('alice', 'WIN', '4', '2.00', { roundId: '78' })], database.newId);
      expect(flags(same.writes)).toEqual([
        ['3', false],
        ['4', false],
      ]);
    });

    it('is flagged when the round’s BET was refused, or was another player’s', () => {
      const database = new FakeLedgerDatabase();
      const { writes } = decidePlay(
        database.state(),
        [
          change('bob', 'BET', '1', '50.00', { roundId: '80' }), // refused: bob has 5.00
          change('bob', 'WIN', '2', '60.00', { roundId: '80' }),
          change('alice', 'BET', '3', '1.00', { roundId: '81' }),
          change('bob', 'WIN', '4', '7.00', { roundId: '81' }),
        ],
        database.newId,
      );
      expect(flags(writes)).toEqual([
        ['1', false],
        ['2', true],
        ['3', false],
        ['4', true],
      ]);
    });

    it('a REFUND or a refused WIN is never flagged: only a paid WIN is', () => {
      const database = new FakeLedgerDatabase();
      const { writes } = decidePlay(
        database.state(),
        [change('alice', 'REFUND', '1', '1.00', { roundId: '90' }), change('alice', 'WIN', '2', '1.00', { roundId: '91', currency: 'USD' })],
        database.newId,
      );
      expect(flags(writes)).toEqual([
        ['1', false],
        ['2', false],
      ]);
    });
  });
});
