import type { DataSource, EntityManager } from 'typeorm';
import { AMOUNT_SCALE, Money, currencyCodeOf } from '@wallet-platform/money';
import { createScratchWalletDatabase } from '../testing/scratch-wallet-database';
import { openHouseAccount, openPlayerAccount } from './accounts';
import { HouseAccountPurpose, PostingKind } from './ledger-kinds';
import { checkLedgerInvariants } from './ledger-invariants';
import { InsufficientFundsError, postLedgerTransaction, StaleWriterError } from './ledger-posting';

const eur = (literal: string) => Money.parseOrThrow(literal, AMOUNT_SCALE, currencyCodeOf('EUR'));

/** The ledger's last guards, on a real PostgreSQL: balance, fences, idempotency, invariants. */
describe('ledger posting and invariants on PostgreSQL', () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  let playerAccountId: string;
  let houseAccountId: string;

  beforeAll(async () => {
    ({ dataSource, drop } = await createScratchWalletDatabase());
    const [player] = await dataSource.query(
      `INSERT INTO players (operator_id, user_id, user_name, country, currency, status) VALUES ('op', 'u1', 'u1', 'DE', 'EUR', 'active') RETURNING id`,
    );
    playerAccountId = await openPlayerAccount(dataSource.manager, { playerId: player.id, operatorId: 'op', currency: 'EUR' });
    houseAccountId = await openHouseAccount(dataSource.manager, { operatorId: 'op', currency: 'EUR', purpose: HouseAccountPurpose.Adjustments });
  });

  afterAll(async () => {
    await drop();
  });

  const move = (manager: EntityManager, key: string, playerAmount: string, fence: bigint) =>
    postLedgerTransaction(
      manager,
      {
        idempotencyKey: key,
        kind: PostingKind.Adjustment,
        currency: 'EUR',
        legs: [
          { accountId: playerAccountId, accountKind: 'player', amount: eur(playerAmount) },
          { accountId: houseAccountId, accountKind: 'house', amount: eur(playerAmount).negate() },
        ],
      },
      fence,
    );

  it('credits and debits with the balance after each posting', async () => {
    const credited = await dataSource.transaction((manager) => move(manager, 'k1', '10.00', 1n));
    expect(credited.playerBalancesAfter.get(playerAccountId)).toBe('10.00');
    const debited = await dataSource.transaction((manager) => move(manager, 'k2', '-3.50', 1n));
    expect(debited.playerBalancesAfter.get(playerAccountId)).toBe('6.50');
  });

  it('refuses to take a player below zero and writes nothing', async () => {
    await expect(dataSource.transaction((manager) => move(manager, 'k3', '-6.51', 2n))).rejects.toBeInstanceOf(InsufficientFundsError);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM ledger_transactions WHERE idempotency_key = 'k3'`)).toEqual([{ n: 0 }]);
  });

  it('refuses a writer whose fence is older than the last writer’s', async () => {
    await dataSource.transaction((manager) => move(manager, 'k4', '1.00', 5n));
    await expect(dataSource.transaction((manager) => move(manager, 'k5', '1.00', 4n))).rejects.toBeInstanceOf(StaleWriterError);
  });

  it('refuses the same idempotency key twice (the database is the last guard)', async () => {
    await expect(dataSource.transaction((manager) => move(manager, 'k4', '1.00', 6n))).rejects.toThrow(/ledger_transactions_idempotency_unique/);
  });

  it('refuses an unbalanced posting before writing anything', async () => {
    await expect(
      dataSource.transaction((manager) =>
        postLedgerTransaction(
          manager,
          {
            idempotencyKey: 'k6',
            kind: PostingKind.Adjustment,
            currency: 'EUR',
            legs: [
              { accountId: playerAccountId, accountKind: 'player', amount: eur('1.00') },
              { accountId: houseAccountId, accountKind: 'house', amount: eur('-0.99') },
            ],
          },
          7n,
        ),
      ),
    ).rejects.toThrow(/does not balance/);
  });

  it('finds the ledger sound, and finds it broken when a balance is tampered with', async () => {
    const sound = await dataSource.transaction('REPEATABLE READ', (manager) => checkLedgerInvariants(manager));
    expect(sound.ok).toBe(true);
    expect(sound.playerAccountsChecked).toBe(1);

    await dataSource.query(`UPDATE accounts SET balance = balance + 0.01 WHERE id = $1`, [playerAccountId]);
    await dataSource.query(`INSERT INTO ledger_transactions (idempotency_key, kind, currency) VALUES ('broken', 'test', 'EUR')`);
    await dataSource.query(
      `INSERT INTO ledger_entries (transaction_id, account_id, amount) SELECT id, $1, 5.00 FROM ledger_transactions WHERE idempotency_key = 'broken'`,
      [houseAccountId],
    );
    const broken = await dataSource.transaction('REPEATABLE READ', (manager) => checkLedgerInvariants(manager));
    expect(broken.ok).toBe(false);
    expect(broken.violations.balanceNotSumOfEntries.count).toBe(1);
    expect(broken.violations.lastBalanceAfterMismatch.count).toBe(1);
    expect(broken.violations.transactionNotBalanced.examples).toEqual([expect.objectContaining({ entriesSum: '5.00' })]);
  });
});
