import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One balanced movement of money. Its entries sum to zero; its idempotency key is unique. */
@Entity({ name: 'ledger_transactions' })
export class LedgerTransactionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, unique: true })
  idempotencyKey!: string;

  /** What the movement is: `deposit`, `bet`, `win`, ... */
  @Column({ name: 'kind', type: 'varchar', length: 30 })
  kind!: string;

  @Column({ name: 'currency', type: 'varchar', length: 4 })
  currency!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
