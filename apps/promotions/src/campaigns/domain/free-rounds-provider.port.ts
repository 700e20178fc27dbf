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
 * The batch was handed to the provider before (an earlier send, or a run killed while sending):
 * its answer may have been lost. `lastAttemptAt` is when that was last known to be going on.
 */
export interface PreviousSend {
  readonly lastAttemptAt: Date;
}

/** A granted grant to take back (campaign canceled): `providerReference` is what `grant` returned. */
export interface GrantToRevoke extends GrantToSend {
  readonly providerReference: string | null;
}

/**
 * What a revoke decided: `revoked` (now or earlier: the provider has it canceled or never had it),
 * `refused` (the provider said no, or cannot be asked for this grant: kept granted, the reason
 * shown), `unknown` (no answer: kept granted, canceling the campaign again asks again).
 */
export type ProviderRevokeOutcome =
  | { readonly kind: 'revoked' }
  | { readonly kind: 'refused'; readonly providerCode: string; readonly message: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * A free-rounds provider, as campaigns see it. Campaign logic knows only this: Choice Gaming's
 * service API is one adapter (providers/), the aggregator's free-round create/get/cancel the next.
 *
 * Contract: `planBatches` splits grants into calls the provider accepts (a provider that takes one
 * player per call returns one batch per grant), keeping order and leaving none out. `grant` must be
 * idempotent on the externalReferenceIds: sending the same batch again is the same grants. A
 * provider whose create call is not idempotent (the aggregator) uses `previousSend` to ask first.
 */
export interface FreeRoundsProvider {
  readonly name: FreeRoundsProviderName;
  planBatches(grants: readonly GrantToSend[]): GrantToSend[][];
  grant(campaign: CampaignTerms, batch: readonly GrantToSend[], batchLabel: string, previousSend: PreviousSend | null): Promise<ProviderGrantOutcome>;
  /** Present when the provider can take a grant back (the aggregator's cancelFreeRound; Choice Gaming has none). Idempotent. */
  readonly revoke?: (campaign: CampaignTerms, grant: GrantToRevoke) => Promise<ProviderRevokeOutcome>;
}

/** Finds the adapter of a campaign's provider and platform; null when none is configured. */
export interface FreeRoundsProviders {
  providerFor(provider: FreeRoundsProviderName, platformId: string): FreeRoundsProvider | null;
}
