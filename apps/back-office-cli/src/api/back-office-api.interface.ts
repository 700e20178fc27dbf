/**
 * The back-office API's requests and answers as the wallet sends them
 * (docs/back-office-openapi.json; where the contract leaves an answer's schema out, the shape is
 * the one the wallet's controllers return and its end-to-end tests check). Money is always a
 * decimal string and is passed through untouched: this client never does arithmetic on it.
 */

export type PlayerStatus = 'active' | 'blocked';

export interface CreatePlayerRequest {
  readonly operatorId: string;
  readonly userId: string;
  readonly userName: string;
  readonly displayName?: string;
  readonly country: string;
  readonly currency: string;
  readonly group?: string;
}

export interface PlayerView {
  readonly playerId: string;
  readonly operatorId: string;
  readonly userId: string;
  readonly userName: string;
  readonly displayName: string | null;
  readonly country: string;
  readonly currency: string;
  readonly group: string | null;
  readonly status: PlayerStatus;
  readonly balance: string;
  readonly createdAt: string;
}

/** One page of a list; `nextCursor` is null on the last page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface PageQuery {
  readonly limit?: number;
  readonly cursor?: string;
}

export interface SearchPlayersQuery extends PageQuery {
  readonly operatorId?: string;
  readonly q?: string;
  readonly status?: string;
}

export type CashierKind = 'deposit' | 'withdrawal' | 'adjustment';

export interface CashierMovementRequest {
  readonly idempotencyKey: string;
  /** Positive for deposits and withdrawals; signed and non-zero for adjustments. */
  readonly amount: string;
  readonly reason: string;
}

export interface CashierOperationView {
  readonly operationId: string;
  readonly kind: CashierKind;
  /** Signed change of the balance. */
  readonly amount: string;
  readonly currency: string;
  readonly balanceAfter: string;
  readonly reason: string;
  readonly performedBy: string;
  readonly createdAt: string;
}

/** Absent: keep the limit; null: remove it. */
export interface PlayerLimitsRequest {
  readonly dailyWagerLimit?: string | null;
  readonly dailyLossLimit?: string | null;
}

export interface PlayerLimitsView {
  readonly dailyWagerLimit: string | null;
  readonly dailyLossLimit: string | null;
  readonly wageredToday: string;
  readonly netLossToday: string;
}

export interface HistoryQuery extends PageQuery {
  readonly from?: string;
  readonly to?: string;
  readonly gameId?: string;
  readonly status?: string;
}

export interface TransactionsQuery extends HistoryQuery {
  readonly type?: string;
}

export interface TransactionView {
  readonly source: 'game' | 'cashier';
  readonly type: string;
  readonly reference: string | null;
  readonly platformId: string | null;
  readonly roundId: string | null;
  readonly gameId: string | null;
  /** Signed change of the balance ("0.00" when refused). */
  readonly amount: string;
  readonly currency: string;
  readonly status: 'OK' | 'ERROR' | 'CANCELED';
  readonly errorKind: string | null;
  readonly balanceAfter: string | null;
  readonly createdAt: string;
}

export interface RoundView {
  readonly platformId: string;
  readonly roundId: string;
  readonly gameId: string;
  readonly currency: string;
  readonly status: 'open' | 'finished';
  readonly betTotal: string;
  readonly winTotal: string;
  readonly refundTotal: string;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

export type LaunchMode = 'real' | 'fun' | 'lobby';
export type LaunchDevice = 'desktop' | 'mobile';

export interface LaunchGameRequest {
  readonly platformId: string;
  readonly mode: LaunchMode;
  readonly gameId?: string;
  readonly lobbyId?: string;
  readonly language: string;
  readonly device: LaunchDevice;
  readonly homeUrl?: string;
  readonly depositUrl?: string;
  readonly clientName?: string;
  readonly sessionHours?: number;
}

export interface LaunchView {
  readonly launchUrl: string;
  /** Null in fun mode (no session). */
  readonly token: string | null;
  readonly expiresAt: string | null;
}

export interface CatalogPlatformView {
  readonly platformId: string;
  readonly operatorId: string;
  readonly apiBaseUrl: string;
}

export interface GamesQuery extends PageQuery {
  readonly platformId?: string;
  readonly playable?: 'true' | 'false';
}

export interface GameView {
  readonly platformId: string;
  readonly gameId: string;
  readonly title: string | null;
  readonly vendor: string | null;
  readonly type: string | null;
  readonly enabledByPlatform: boolean;
  readonly enabledByOperator: boolean;
  readonly playable: boolean;
  readonly funMode: boolean;
  readonly campaigns: boolean;
  readonly createdOn: string | null;
  readonly createdAt: string;
}

export type CatalogSyncOutcome = 'ok' | 'failed' | 'skipped';

export interface CatalogSyncResult {
  readonly platformId: string;
  readonly operatorId: string;
  readonly outcome: CatalogSyncOutcome;
  readonly gamesSeen: number;
  readonly gamesDisabledByPlatform: number;
  readonly lobbiesSeen: number;
  readonly error: string | null;
}

/** The body of every 4xx answer: `fields` only on 400 validation_failed. */
export interface ApiErrorBody {
  readonly error: string;
  readonly message?: string;
  readonly fields?: ReadonlyArray<{ readonly field: string; readonly problems: readonly string[] }>;
}

// Campaigns (the promotions service's back office, /back-office/v1/campaigns).

export interface CreateCampaignRequest {
  readonly reference: string;
  readonly name: string;
  readonly provider: string;
  readonly platformId: string;
  readonly kind: 'freeRounds' | 'freeRoundsByBet';
  readonly gameId: string;
  readonly roundsCount: number;
  readonly betAmount: string;
  readonly currency: string;
  readonly validUntil: string;
}

export interface CampaignView extends CreateCampaignRequest {
  readonly state: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

export interface CampaignListView {
  readonly items: readonly CampaignView[];
  readonly hasMore: boolean;
}

export interface CampaignListQuery {
  readonly provider?: string;
  readonly platformId?: string;
  readonly state?: string;
  readonly limit?: number;
}

/** A cancel's answer: pending grants no longer sent, granted ones the provider took back (aggregator), and those it did not. */
export interface CancelCampaignView {
  readonly canceledGrants: number;
  readonly revokedGrants: number;
  readonly notRevoked: ReadonlyArray<{ readonly playerId: string; readonly outcome: 'refused' | 'unknown'; readonly detail: string }>;
  readonly revokesLeft: number;
}

export interface AddCampaignPlayersView {
  readonly received: number;
  readonly added: number;
  readonly skipped: number;
  readonly alreadyInCampaign: number;
}

export interface CampaignSettlementView {
  readonly campaign: string;
  readonly state: string;
  readonly granting: boolean;
  readonly players: Readonly<Record<'total' | 'pending' | 'skipped' | 'granted' | 'rejected' | 'unknown' | 'played' | 'expired' | 'canceled', number>>;
  readonly skipReasons: Readonly<Record<string, number>>;
  readonly rejectionCodes: Readonly<Record<string, number>>;
  readonly roundsGranted: number;
  readonly costByCurrency: Readonly<Record<string, string>>;
  readonly winsByCurrency: Readonly<Record<'freeSpins' | 'promo' | 'tournament', Readonly<Record<string, string>>>>;
  readonly paidByCurrency: Readonly<Record<string, string>>;
}

/** A field of a reconciled row outside the tolerance (reporting's reconciliation result). */
export interface ReconciliationDifferenceView {
  readonly field: string;
  readonly ours: string;
  readonly platform: string;
  readonly difference: string;
}

/** Which report a run compared with (reporting's ReconciliationSource). */
export type ReconciliationSourceView = 'business-report' | 'aggregator';

/** A row: per vendor × currency (business report) or per player (aggregator, with a reason when not comparable). */
export interface ReconciliationRowView {
  readonly vendor?: string;
  readonly player?: { readonly userId: string; readonly username: string };
  readonly currency: string;
  readonly status: string;
  readonly reason?: string;
  readonly differences: readonly ReconciliationDifferenceView[];
}

export interface ReconciliationRunView {
  readonly runId: string;
  /** Absent from a reporting service older than the aggregator source: read as business-report. */
  readonly source?: ReconciliationSourceView;
  /** The platform, or the aggregator for source aggregator. */
  readonly platformId: string;
  readonly operatorId: string;
  readonly day: string;
  readonly trigger: 'schedule' | 'request';
  readonly status: 'matched' | 'mismatched' | 'failed';
  readonly result: {
    readonly tolerance: { readonly amount: string; readonly count: string };
    readonly summary?: { readonly matched: string; readonly mismatched: string; readonly notComparable: string };
    readonly rows: readonly ReconciliationRowView[];
  } | null;
  readonly error: string | null;
  readonly ranAt: string;
}

export interface ReconciliationRunsQuery {
  readonly from: string;
  readonly to: string;
  readonly source?: ReconciliationSourceView;
  readonly platform?: string;
  readonly pageSize?: number;
}

// aggregator transfers (the wallet's /aggregator-transfers; docs/aggregator.md)

export type AggregatorTransferDirection = 'deposit' | 'withdraw';

export interface AggregatorTransferRequest {
  readonly aggregatorId: string;
  readonly direction: AggregatorTransferDirection;
  /** A decimal string, or "all" (the whole balance). */
  readonly amount: string;
  readonly idempotencyKey: string;
}

export interface AggregatorTransferView {
  readonly id: string;
  readonly aggregatorId: string;
  readonly playerId: string;
  readonly aggregatorUsername: string;
  readonly direction: AggregatorTransferDirection;
  readonly amount: string;
  readonly currency: string;
  /** pending, sending, unknown (money in transit), posted, voided. */
  readonly state: string;
  readonly idempotencyKey: string;
  readonly aggregatorBalanceBefore: string | null;
  readonly sentAt: string | null;
  readonly outcomeNote: string | null;
  readonly aggregatorTxId: string | null;
  readonly aggregatorWalletTxId: string | null;
  readonly resolutionAttempts: number;
  readonly nextResolutionAt: string | null;
  readonly settledBy: string | null;
  readonly createdAt: string;
  readonly settledAt: string | null;
}

export interface AggregatorSettleRequest {
  readonly outcome: 'posted' | 'voided';
  readonly walletTxId?: string;
  readonly reason: string;
}

export interface AggregatorBalanceCheckView {
  readonly aggregatorId: string;
  readonly checkedAt: string;
  readonly complete: boolean;
  readonly rows: readonly {
    readonly operatorId: string;
    readonly currency: string;
    readonly held: string;
    readonly inTransit: string;
    readonly balancesThere: string;
    readonly difference: string;
    readonly players: number;
    readonly unreadable: number;
  }[];
}

// aggregators' catalog, a player's history and game logs there, the balance drift check (docs/aggregator.md)

export interface AggregatorCategoryView {
  readonly id: string;
  readonly label: string;
}

export interface AggregatorGameView {
  readonly aggregatorId: string;
  readonly gameId: string;
  readonly name: string;
  readonly logoUrl: string | null;
  readonly category: AggregatorCategoryView;
  readonly providerId: string | null;
  readonly providerName: string | null;
  readonly listedByAggregator: boolean;
  readonly goneSince: string | null;
  readonly enabledByOperator: boolean;
  readonly playable: boolean;
  readonly updatedAt: string;
}

export interface AggregatorGamesQuery {
  readonly providerId?: string;
  readonly categoryId?: string;
  readonly playable?: 'true' | 'false';
  readonly limit?: number;
  readonly cursor?: string;
}

export interface AggregatorProviderView {
  readonly aggregatorId: string;
  readonly providerId: string;
  readonly name: string;
  readonly logoUrl: string | null;
  readonly active: boolean;
  readonly online: boolean;
  readonly categories: readonly AggregatorCategoryView[];
  readonly listedByAggregator: boolean;
  readonly goneSince: string | null;
  readonly gamesListed: number;
}

export interface AggregatorCatalogSyncView {
  readonly aggregatorId: string;
  readonly outcome: 'ok' | 'failed' | 'skipped';
  readonly gamesSeen: number;
  readonly gamesGone: number;
  readonly providersSeen: number;
  readonly error: string | null;
}

export interface AggregatorHistoryQuery {
  readonly page?: number;
  readonly perPage?: number;
  readonly from?: string;
  readonly to?: string;
  readonly gameId?: string;
  readonly roundId?: string;
}

/** One history entry as the aggregator gives it (the fields `bo` shows). */
export interface AggregatorHistoryEntryView {
  readonly id: string;
  readonly provider: { readonly id: string; readonly name: string };
  readonly game: { readonly gameId: string; readonly name: string; readonly category: string };
  readonly roundId: string;
  readonly walletTxId: string;
  readonly txType: { readonly id: number; readonly label: string; readonly flag: string };
  readonly amount: { readonly providerCurrency: string; readonly playerCurrency: string; readonly providerAmount: string; readonly playerAmount: string };
  readonly walletBeforeBalance: string;
  readonly walletAfterBalance: string;
  readonly receivedAt: string;
}

export interface AggregatorHistoryView {
  readonly aggregatorId: string;
  readonly username: string;
  readonly page: number;
  readonly perPage: number;
  readonly hasNext: boolean;
  readonly currencyGroups: readonly { readonly currency: string; readonly items: readonly AggregatorHistoryEntryView[] }[];
}

export type AggregatorGameLogQuery = { readonly historyId: string } | { readonly gameId: string; readonly roundId: string };

/** By log type, as the wallet passes it on (the aggregator's document lists these six). */
export type AggregatorGameLogContent =
  | { readonly logType: 'nodata' }
  | { readonly logType: 'iframe'; readonly url: string }
  | { readonly logType: 'hand'; readonly hands: readonly { readonly title: string; readonly cards: readonly string[]; readonly result: string }[] }
  | { readonly logType: 'roulette'; readonly pockets: readonly { readonly number: string; readonly color: string; readonly evenOdd: string }[] }
  | { readonly logType: 'dice'; readonly dices: readonly string[] }
  | { readonly logType: 'table'; readonly rows: readonly { readonly key: string; readonly value: string }[] };

export interface AggregatorGameLogView {
  readonly aggregatorId: string;
  readonly username: string;
  readonly providerId: string;
  readonly gameType: string;
  readonly gameName: string;
  readonly roundId: string;
  readonly resultGameName: string;
  readonly gameResult: string;
  readonly view: AggregatorGameLogContent;
  readonly transactions: readonly {
    readonly id: string;
    readonly type: string;
    readonly providerAmount: string;
    readonly providerCurrency: string;
    readonly walletCurrency: string;
    readonly beforeBalance: string;
    readonly afterBalance: string;
    readonly createdAt: string;
  }[];
}

export interface AggregatorBalanceDriftView {
  readonly aggregatorId: string;
  readonly checkedAt: string;
  readonly complete: boolean;
  readonly rows: readonly {
    readonly operatorId: string;
    readonly currency: string;
    readonly held: string;
    readonly heldByTransfers: string;
    readonly balancesThere: string;
    readonly playThere: string;
    readonly heldForChecked: string;
    readonly drift: string;
    readonly players: number;
    readonly playersChecked: number;
    readonly playersSkipped: { readonly 'transfer-in-flight': number; readonly 'balance-moving': number; readonly unreadable: number };
  }[];
  readonly skipped: readonly { readonly playerId: string; readonly reason: string; readonly detail: string }[];
}

export interface AggregatorLaunchRequest {
  readonly aggregatorId: string;
  readonly gameId: string;
  readonly idempotencyKey: string;
  readonly language: string;
  readonly device: LaunchDevice;
  readonly playerIp?: string;
  readonly lobbyUrl?: string;
  readonly cashierUrl?: string;
}

/** A player's game session at an aggregator (opening, launched, ending, ended). */
export interface AggregatorSessionView {
  readonly id: string;
  readonly aggregatorId: string;
  readonly playerId: string;
  readonly aggregatorUsername: string;
  readonly gameId: string;
  readonly currency: string;
  readonly state: string;
  readonly idempotencyKey: string;
  readonly launchPolicy: Readonly<Record<string, unknown>>;
  readonly depositTransferId: string | null;
  readonly depositSkipped: boolean;
  readonly withdrawAttempts: number;
  readonly withdrawTransferId: string | null;
  readonly endReason: string | null;
  readonly endNote: string | null;
  readonly createdAt: string;
  readonly launchedAt: string | null;
  readonly endingSince: string | null;
  readonly endedAt: string | null;
}

export interface AggregatorTransferRefView {
  readonly id: string;
  readonly direction: AggregatorTransferDirection;
  readonly amount: string;
  readonly currency: string;
  readonly state: string;
  readonly outcomeNote: string | null;
}

/** 200 `launched`; 202 `deposit_in_transit` or `withdraw_in_transit` (the same request again later). */
export interface AggregatorLaunchView {
  readonly outcome: 'launched' | 'deposit_in_transit' | 'withdraw_in_transit';
  readonly session: AggregatorSessionView;
  readonly launch: { readonly type: 'url'; readonly url: string } | { readonly type: 'html'; readonly html: string } | null;
  readonly transfer: AggregatorTransferRefView | null;
}

/** 200 `ended`; 202 `withdraw_in_transit`. */
export interface AggregatorSessionEndView {
  readonly outcome: 'ended' | 'withdraw_in_transit';
  readonly session: AggregatorSessionView;
  readonly transfer: AggregatorTransferRefView | null;
}
