import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { aggregatorUsernameFor } from '@wallet-platform/aggregator-client';
import type { TransferAggregator } from '../../transfers/transfer-aggregators';

/** A casino player's name at an aggregator: derived (aggregatorUsernameFor), so no table is read but `players`. */
@Injectable()
export class AggregatorPlayersStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** 404 `player_not_found` unless the player exists. */
  async usernameAt(aggregator: TransferAggregator, playerId: string): Promise<string> {
    const rows = (await this.dataSource.query(`SELECT operator_id AS "operatorId" FROM players WHERE id = $1`, [playerId])) as Array<{ operatorId: string }>;
    const player = rows[0];
    if (!player) throw new NotFoundException({ error: 'player_not_found', message: `no player ${playerId}` });
    return aggregatorUsernameFor(aggregator.usernamePrefix, player.operatorId, playerId);
  }
}
