import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const AccountKind = {
  /** A player's money in one currency. Stored balance, never below zero (CHECK). */
  Player: 'player',
  /**
   * The casino's side of player transactions (cashier, game play per provider). Its balance is the
   * sum of its entries and is not stored on the row: a stored balance would be one hot row that
   * every player's transaction updates, serializing the whole wallet on it.
   */
  House: 'house',
} as const;
export type AccountKind = (typeof AccountKind)[keyof typeof AccountKind];

@Entity({ name: 'accounts' })
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'kind', type: 'varchar', length: 10 })
  kind!: AccountKind;

  @Column({ name: 'operator_id', type: 'varchar', length: 20 })
  operatorId!: string;

  @Column({ name: 'currency', type: 'varchar', length: 4 })
  currency!: string;

  @Column({ name: 'player_id', type: 'uuid', nullable: true })
  playerId!: string | null;

  /** For house accounts: what the account is for, e.g. `cashier` or `provider:<platform id>`. */
  @Column({ name: 'house_purpose', type: 'varchar', length: 100, nullable: true })
  housePurpose!: string | null;

  /** Decimal string (numeric(18,2)); null for house accounts. */
  @Column({ name: 'balance', type: 'numeric', precision: 18, scale: 2, nullable: true })
  balance!: string | null;

  /** Bumped by every balance update; updates are conditional on it (optimistic check). */
  @Column({ name: 'version', type: 'bigint', default: 0 })
  version!: string;

  /** Highest lock fencing number that wrote this row; a lower one is a stale lock holder. */
  @Column({ name: 'fence', type: 'bigint', default: 0 })
  fence!: string;
}
