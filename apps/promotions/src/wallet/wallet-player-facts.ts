import { PLAYER_FACTS_USERS_MAX, WalletCommandType, WalletPlayerStatus, type WalletCommands, type WalletReply } from '@wallet-platform/contracts';
import { isCurrencyCode } from '@wallet-platform/money';
import { PlayerFactsUnavailableError, PlayerStatus, type PlayerFacts, type PlayerFactsPort } from '../campaigns/domain/player-facts.port';
import type { PlatformOperators } from './platform-operators';

/** The wallet's command call, as this adapter needs it (libs/wallet-client's WalletClient). */
export interface PlayerFactsWallet {
  call<T extends typeof WalletCommandType.PlayerFacts>(type: T, operatorId: string, userId: string, command: WalletCommands[T]['command']): Promise<WalletReply<WalletCommands[T]['result']>>;
}

/**
 * The campaigns' player facts, from the wallet (`wallet.player-facts`), asked in chunks of
 * PLAYER_FACTS_USERS_MAX. Any chunk unanswered fails the whole add (nothing is added, the
 * back office retries): a player is never granted on a guess.
 */
export class WalletPlayerFacts implements PlayerFactsPort {
  constructor(
    private readonly wallet: PlayerFactsWallet,
    private readonly operators: PlatformOperators,
  ) {}

  async factsOf(platformId: string, playerIds: readonly string[]): Promise<ReadonlyMap<string, PlayerFacts>> {
    const operatorId = this.operators.get(platformId);
    if (operatorId === undefined) throw new PlayerFactsUnavailableError(`no operator is configured for platform ${platformId} (PLATFORM_REGISTRY)`);
    const found = new Map<string, PlayerFacts>();
    for (let start = 0; start < playerIds.length; start += PLAYER_FACTS_USERS_MAX) {
      const userIds = playerIds.slice(start, start + PLAYER_FACTS_USERS_MAX);
      // One chunk's key: its first player's (a read, so the partition only spreads the load).
      const reply = await this.wallet.call(WalletCommandType.PlayerFacts, operatorId, userIds[0] as string, { caller: { platformId, operatorId }, userIds, token: null });
      if (!reply.ok) throw new PlayerFactsUnavailableError(`the wallet did not answer player facts (${reply.error.kind})`);
      for (const player of reply.result.players) {
        if (!isCurrencyCode(player.currency)) continue;
        found.set(player.userId, { playerId: player.userId, status: player.status === WalletPlayerStatus.Active ? PlayerStatus.Active : PlayerStatus.Blocked, currency: player.currency, walletPlayerId: player.playerId });
      }
    }
    return found;
  }
}
