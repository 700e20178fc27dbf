import { aggregatorUsernameFor } from '@wallet-platform/aggregator-client';
import { AggregatorLaunchPolicyKind, type AggregatorLaunchPolicy } from '@wallet-platform/platform-registry';
import { AMOUNT_SCALE, Money, currencyCodeOf } from '@wallet-platform/money';
import { assertNever } from '../ledger/ledger-kinds';
import type { AggregatorCatalogStore } from '../catalog/aggregator-catalog.store';
import type { TransferAggregator, TransferAggregators } from '../transfers/transfer-aggregators';
import { NothingToTransferError, TransferPlayerNotFoundError, WHOLE_BALANCE, type TransferSender } from '../transfers/transfer-sender';
import { OPEN_TRANSFER_STATES, TransferDirection, TransferState } from '../transfers/transfer-state';
import { TransferInFlightError, type TransferRecord, type TransferStore } from '../transfers/transfer-store';
import { countEnded, countLaunch } from './aggregator-session-metrics';
import { AggregatorSessionState, SessionEndReason, sessionDepositKey, sessionWithdrawKey, type AggregatorSessionRecord } from './aggregator-session-state';
import type { AggregatorSessionStore, SessionPlayer } from './aggregator-session.store';

/** How long an ending waits for a claimed deposit that has not opened yet (PENDING_STALE_MS_DEFAULT's reasoning). */
export const DEPOSIT_CLAIM_STALE_MS = 60_000;

export interface AggregatorLaunchRequest {
  readonly playerId: string;
  readonly aggregatorId: string;
  readonly gameId: string;
  /** The caller's, unique per operator: a retry continues the same launch and never moves money twice. */
  readonly idempotencyKey: string;
  readonly isMobile: boolean;
  readonly lang: string;
  readonly playerIp?: string;
  readonly lobbyUrl?: string;
  readonly cashierUrl?: string;
}

/**
 * What a launch came to:
 * - `launched`: the aggregator's launch answer (url or html) is in the session;
 * - `deposit-in-transit`: the deposit's answer was lost (or it is still being sent): the resolver
 *   decides it from the aggregator's state; the same request again continues once it is posted;
 * - `previous-ending`: the player's previous session is still bringing its money back (its withdraw
 *   is in transit, or was refused and is tried again): nothing of this launch was recorded yet;
 * - `deposit-voided`: the aggregator did not take the deposit: the session ended unfunded.
 */
export type LaunchOutcome =
  | { readonly kind: 'launched'; readonly session: AggregatorSessionRecord; readonly deposit: TransferRecord | null }
  | { readonly kind: 'deposit-in-transit'; readonly session: AggregatorSessionRecord; readonly deposit: TransferRecord }
  | { readonly kind: 'previous-ending'; readonly previous: EndOutcome }
  | { readonly kind: 'deposit-voided'; readonly session: AggregatorSessionRecord; readonly deposit: TransferRecord };

/**
 * What ending a session came to:
 * - `ended`: its money is back (or there was none);
 * - `withdraw-in-transit`: the withdraw's answer was lost, or another transfer of the player
 *   (the session's own deposit) is still in flight: ending goes on once it is decided;
 * - `withdraw-voided`: the aggregator refused the withdraw: the next try (the sweep, or the same
 *   request again) sends a new one.
 */
export type EndOutcome =
  | { readonly kind: 'ended'; readonly session: AggregatorSessionRecord; readonly withdraw: TransferRecord | null }
  | { readonly kind: 'withdraw-in-transit'; readonly session: AggregatorSessionRecord; readonly transfer: TransferRecord | null }
  | { readonly kind: 'withdraw-voided'; readonly session: AggregatorSessionRecord; readonly withdraw: TransferRecord };

export class SessionPlayerBlockedError extends Error {
  constructor(readonly playerId: string) {
    super(`player ${playerId} is blocked: no new session`);
    this.name = 'SessionPlayerBlockedError';
  }
}

export class SessionCurrencyNotSupportedError extends Error {
  constructor(readonly aggregatorId: string, readonly currency: string) {
    super(`aggregator ${aggregatorId} is not configured for ${currency}`);
    this.name = 'SessionCurrencyNotSupportedError';
  }
}

export class AggregatorGameNotFoundError extends Error {
  constructor(readonly aggregatorId: string, readonly gameId: string) {
    super(`game ${gameId} is not in the catalog of ${aggregatorId}`);
    this.name = 'AggregatorGameNotFoundError';
  }
}

export class AggregatorGameNotPlayableError extends Error {
  constructor(readonly aggregatorId: string, readonly gameId: string, readonly why: string) {
    super(`game ${gameId} of ${aggregatorId} is not playable: ${why}`);
    this.name = 'AggregatorGameNotPlayableError';
  }
}

export class SessionKeyReusedError extends Error {
  constructor(readonly idempotencyKey: string, readonly sessionId: string, readonly differingFields: readonly string[]) {
    super(`idempotency key ${idempotencyKey} was used for another launch (${sessionId}; differs in ${differingFields.join(', ')})`);
    this.name = 'SessionKeyReusedError';
  }
}

/** A retry of a launch whose session was ended (by the back office, the sweep, a later launch) before it was launched. */
export class SessionEndedError extends Error {
  constructor(readonly session: AggregatorSessionRecord) {
    super(`aggregator session ${session.id} is ${session.state} (${session.endReason ?? 'no reason'})`);
    this.name = 'SessionEndedError';
  }
}

/**
 * Game sessions at transfer-wallet aggregators: the launch moves the player's money there (the
 * aggregator's launch policy) and asks for the game; ending the session brings all of it back.
 * Every money movement is a transfer of TransferSender (pending + in transit in one database
 * transaction, sent once, an unknown outcome left to the resolver), under a key derived from the
 * session, so a retry, a second replica or a restarted process finds the same transfer and never
 * sends another. The order of the launch is what makes a kill at any line safe:
 * 1. the session row (opening), keyed by the caller's key: killed after → the retry continues it,
 *    or the sweep ends it once idle;
 * 2. the deposit (TransferSender): killed anywhere in it → the transfer's own recovery (resolver);
 *    the retry finds the transfer by its key;
 * 3. the launch call; its answer stored (launched). Killed between → the retry asks again (a launch
 *    moves no money) and the deposit is not repeated.
 */
export class AggregatorSessionService {
  /** Usernames made sure of at the aggregator by this process (createPlayer is idempotent anyway). */
  private readonly ensured = new Set<string>();

  constructor(
    private readonly sessions: AggregatorSessionStore,
    private readonly catalog: Pick<AggregatorCatalogStore, 'findGame'>,
    private readonly transfers: TransferStore,
    private readonly sender: TransferSender,
    private readonly aggregators: TransferAggregators,
  ) {}

  async launch(request: AggregatorLaunchRequest): Promise<LaunchOutcome> {
    const aggregator = this.aggregators.get(request.aggregatorId);
    const player = await this.player(request.playerId);
    const existing = await this.sessions.byKey(player.operatorId, request.idempotencyKey);
    if (existing) {
      assertSameLaunch(existing, request);
      return this.continueLaunch(existing, aggregator, player, request);
    }
    if (player.status === 'blocked') throw new SessionPlayerBlockedError(player.id);
    if (!aggregator.client.currencies.includes(player.currency)) throw new SessionCurrencyNotSupportedError(aggregator.aggregatorId, player.currency);
    await this.assertPlayable(aggregator.aggregatorId, request.gameId);
    // The player comes back from the session before (here or at another aggregator): its money first.
    const live = await this.sessions.liveOfPlayer(player.id);
    if (live) {
      const previous = await this.end(live, SessionEndReason.PlayerReturned);
      if (previous.kind !== 'ended') {
        countLaunch(aggregator.aggregatorId, 'withdraw_in_transit');
        return { kind: 'previous-ending', previous };
      }
    }
    const session = await this.sessions.insert({
      aggregatorId: aggregator.aggregatorId,
      operatorId: player.operatorId,
      idempotencyKey: request.idempotencyKey,
      playerId: player.id,
      aggregatorUsername: aggregatorUsernameFor(aggregator.usernamePrefix, player.operatorId, player.id),
      gameId: request.gameId,
      currency: player.currency,
      launchPolicy: aggregator.launch,
    });
    assertSameLaunch(session, request);
    return this.continueLaunch(session, aggregator, player, request);
  }

  /**
   * Ends a session: every bit of the player's balance there comes back (read with
   * getPlayerBalance, withdrawn by TransferSender's whole-balance policy). Safe to call again at any
   * point: each attempt's withdraw has its own key, and a new attempt starts only after the last
   * one was voided (nothing came back).
   */
  async end(session: AggregatorSessionRecord, reason: SessionEndReason): Promise<EndOutcome> {
    let current = session;
    if (current.state === AggregatorSessionState.Ended) return { kind: 'ended', session: current, withdraw: current.withdrawTransferId ? await this.transfers.find(current.withdrawTransferId) : null };
    if (current.state === AggregatorSessionState.Opening || current.state === AggregatorSessionState.Launched) current = await this.sessions.markEnding(current.id, reason);
    if (current.state === AggregatorSessionState.Ended) return this.end(current, reason);
    if (await this.depositMayStillOpen(current)) return { kind: 'withdraw-in-transit', session: current, transfer: null };
    let attempt = current.withdrawAttempts;
    let withdraw = await this.transfers.byKey(current.operatorId, sessionWithdrawKey(current.id, attempt));
    if (withdraw?.state === TransferState.Voided) {
      // Voided after an earlier call left it unknown (the resolver decided): this call is the next attempt.
      current = await this.sessions.nextWithdrawAttempt(current.id, attempt, `withdraw ${attempt} voided: ${withdraw.outcomeNote ?? ''}`);
      if (current.state !== AggregatorSessionState.Ending) return this.end(current, reason);
      attempt = current.withdrawAttempts;
      withdraw = await this.transfers.byKey(current.operatorId, sessionWithdrawKey(current.id, attempt));
    }
    const key = sessionWithdrawKey(current.id, attempt);
    if (!withdraw) {
      try {
        withdraw = await this.sender.transfer({ aggregatorId: current.aggregatorId, playerId: current.playerId, direction: TransferDirection.Withdraw, amount: WHOLE_BALANCE, idempotencyKey: key });
      } catch (error) {
        if (error instanceof NothingToTransferError) return this.ended(await this.sessions.markEnded(current.id, 'nothing there to withdraw'), null);
        // The session's own deposit (or a transfer made by hand) is still in flight: ending waits for it.
        if (error instanceof TransferInFlightError) return { kind: 'withdraw-in-transit', session: current, transfer: await this.openTransferOf(current) };
        throw error;
      }
    }
    current = await this.sessions.recordWithdraw(current.id, attempt, withdraw.id);
    switch (withdraw.state) {
      case TransferState.Posted:
        return this.ended(await this.sessions.markEnded(current.id, `withdrawn ${withdraw.amount} ${withdraw.currency}`), withdraw);
      case TransferState.Voided:
        return { kind: 'withdraw-voided', session: await this.sessions.nextWithdrawAttempt(current.id, attempt, `withdraw ${attempt} voided: ${withdraw.outcomeNote ?? ''}`), withdraw };
      case TransferState.Pending:
      case TransferState.Sending:
      case TransferState.Unknown:
        return { kind: 'withdraw-in-transit', session: current, transfer: withdraw };
      default:
        return assertNever(withdraw.state);
    }
  }

  /** Ends the player's live session, if any ("the player comes back"), e.g. before a launch at another platform. */
  async playerReturned(playerId: string): Promise<EndOutcome | null> {
    const live = await this.sessions.liveOfPlayer(playerId);
    return live ? this.end(live, SessionEndReason.PlayerReturned) : null;
  }

  /**
   * A launch claimed the deposit before this ending began but its transfer is not there yet (the
   * launch is between its claim and the transfer's open, a few database reads): withdrawing now
   * could leave that deposit behind. Waited for until DEPOSIT_CLAIM_STALE_MS, after which the
   * launch's process is taken for dead (the same bound as an abandoned pending transfer's).
   */
  private async depositMayStillOpen(session: AggregatorSessionRecord): Promise<boolean> {
    if (session.depositTransferId !== null || session.depositSkipped || session.depositClaimedAt === null) return false;
    if (await this.transfers.byKey(session.operatorId, sessionDepositKey(session.id))) return false;
    return Date.now() - Date.parse(session.depositClaimedAt) < DEPOSIT_CLAIM_STALE_MS;
  }

  private ended(session: AggregatorSessionRecord, withdraw: TransferRecord | null): EndOutcome {
    if (session.state === AggregatorSessionState.Ended && session.endReason) countEnded(session.aggregatorId, session.endReason);
    return { kind: 'ended', session, withdraw };
  }

  private async continueLaunch(session: AggregatorSessionRecord, aggregator: TransferAggregator, player: SessionPlayer, request: AggregatorLaunchRequest): Promise<LaunchOutcome> {
    switch (session.state) {
      case AggregatorSessionState.Launched:
        return { kind: 'launched', session, deposit: session.depositTransferId ? await this.transfers.find(session.depositTransferId) : null };
      case AggregatorSessionState.Ending:
      case AggregatorSessionState.Ended: {
        if (session.endReason === SessionEndReason.DepositVoided && session.depositTransferId) {
          return { kind: 'deposit-voided', session, deposit: await this.transfers.mustFind(session.depositTransferId) };
        }
        throw new SessionEndedError(session);
      }
      case AggregatorSessionState.Opening:
        return this.fundAndLaunch(session, aggregator, player, request);
      default:
        return assertNever(session.state);
    }
  }

  private async fundAndLaunch(opening: AggregatorSessionRecord, aggregator: TransferAggregator, player: SessionPlayer, request: AggregatorLaunchRequest): Promise<LaunchOutcome> {
    let session = opening;
    let deposit: TransferRecord | null = null;
    if (session.depositTransferId) {
      deposit = await this.transfers.mustFind(session.depositTransferId);
    } else if (!session.depositSkipped) {
      // The player must exist there before the launch, whether or not money moves.
      await this.ensurePlayer(aggregator, session.aggregatorUsername);
      session = await this.sessions.claimDeposit(session.id);
      if (session.state !== AggregatorSessionState.Opening) return this.continueLaunch(session, aggregator, player, request);
      deposit = await this.deposit(session, player);
      session = await this.sessions.recordDeposit(session.id, deposit?.id ?? null);
      if (session.state !== AggregatorSessionState.Opening) return this.continueLaunch(session, aggregator, player, request);
    }
    if (deposit) {
      switch (deposit.state) {
        case TransferState.Posted:
          break;
        case TransferState.Voided: {
          const ended = await this.sessions.endUnfunded(session.id, `deposit voided: ${deposit.outcomeNote ?? ''}`);
          if (ended.state === AggregatorSessionState.Ended && ended.endReason === SessionEndReason.DepositVoided) {
            countLaunch(aggregator.aggregatorId, 'deposit_voided');
            countEnded(aggregator.aggregatorId, SessionEndReason.DepositVoided);
          }
          return this.continueLaunch(ended, aggregator, player, request);
        }
        case TransferState.Pending:
        case TransferState.Sending:
        case TransferState.Unknown:
          countLaunch(aggregator.aggregatorId, 'deposit_in_transit');
          return { kind: 'deposit-in-transit', session, deposit };
        default:
          return assertNever(deposit.state);
      }
    } else {
      await this.ensurePlayer(aggregator, session.aggregatorUsername);
    }
    // Checked again: the player may have been blocked, or the game switched off, while the deposit
    // was in transit (the money is there; ending the session, or the sweep, brings it back).
    if (player.status === 'blocked') throw new SessionPlayerBlockedError(player.id);
    await this.assertPlayable(aggregator.aggregatorId, session.gameId);
    const launch = await aggregator.client.launchGame({
      username: session.aggregatorUsername,
      gameId: session.gameId,
      isMobile: request.isMobile,
      lang: request.lang,
      currency: session.currency,
      ...(request.playerIp === undefined ? {} : { playerIp: request.playerIp }),
      ...(request.lobbyUrl === undefined ? {} : { lobbyUrl: request.lobbyUrl }),
      ...(request.cashierUrl === undefined ? {} : { cashierUrl: request.cashierUrl }),
    });
    const launched = await this.sessions.markLaunched(session.id, launch.type === 'url' ? { type: 'url', content: launch.url } : { type: 'html', content: launch.html });
    if (launched.state !== AggregatorSessionState.Launched) return this.continueLaunch(launched, aggregator, player, request);
    countLaunch(aggregator.aggregatorId, 'launched');
    return { kind: 'launched', session: launched, deposit };
  }

  /**
   * The launch's deposit by the session's policy, or null when there is nothing to move. The
   * transfer of the session's key, once it exists, is the answer: its amount is never computed again.
   */
  private async deposit(session: AggregatorSessionRecord, player: SessionPlayer): Promise<TransferRecord | null> {
    const key = sessionDepositKey(session.id);
    const existing = await this.transfers.byKey(session.operatorId, key);
    if (existing) return existing;
    const amount = await this.depositAmount(session.launchPolicy, player);
    if (amount === null) return null;
    try {
      return await this.sender.transfer({ aggregatorId: session.aggregatorId, playerId: session.playerId, direction: TransferDirection.Deposit, amount, idempotencyKey: key });
    } catch (error) {
      if (error instanceof NothingToTransferError) return null;
      throw error;
    }
  }

  /** The amount of a policy for this player now: a decimal string, WHOLE_BALANCE, or null (nothing to move). */
  private async depositAmount(policy: AggregatorLaunchPolicy, player: SessionPlayer): Promise<string | null> {
    switch (policy.kind) {
      case AggregatorLaunchPolicyKind.WholeBalance:
        return WHOLE_BALANCE;
      case AggregatorLaunchPolicyKind.Amount: {
        const currency = currencyCodeOf(player.currency);
        const wanted = Money.parseOrThrow(policy.amount, AMOUNT_SCALE, currency);
        const balance = Money.parseOrThrow(await this.transfers.walletBalance(player), AMOUNT_SCALE, currency);
        // Less than the policy's amount: the player takes what they have.
        const amount = balance.compare(wanted) < 0 ? balance : wanted;
        return amount.isPositive() ? amount.toDecimalString() : null;
      }
      default:
        return assertNever(policy);
    }
  }

  private async ensurePlayer(aggregator: TransferAggregator, username: string): Promise<void> {
    if (this.ensured.has(username)) return;
    await aggregator.client.ensurePlayer(username);
    this.ensured.add(username);
  }

  private async assertPlayable(aggregatorId: string, gameId: string): Promise<void> {
    const game = await this.catalog.findGame(aggregatorId, gameId);
    if (!game) throw new AggregatorGameNotFoundError(aggregatorId, gameId);
    if (!game.playable) {
      const why = !game.listedByAggregator ? 'no longer listed by the aggregator' : !game.enabledByOperator ? 'switched off by the operator' : 'its provider is not active there';
      throw new AggregatorGameNotPlayableError(aggregatorId, gameId, why);
    }
  }

  private async player(playerId: string): Promise<SessionPlayer> {
    const player = await this.sessions.player(playerId);
    if (!player) throw new TransferPlayerNotFoundError(playerId);
    return player;
  }

  /** The player's transfer in flight with this session's aggregator (what an ending waits for). */
  private async openTransferOf(session: AggregatorSessionRecord): Promise<TransferRecord | null> {
    const recent = await this.transfers.ofPlayer(session.playerId, 20);
    return recent.find((transfer) => transfer.aggregatorId === session.aggregatorId && OPEN_TRANSFER_STATES.includes(transfer.state)) ?? null;
  }
}

/** A key seen before must name the same launch: player, aggregator, game. */
function assertSameLaunch(session: AggregatorSessionRecord, request: AggregatorLaunchRequest): void {
  const differing = (
    [
      ['playerId', session.playerId, request.playerId],
      ['aggregatorId', session.aggregatorId, request.aggregatorId],
      ['gameId', session.gameId, request.gameId],
    ] as const
  )
    .filter(([, stored, incoming]) => stored !== incoming)
    .map(([field]) => field);
  if (differing.length > 0) throw new SessionKeyReusedError(session.idempotencyKey, session.id, differing);
}
