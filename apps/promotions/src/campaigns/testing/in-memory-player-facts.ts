import type { PlayerFacts, PlayerFactsPort } from '../domain/player-facts.port';

/** The wallet's player facts for tests: whatever the test put in, per platform. */
export class InMemoryPlayerFacts implements PlayerFactsPort {
  private readonly players = new Map<string, PlayerFacts>();

  /** The wallet player id is `w-<playerId>` unless the test names one. */
  put(platformId: string, facts: Omit<PlayerFacts, 'walletPlayerId'> & { readonly walletPlayerId?: string }): void {
    this.players.set(`${platformId}|${facts.playerId}`, { ...facts, walletPlayerId: facts.walletPlayerId ?? `w-${facts.playerId}` });
  }

  async factsOf(platformId: string, playerIds: readonly string[]): Promise<ReadonlyMap<string, PlayerFacts>> {
    const found = new Map<string, PlayerFacts>();
    for (const playerId of playerIds) {
      const facts = this.players.get(`${platformId}|${playerId}`);
      if (facts !== undefined) found.set(playerId, facts);
    }
    return found;
  }
}
