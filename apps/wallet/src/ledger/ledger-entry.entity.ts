import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One leg of a ledger transaction: a signed amount on one account, and that account's balance after it. */
@Entity({ name: 'ledger_entries' })
export class LedgerEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'transaction_id', type: 'uuid' })
  transactionId!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  /** Signed decimal string: credit positive, debit negative. */
  @Column({ name: 'amount', type: 'numeric', precision: 18, scale: 2 })
  amount!: string;

  /** The account's balance right after this entry; null on house accounts (no stored balance). */
  @Column({ name: 'balance_after', type: 'numeric', precision: 18, scale: 2, nullable: true })
  balanceAfter!: string | null;
}
