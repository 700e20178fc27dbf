import type { CurrencyCode, Money } from '@wallet-platform/money';

/** Which provider adapter grants a campaign: Choice Gaming's service API, or a transfer-wallet aggregator's free rounds. */
export const FreeRoundsProviderName = { ChoiceGaming: 'choice-gaming', Aggregator: 'aggregator' } as const;
export type FreeRoundsProviderName = (typeof FreeRoundsProviderName)[keyof typeof FreeRoundsProviderName];

/** How the bet is named to the provider; Choice Gaming has two actions, another provider may map both to one call. */
export const FreeRoundsKind = { FreeRounds: 'freeRounds', FreeRoundsByBet: 'freeRoundsByBet' } as const;
export type FreeRoundsKind = (typeof FreeRoundsKind)[keyof typeof FreeRoundsKind];

/**
 * draft: players can be added; granting: a grant run has started (players can still be added and
 * are granted by the next run); completed: every grant decided (granted, rejected or skipped);
 * canceled: no more grants are sent.
 */
export const CampaignState = { Draft: 'draft', Granting: 'granting', Completed: 'completed', Canceled: 'canceled' } as const;
export type CampaignState = (typeof CampaignState)[keyof typeof CampaignState];

/** What a provider needs to know of a campaign to grant it. */
export interface CampaignTerms {
  readonly reference: string;
  readonly provider: FreeRoundsProviderName;
  readonly platformId: string;
  readonly kind: FreeRoundsKind;
  readonly gameId: string;
  readonly roundsCount: number;
  /** The bet of one round, DECIMAL(18,2), in the campaign currency. */
  readonly bet: Money;
  readonly validUntil: Date;
}

export interface Campaign extends CampaignTerms {
  readonly id: string;
  readonly name: string;
  readonly currency: CurrencyCode;
  readonly state: CampaignState;
  readonly createdAt: Date;
  readonly createdBy: string;
}

/** Why a player was not sent: decided from the wallet's facts, before anything goes out. */
export const SkipReason = {
  UnknownPlayer: 'unknown-player',
  Blocked: 'blocked',
  Inactive: 'inactive',
  CurrencyMismatch: 'currency-mismatch',
} as const;
export type SkipReason = (typeof SkipReason)[keyof typeof SkipReason];
