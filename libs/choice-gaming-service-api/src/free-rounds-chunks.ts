import { playerListsShare, type FreeRoundsPlayer } from './free-rounds-request';
import { PLAYER_LISTS_JSON_LENGTH_MAX } from './service-api-limits';

/**
 * Splits players into as few requests as the 20,000-character rule allows, in their order: each
 * chunk's two lists together stay within `listsLengthMax` (see PLAYER_LISTS_JSON_LENGTH_MAX for
 * how they are counted). Greedy filling is optimal here: a chunk only closes when the next player
 * would not fit. A player alone always fits (2 × 100 characters, even fully escaped, is far below).
 */
export function chunkPlayers(players: readonly FreeRoundsPlayer[], listsLengthMax: number = PLAYER_LISTS_JSON_LENGTH_MAX): FreeRoundsPlayer[][] {
  const chunks: FreeRoundsPlayer[][] = [];
  let current: FreeRoundsPlayer[] = [];
  // `[]` and `[]` are 4 characters; each player after the first adds a comma to each list.
  let length = 4;
  for (const player of players) {
    const share = playerListsShare(player) + (current.length === 0 ? 0 : 2);
    if (current.length > 0 && length + share > listsLengthMax) {
      chunks.push(current);
      current = [];
      length = 4;
      length += playerListsShare(player);
    } else {
      length += share;
    }
    if (length > listsLengthMax) throw new RangeError(`player ${player.playerId} alone is over ${listsLengthMax} characters`);
    current.push(player);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
