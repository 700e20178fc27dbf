import { aggregatorUsernameFor } from '@wallet-platform/aggregator-client';
import { AMOUNT_SCALE, Money, currencyCodeOf } from '@wallet-platform/money';
import { assertNever } from '../ledger/ledger-kinds';
import type { TransferAggregators } from './transfer-aggregators';
import { TransferDirection, TransferState, TransferStep } from './transfer-state';
import { replayOrRefuse, type TransferRecord, type TransferStore } from './transfer-store';

/** The amount policy "the whole balance": a deposit moves the player's whole wallet balance, a withdraw their whole balance there. */
export const WHOLE_BALANCE = 'all';

export interface TransferRequest {
  readonly aggregatorId: string;
  readonly playerId: string;
  readonly direction: TransferDirection;
  /** Positive decimal string in the player's currency, at most 2 places; or WHOLE_BALANCE. */
  readonly amount: string;
  /** The caller's, unique per operator: a retry answers the stored transfer and never calls again. */
  readonly idempotencyKey: string;
}

export class NothingToTransferError extends Error {
  constructor(readonly playerId: string, readonly direction: TransferDirection) {
    super(`player ${playerId} has no balance to ${direction === TransferDirection.Deposit ? 'deposit' : 'withdraw'}`);
    this.name = 'NothingToTransferError';
  }
}

export class TransferPlayerNotFoundError extends Error {
  constructor(readonly playerId: string) {
    super(`no player ${playerId}`);
    this.name = 'TransferPlayerNotFoundError';
  }
}

/** Who settled a transfer from its own call's answer (the resolver and support name themselves). */
export const SETTLED_BY_CALL = 'call';

/**
 * Moves money to or from an aggregator. The order is what makes a kill at any line safe:
 * 1. pending, money in transit (one database transaction): killed after → the resolver voids it
 *    once stale (the call was never made);
 * 2. the aggregator balance read and recorded, state sending (committed before the call): killed
 *    after → the resolver treats it as unknown;
 * 3. the call, sent once; its answer settles (applied → posted; refused, never sent → voided) or
 *    leaves it unknown for the resolver. Never resent.
 */
export class TransferSender {
  /** Usernames made sure of at the aggregator by this process (createPlayer is idempotent anyway). */
  private readonly ensured = new Set<string>();

  constructor(
    private readonly store: TransferStore,
    private readonly aggregators: TransferAggregators,
  ) {}

  async transfer(request: TransferRequest): Promise<TransferRecord> {
    const aggregator = this.aggregators.get(request.aggregatorId);
    const player = await this.store.findPlayer(request.playerId);
    if (!player) throw new TransferPlayerNotFoundError(request.playerId);
    const username = aggregatorUsernameFor(aggregator.usernamePrefix, player.operatorId, player.id);
    let amountText = request.amount;
    if (amountText === WHOLE_BALANCE) {
      // The amount is fixed now, before the transfer opens; a retry of the key answers the stored one.
      const existing = await this.store.byKey(player.operatorId, request.idempotencyKey);
      if (existing) return replayOrRefuse(existing, { playerId: player.id, aggregatorId: aggregator.aggregatorId, direction: request.direction, amount: null, currency: null });
      amountText = request.direction === TransferDirection.Deposit ? await this.store.walletBalance(player) : await this.balanceThere(aggregator.aggregatorId, username, player.currency);
      if (/^0(\.0+)?$/.test(amountText)) throw new NothingToTransferError(player.id, request.direction);
    }
    const amount = Money.parseOrThrow(amountText, AMOUNT_SCALE, currencyCodeOf(player.currency));
    const { transfer, created } = await this.store.open({
      aggregatorId: aggregator.aggregatorId,
      operatorId: player.operatorId,
      idempotencyKey: request.idempotencyKey,
      playerId: player.id,
      aggregatorUsername: username,
      direction: request.direction,
      amount,
    });
    // A retry of a key we know: its first request (or the resolver) finishes it, never a second call.
    if (!created) return transfer;
    return this.send(transfer, amount);
  }

  /** The player's balance at the aggregator, cut to our 2 places (what is left below a cent stays there). */
  private async balanceThere(aggregatorId: string, username: string, currency: string): Promise<string> {
    const { balance } = await this.aggregators.get(aggregatorId).client.getPlayerBalance(username, currency);
    if (balance.startsWith('-')) return '0.00';
    const [whole, fraction = ''] = balance.split('.');
    return `${whole}.${fraction.padEnd(2, '0').slice(0, 2)}`;
  }

  private async send(transfer: TransferRecord, amount: Money): Promise<TransferRecord> {
    const { client, transferTimeoutMs, arrivalMarginMs } = this.aggregators.get(transfer.aggregatorId);
    const voidUnsent = (note: string) => this.store.settle(transfer.id, [TransferState.Pending], { step: TransferStep.Voided, note, settledBy: SETTLED_BY_CALL });
    let balanceBefore: string;
    const balanceReadAt = new Date();
    try {
      if (transfer.direction === TransferDirection.Deposit && !this.ensured.has(transfer.aggregatorUsername)) {
        await client.ensurePlayer(transfer.aggregatorUsername);
        this.ensured.add(transfer.aggregatorUsername);
      }
      balanceBefore = (await client.getPlayerBalance(transfer.aggregatorUsername, transfer.currency)).balance;
    } catch (error) {
      // Nothing was sent: the money goes back at once.
      return voidUnsent(`not sent: ${error instanceof Error ? error.message : String(error)}`);
    }
    const sentAt = new Date();
    const resolvableAt = new Date(sentAt.getTime() + transferTimeoutMs + arrivalMarginMs);
    if (!(await this.store.markSending(transfer.id, balanceBefore, balanceReadAt, sentAt, resolvableAt))) {
      // Voided as abandoned meanwhile (this process was too slow): the call must not be made.
      return this.store.mustFind(transfer.id);
    }
    const outcome = transfer.direction === TransferDirection.Deposit ? await client.deposit(transfer.aggregatorUsername, amount) : await client.withdraw(transfer.aggregatorUsername, amount);
    // A definite answer is the truth even if the resolver has meanwhile marked the transfer unknown.
    const sent = [TransferState.Sending, TransferState.Unknown];
    switch (outcome.outcome) {
      case 'applied':
        return this.store.settle(transfer.id, sent, {
          step: TransferStep.Posted,
          walletTxId: outcome.receipt.player.txId,
          txId: outcome.receipt.txId,
          note: `applied: balance there ${outcome.receipt.player.beforeBalance} -> ${outcome.receipt.player.afterBalance}`,
          settledBy: SETTLED_BY_CALL,
        });
      case 'refused':
        return this.store.settle(transfer.id, sent, { step: TransferStep.Voided, note: `refused: ${outcome.refusal.codeText}: ${outcome.refusal.message}`, settledBy: SETTLED_BY_CALL });
      case 'not-sent':
        return this.store.settle(transfer.id, sent, { step: TransferStep.Voided, note: `not sent: ${outcome.reason}`, settledBy: SETTLED_BY_CALL });
      case 'unknown':
        return this.store.markUnknown(transfer.id, `unknown: ${outcome.reason}`, resolvableAt, { countAttempt: false });
      default:
        return assertNever(outcome);
    }
  }
}
