import type { CurrencyCode } from '@wallet-platform/money';

export const PlayerStatus = { Active: 'active', Blocked: 'blocked', Inactive: 'inactive' } as const;
export type PlayerStatus = (typeof PlayerStatus)[keyof typeof PlayerStatus];

/** What a campaign needs to know of a player before granting: the wallet owns these facts. */
export interface PlayerFacts {
  readonly playerId: string;
  readonly status: PlayerStatus;
  readonly currency: CurrencyCode;
  /** The wallet's own id of the player: an aggregator username is derived from it (aggregatorUsernameFor). */
  readonly walletPlayerId: string;
}

/**
 * The wallet's player facts, as a port: wallet/wallet-player-facts.ts asks the wallet; tests use
 * InMemoryPlayerFacts. A player absent from the answer is unknown to the wallet.
 */
export interface PlayerFactsPort {
  factsOf(platformId: string, playerIds: readonly string[]): Promise<ReadonlyMap<string, PlayerFacts>>;
}

/** The facts cannot be had now (the wallet unreachable, the platform's operator not configured): nothing is added. */
export class PlayerFactsUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlayerFactsUnavailableError';
  }
}
