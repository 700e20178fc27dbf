import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One game launch: the token the platform sends back, bound to a player, an operator and a game.
 * A session is usable while not revoked and not expired.
 */
@Entity({ name: 'game_sessions' })
export class GameSessionEntity {
  @PrimaryColumn({ name: 'token', type: 'varchar', length: 50 })
  token!: string;

  @Column({ name: 'player_id', type: 'uuid' })
  playerId!: string;

  @Column({ name: 'operator_id', type: 'varchar', length: 20 })
  operatorId!: string;

  /** Platform game id (INT 6 in the protocol), kept as digits. */
  @Column({ name: 'game_id', type: 'varchar', length: 6 })
  gameId!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  isUsableAt(now: Date): boolean {
    return this.revokedAt === null && this.expiresAt.getTime() > now.getTime();
  }
}
