import {
  AwardErrorKind,
  AwardKind,
  WalletCommandType,
  WalletErrorKind,
  type AwardWinCommand,
  type AwardWinReply,
  type WalletCommands,
  type WalletReply,
} from '@wallet-platform/contracts';
import type { JsonLogger } from '@wallet-platform/service-kit';
import { AWARD_RECOVERY_BATCH_MAX, AWARD_RECOVERY_MIN_AGE_MS } from './award-limits';
import { countAward, countRecoveredAward } from './award-metrics';
import { AwardState, awardIdOf, creditKindOf, isSameAward, type Award } from './domain/award';
import type { AwardRepository } from './persistence/award.repository';

/** The wallet as the awards need it: the typed command call of libs/wallet-client (faked in unit tests). */
export interface AwardsWallet {
  call<T extends typeof WalletCommandType.PlayerFacts | typeof WalletCommandType.CreditPromotion>(
    type: T,
    operatorId: string,
    userId: string,
    command: WalletCommands[T]['command'],
  ): Promise<WalletReply<WalletCommands[T]['result']>>;
}

const AMOUNT_PATTERN = /^[0-9]{1,16}\.[0-9]{2}$/;
const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,100}$/;

/**
 * Tournament and promo wins, paid exactly once.
 *
 * 1. A retry (same platform and transaction id) is answered from the record: the same answer as
 *    the first, or the credit asked again while the award is still `crediting`.
 * 2. A new award is checked against the wallet's facts (the session check, the currency), then
 *    recorded `crediting` (the unique constraints decide between concurrent duplicates), then
 *    the wallet is asked to credit it, idempotent on the award id.
 * 3. An award left `crediting` (a crash between 2's steps, a lost answer) is credited by the next
 *    retry or by the recovery pass: never twice (the wallet's key), never lost (the record).
 */
export class AwardsService {
  constructor(
    private readonly repository: AwardRepository,
    private readonly wallet: AwardsWallet,
    private readonly logger: Pick<JsonLogger, 'event'>,
  ) {}

  async award(command: AwardWinCommand): Promise<AwardWinReply> {
    const problem = shapeProblem(command);
    if (problem) return refused(AwardErrorKind.InvalidCommand, problem);
    const { platformId } = command.caller;
    const existing = await this.repository.findByTransaction(platformId, command.transactionId);
    if (existing) return this.answerRetry(existing, command);

    if (command.externalReferenceId !== null) {
      const holder = await this.repository.findByReference(platformId, command.externalReferenceId);
      // The holder may be this very transaction, recorded by a concurrent duplicate since the look-up above: a retry, not a conflict.
      if (holder?.transactionId === command.transactionId) return this.answerRetry(holder, command);
      if (holder) return refused(AwardErrorKind.ReferenceConflict, `externalReferenceId already used by transaction ${holder.transactionId}`);
    }
    const facts = await this.wallet.call(WalletCommandType.PlayerFacts, command.caller.operatorId, command.userId, {
      caller: command.caller,
      userIds: [command.userId],
      token: command.token,
    });
    if (!facts.ok) return refused(unansweredKind(facts.error.kind), 'the wallet could not check the player now');
    if (facts.result.tokenUserId !== command.userId) return refused(AwardErrorKind.InvalidToken, 'token not issued to this player');
    const player = facts.result.players.find((entry) => entry.userId === command.userId);
    if (!player) return refused(AwardErrorKind.PlayerNotFound, 'player not found');
    if (player.currency !== command.currency) return refused(AwardErrorKind.CurrencyMismatch, 'not the player\'s currency');

    const grant = command.externalReferenceId === null ? null : await this.repository.grantOfReference(platformId, command.externalReferenceId);
    if (grant && grant.playerId !== command.userId) return refused(AwardErrorKind.ReferenceOfAnotherPlayer, 'externalReferenceId is a free-round grant of another player');

    const recorded = await this.repository.insert({
      platformId,
      operatorId: command.caller.operatorId,
      kind: command.kind,
      transactionId: command.transactionId,
      externalReferenceId: command.externalReferenceId,
      playerId: command.userId,
      gameId: command.gameId,
      amount: command.amount,
      currency: command.currency,
      campaignId: grant?.campaignId ?? null,
    });
    if (recorded) {
      countAward(recorded.kind, AwardState.Crediting);
      return this.credit(recorded);
    }
    // A concurrent duplicate recorded first, or the reference was taken in between.
    const winner = await this.repository.findByTransaction(platformId, command.transactionId);
    if (winner) return this.answerRetry(winner, command);
    return refused(AwardErrorKind.ReferenceConflict, 'externalReferenceId already used by another transaction');
  }

  /**
   * One pass over awards left `crediting`: each is asked of the wallet again (idempotent). Run at
   * start and every AWARD_RECOVERY_INTERVAL_MS. Returns how many it asked about.
   */
  async recoverCrediting(now: Date = new Date()): Promise<number> {
    const stuck = await this.repository.crediting(new Date(now.getTime() - AWARD_RECOVERY_MIN_AGE_MS), AWARD_RECOVERY_BATCH_MAX);
    for (const award of stuck) {
      const reply = await this.credit(award);
      countRecoveredAward(reply.ok ? 'credited' : isUnanswered(reply.error.kind) ? 'unanswered' : 'refused');
      this.logger.event(reply.ok ? 'info' : 'warn', 'AwardRecovery', 'award left crediting asked again', {
        awardId: awardIdOf(award),
        outcome: reply.ok ? 'credited' : reply.error.kind,
      });
    }
    return stuck.length;
  }

  private async answerRetry(award: Award, command: AwardWinCommand): Promise<AwardWinReply> {
    if (!isSameAward(award, command)) return refused(AwardErrorKind.TransactionConflict, 'transactionId already used for another award');
    switch (award.state) {
      case AwardState.Credited:
        return credited(award, award.balanceAfter as string);
      case AwardState.Refused:
        return refused(award.refusalKind as AwardErrorKind, 'refused when first asked');
      case AwardState.Crediting:
        return this.credit(award);
      default:
        return unreachable(award.state);
    }
  }

  private async credit(award: Award): Promise<AwardWinReply> {
    await this.repository.countAttempt(award.id);
    const reply = await this.wallet.call(WalletCommandType.CreditPromotion, award.operatorId, award.playerId, {
      caller: { platformId: award.platformId, operatorId: award.operatorId },
      userId: award.playerId,
      awardId: awardIdOf(award),
      kind: creditKindOf(award.kind),
      amount: award.amount,
      currency: award.currency,
      campaignCode: award.campaignReference,
    });
    if (reply.ok) {
      if (await this.repository.markCredited(award.id, reply.result.balance, reply.result.ledgerTransactionId)) countAward(award.kind, AwardState.Credited);
      return credited(award, reply.result.balance);
    }
    const final = finalRefusalKind(reply.error.kind);
    if (final === null) return refused(unansweredKind(reply.error.kind), 'the wallet did not pay yet: the award is kept and paid once on a retry');
    if (await this.repository.markRefused(award.id, final)) countAward(award.kind, AwardState.Refused);
    this.logger.event('warn', 'Awards', 'the wallet refused an award', { awardId: awardIdOf(award), kind: final });
    return refused(final, 'refused by the wallet');
  }
}

/**
 * The wallet's answers to a credit that end the award, and those that leave it `crediting` (the
 * credit may or may not have happened, or may still happen): the one table of this decision.
 */
const CREDIT_REFUSALS: Readonly<Record<WalletErrorKind, AwardErrorKind | null>> = {
  [WalletErrorKind.PlayerNotFound]: AwardErrorKind.PlayerNotFound,
  [WalletErrorKind.CurrencyMismatch]: AwardErrorKind.CurrencyMismatch,
  [WalletErrorKind.DuplicateTransaction]: AwardErrorKind.TransactionConflict,
  [WalletErrorKind.OperationFailed]: AwardErrorKind.NotPayable,
  [WalletErrorKind.LimitReached]: AwardErrorKind.NotPayable,
  [WalletErrorKind.InvalidToken]: null,
  [WalletErrorKind.AuthorizationFailed]: null,
  [WalletErrorKind.PlayerBlocked]: null,
  [WalletErrorKind.InsufficientFunds]: null,
  [WalletErrorKind.GameDisabled]: null,
  [WalletErrorKind.TransactionNotFound]: null,
  [WalletErrorKind.Timeout]: null,
  [WalletErrorKind.InvalidCommand]: null,
  [WalletErrorKind.Internal]: null,
};

function finalRefusalKind(kind: WalletErrorKind): AwardErrorKind | null {
  return CREDIT_REFUSALS[kind];
}

/** No final answer: the provider should retry (a timeout says the credit may still land, once). */
function unansweredKind(kind: WalletErrorKind): AwardErrorKind {
  return kind === WalletErrorKind.Timeout ? AwardErrorKind.Timeout : AwardErrorKind.Unavailable;
}

/** The answers that leave an award crediting (see unansweredKind). */
function isUnanswered(kind: AwardErrorKind): boolean {
  return kind === AwardErrorKind.Timeout || kind === AwardErrorKind.Unavailable;
}

function credited(award: Award, balance: string): AwardWinReply {
  return { ok: true, result: { balance, currency: award.currency, awardId: awardIdOf(award) } };
}

function refused(kind: AwardErrorKind, message: string): AwardWinReply {
  return { ok: false, error: { kind, message } };
}

/** The gateway decodes the protocol; this is the command schema, so a bug there changes nothing here. */
function shapeProblem(command: AwardWinCommand): string | null {
  if (typeof command?.caller?.platformId !== 'string' || typeof command.caller.operatorId !== 'string') return 'caller: platformId and operatorId required';
  if (command.kind !== AwardKind.TournamentWin && command.kind !== AwardKind.PromoWin) return 'kind: tournament-win or promo-win';
  if ((command.kind === AwardKind.PromoWin) !== (typeof command.externalReferenceId === 'string')) return 'externalReferenceId: required for a promo win only';
  if (command.externalReferenceId !== null && !ID_PATTERN.test(command.externalReferenceId)) return 'externalReferenceId: 1-100 of [A-Za-z0-9_.:-]';
  if (typeof command.transactionId !== 'string' || !ID_PATTERN.test(command.transactionId)) return 'transactionId: 1-100 of [A-Za-z0-9_.:-]';
  if (typeof command.userId !== 'string' || command.userId.length === 0 || command.userId.length > 100) return 'userId: 1-100 characters';
  if (typeof command.gameId !== 'string' || !/^[0-9]{1,6}$/.test(command.gameId)) return 'gameId: 1-6 digits';
  if (typeof command.amount !== 'string' || !AMOUNT_PATTERN.test(command.amount) || /^0+\.00$/.test(command.amount)) return 'amount: a positive DECIMAL(18,2) literal';
  if (typeof command.currency !== 'string' || !/^[A-Z0-9]{3,4}$/.test(command.currency)) return 'currency: 3-4 of [A-Z0-9]';
  if (typeof command.token !== 'string') return 'token: a string';
  return null;
}

function unreachable(value: never): never {
  throw new Error(`unhandled award state ${String(value)}`);
}
