import type { CampaignTerms, FreeRoundsProviderName } from './campaign';

/** One player's grant as a provider sees it. */
export interface GrantToSend {
  readonly playerId: string;
  readonly externalReferenceId: string;
}

/**
 * What one provider call decided for every grant in it. `rejected` is final and keeps the
 * provider's own code; `unknown` means no decision could be read (the provider may have granted):
 * the same grants are sent again later, with the same references.
 */
export type ProviderGrantOutcome =
  | { readonly kind: 'granted'; readonly providerReference: string | null }
  | { readonly kind: 'rejected'; readonly providerCode: string; readonly message: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * A free-rounds provider, as campaigns see it. Campaign logic knows only this: Choice Gaming's
 * service API is one adapter (providers/), the aggregator's free-round create/get/cancel the next.
 *
 * Contract: `planBatches` splits grants into calls the provider accepts (a provider that takes one
 * player per call returns one batch per grant), keeping order and leaving none out. `grant` must be
 * idempotent on the externalReferenceIds: sending the same batch again is the same grants.
 */
export interface FreeRoundsProvider {
  readonly name: FreeRoundsProviderName;
  planBatches(grants: readonly GrantToSend[]): GrantToSend[][];
  grant(campaign: CampaignTerms, batch: readonly GrantToSend[], batchLabel: string): Promise<ProviderGrantOutcome>;
}

/** Finds the adapter of a campaign's provider and platform; null when none is configured. */
export interface FreeRoundsProviders {
  providerFor(provider: FreeRoundsProviderName, platformId: string): FreeRoundsProvider | null;
}
