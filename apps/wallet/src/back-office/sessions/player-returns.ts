/**
 * "The player comes back": before a game launch elsewhere, the player's session at a
 * transfer-wallet aggregator is ended and its money withdrawn (aggregator-sessions provides it;
 * absent when no aggregator module is loaded).
 */
export const PLAYER_RETURNS = Symbol('PLAYER_RETURNS');

export interface PlayerReturns {
  playerReturned(playerId: string): Promise<unknown>;
}
