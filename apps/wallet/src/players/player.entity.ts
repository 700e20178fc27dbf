import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const PlayerStatus = { Active: 'active', Blocked: 'blocked' } as const;
export type PlayerStatus = (typeof PlayerStatus)[keyof typeof PlayerStatus];

/** A casino's player, unique per operator id and user id (the user id the platforms see). */
@Entity({ name: 'players' })
@Unique('players_operator_user_unique', ['operatorId', 'userId'])
export class PlayerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'operator_id', type: 'varchar', length: 20 })
  operatorId!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 70 })
  userId!: string;

  @Column({ name: 'user_name', type: 'varchar', length: 255 })
  userName!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100, nullable: true })
  displayName!: string | null;

  @Column({ name: 'country', type: 'varchar', length: 100 })
  country!: string;

  @Column({ name: 'currency', type: 'varchar', length: 4 })
  currency!: string;

  @Column({ name: 'player_group', type: 'varchar', length: 100, nullable: true })
  group!: string | null;

  @Column({ name: 'status', type: 'varchar', length: 10 })
  status!: PlayerStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
