import type { CurrencyCode } from '@wallet-platform/money';

export const PlayerStatus = { Active: 'active', Blocked: 'blocked', Inactive: 'inactive' } as const;
export type PlayerStatus = (typeof PlayerStatus)[keyof typeof PlayerStatus];

/** What a campaign needs to know of a player before granting: the wallet owns these facts. */
export interface PlayerFacts {
  readonly playerId: string;
  readonly status: PlayerStatus;
  readonly currency: CurrencyCode;
}

/**
 * The wallet's player facts, as a port: the lead wires it to the wallet; tests use
 * InMemoryPlayerFacts. A player absent from the answer is unknown to the wallet.
 */
export interface PlayerFactsPort {
  factsOf(platformId: string, playerIds: readonly string[]): Promise<ReadonlyMap<string, PlayerFacts>>;
}

/** The facts cannot be had now (the wallet unreachable, or not wired yet): nothing is added. */
export class PlayerFactsUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlayerFactsUnavailableError';
  }
}

/**
 * Until the lead wires the port to the wallet, the service refuses to add players rather than
 * guess their status: adding answers 503 `player_facts_unavailable`.
 */
export class UnwiredPlayerFacts implements PlayerFactsPort {
  async factsOf(): Promise<ReadonlyMap<string, PlayerFacts>> {
    throw new PlayerFactsUnavailableError('the wallet player-facts adapter is not wired in this build');
  }
}
