import { AMOUNT_SCALE, Money, currencyCodeOf, type CurrencyCode } from '@wallet-platform/money';
import type { TestPlayer } from '../certify/certification-fixtures';
import { OperatorClient, OperatorCommand, resultCodeOf, type OperatorCall, type PreparedRequest } from '../protocol/operator-client';
import { moneyField } from '../protocol/operator-response';
import type { PlatformIdSequence } from '../protocol/platform-id-sequence';
import { cancelData, changeBalanceData, TransactionType, type ChangeBalanceRequest } from '../protocol/request-data';
import type { ExpectedBalanceBook } from './expected-balance-book';
import type { LoadStatistics } from './load-statistics';
import type { SeededRandom } from './seeded-random';

/** How rounds are played. Fractions are per mille; stakes are minor units. */
export interface RoundMix {
  readonly betMinMinor: bigint;
  readonly betMaxMinor: bigint;
  /** Share of rounds that end with a WIN (paid between half and three times the stake). */
  readonly winPerMille: number;
  /** Share of rounds whose stake comes back as a REFUND. */
  readonly refundPerMille: number;
  /** Share of rounds whose BET the platform cancels (a game error). The rest are lost: no second call. */
  readonly cancelPerMille: number;
  /** Share of WINs and REFUNDs sent with token null (the session may have ended). */
  readonly nullTokenPerMille: number;
  /** Share of answered changebalances sent again, identically (the platform missed the answer). */
  readonly retryPerMille: number;
  /** Identical resends after OP_50, a timeout or a transport failure, before giving up. */
  readonly retriesMax: number;
}

/** Codes after which a platform sends the same request again. */
const RETRYABLE_CODES = new Set(['OP_50', 'TIMEOUT', 'TRANSPORT', 'MALFORMED', 'HTTP_500', 'HTTP_502', 'HTTP_503', 'HTTP_504']);
/** After these a BET's outcome is unknown and the platform cancels it (OP_47 says so explicitly). */
const CANCEL_AFTER_BET_CODES = new Set(['OP_47', 'TIMEOUT']);

type RoundState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'bet-placed'; readonly bet: ChangeBalanceRequest; readonly stake: Money }
  | { readonly kind: 'cancel-pending'; readonly bet: ChangeBalanceRequest; readonly stake: Money };

/**
 * One player's rounds as a platform plays them, one request at a time (a player sits at one game):
 * BET; then WIN, REFUND or nothing; a BET whose outcome is unknown is canceled. Each `step` is one
 * logical request with its identical retries, and books every answer in the expected balances.
 */
export class PlayerRounds {
  private state: RoundState = { kind: 'idle' };
  /** A WIN or REFUND left without an answer: the platform owes it and will send it again, identically. */
  private unansweredCredit: { readonly fields: ChangeBalanceRequest; readonly request: PreparedRequest; readonly amount: Money } | null = null;
  private readonly currency: CurrencyCode;

  constructor(
    readonly player: TestPlayer,
    private readonly client: OperatorClient,
    private readonly book: ExpectedBalanceBook,
    private readonly ids: PlatformIdSequence,
    private readonly random: SeededRandom,
    private readonly mix: RoundMix,
    private readonly statistics: LoadStatistics,
  ) {
    this.currency = currencyCodeOf(player.currency);
  }

  get hasPendingCancel(): boolean {
    return this.state.kind === 'cancel-pending';
  }

  /** Something this player's balance depends on is still without an answer. */
  get needsResolution(): boolean {
    return this.unansweredCredit !== null || this.state.kind === 'cancel-pending';
  }

  /**
   * After the load, what a platform does with an unanswered call: the identical credit sent again
   * (the same transaction id, so it is applied at most once), the cancel sent again. An answer
   * settles the player's book, and the player counts for the proof again; no answer keeps it
   * uncertain. One attempt per call: the caller paces the rounds.
   */
  async resolve(): Promise<void> {
    const credit = this.unansweredCredit;
    if (credit) {
      const call = await this.client.send(credit.request);
      this.statistics.record(credit.fields.type, call, true);
      const code = resultCodeOf(call);
      if (RETRYABLE_CODES.has(code) || code === 'OP_47') return;
      this.unansweredCredit = null;
      if (code === 'OK') this.bookApplied(credit.fields, credit.amount, call);
      else {
        this.book.refused(this.player.user_id, credit.fields.transactionId, credit.amount);
        this.book.flag(this.player.user_id, credit.fields.transactionId, `${credit.fields.type} refused with ${code} on its late resend`);
      }
    }
    if (this.state.kind === 'cancel-pending') {
      const { bet, stake } = this.state;
      const call = await this.client.send(this.cancelRequest(bet));
      this.statistics.record('cancel', call, true);
      const code = resultCodeOf(call);
      if (code !== 'OK' && code !== 'OP_41') return;
      this.book.canceled(this.player.user_id, bet.transactionId, stake.negate());
      this.state = { kind: 'idle' };
    }
    if (!this.needsResolution) this.book.resolved(this.player.user_id);
  }

  async step(): Promise<void> {
    if (this.book.isUncertain(this.player.user_id)) return;
    switch (this.state.kind) {
      case 'idle':
        return this.placeBet();
      case 'bet-placed':
        return this.settle(this.state.bet, this.state.stake);
      case 'cancel-pending':
        return this.cancel(this.state.bet, this.state.stake);
    }
  }

  private async placeBet(): Promise<void> {
    const stake = Money.fromMinor(this.random.bigintBetween(this.mix.betMinMinor, this.mix.betMaxMinor), AMOUNT_SCALE, this.currency);
    const roundId = this.ids.next();
    const bet = this.changeBalance(TransactionType.Bet, stake, roundId, this.player.token, false);
    const { call } = await this.exchange('BET', bet.fields.transactionId, bet.request, RETRYABLE_CODES);
    const code = resultCodeOf(call);
    if (code === 'OK') {
      this.bookApplied(bet.fields, stake.negate(), call);
      this.state = { kind: 'bet-placed', bet: bet.fields, stake };
    } else if (CANCEL_AFTER_BET_CODES.has(code) || RETRYABLE_CODES.has(code)) {
      this.state = { kind: 'cancel-pending', bet: bet.fields, stake };
    } else {
      // OP_31 and the like: refused, recorded as refused, round over.
      this.book.refused(this.player.user_id, bet.fields.transactionId, stake.negate());
      this.state = { kind: 'idle' };
    }
  }

  private async settle(bet: ChangeBalanceRequest, stake: Money): Promise<void> {
    const roll = this.random.next() * 1000;
    this.state = { kind: 'idle' };
    const creditPerMille = this.mix.winPerMille + this.mix.refundPerMille;
    if (roll >= creditPerMille && roll < creditPerMille + this.mix.cancelPerMille) return this.cancel(bet, stake);
    if (roll >= creditPerMille) {
      // A lost round has no second call; start the next round at once so each step is one request.
      return this.placeBet();
    }
    const isWin = roll < this.mix.winPerMille;
    const amount = isWin ? Money.fromMinor(this.random.bigintBetween(stake.amountMinor / 2n, stake.amountMinor * 3n), AMOUNT_SCALE, this.currency) : stake;
    const token = this.random.chance(this.mix.nullTokenPerMille) ? null : this.player.token;
    const credit = this.changeBalance(isWin ? TransactionType.Win : TransactionType.Refund, amount, bet.roundId, token, true);
    const { call } = await this.exchange(isWin ? 'WIN' : 'REFUND', credit.fields.transactionId, credit.request, new Set([...RETRYABLE_CODES, 'OP_47']));
    const code = resultCodeOf(call);
    if (code === 'OK') {
      this.bookApplied(credit.fields, amount, call);
    } else if (RETRYABLE_CODES.has(code) || code === 'OP_47') {
      this.unansweredCredit = { fields: credit.fields, request: credit.request, amount };
      this.book.markUncertain(this.player.user_id, `${credit.fields.type} ${credit.fields.transactionId} unanswered after ${this.mix.retriesMax} retries (${code})`);
    } else {
      // A credit must never be refused: the player would lose a win. Booked as refused, flagged.
      this.book.refused(this.player.user_id, credit.fields.transactionId, amount);
      this.book.flag(this.player.user_id, credit.fields.transactionId, `${credit.fields.type} refused with ${code}`);
    }
  }

  private cancelRequest(bet: ChangeBalanceRequest): PreparedRequest {
    return this.client.prepare(
      OperatorCommand.Cancel,
      cancelData({ userId: bet.userId, transactionId: bet.transactionId, roundId: bet.roundId, roundFinished: true, gameId: bet.gameId }),
    );
  }

  private async cancel(bet: ChangeBalanceRequest, stake: Money): Promise<void> {
    const request = this.cancelRequest(bet);
    const { call } = await this.exchange('cancel', bet.transactionId, request, new Set([...RETRYABLE_CODES, 'OP_47']));
    const code = resultCodeOf(call);
    // CANCELED: undone if it was applied. OP_41: never arrived, and will be refused if it does.
    if (code === 'OK' || code === 'OP_41') {
      this.book.canceled(this.player.user_id, bet.transactionId, stake.negate());
      this.state = { kind: 'idle' };
    } else {
      this.book.markUncertain(this.player.user_id, `cancel of BET ${bet.transactionId} answered ${code}`);
    }
  }

  private changeBalance(type: TransactionType, amount: Money, roundId: string, token: string | null, roundFinished: boolean): { request: PreparedRequest; fields: ChangeBalanceRequest } {
    const fields: ChangeBalanceRequest = {
      type,
      token,
      userId: this.player.user_id,
      transactionId: this.ids.next(),
      roundId,
      roundFinished,
      gameId: this.player.game_id,
      currency: this.player.currency,
      amount: amount.toDecimalString(),
      moment: new Date(),
    };
    return { request: this.client.prepare(OperatorCommand.ChangeBalance, changeBalanceData(fields)), fields };
  }

  /**
   * Sends, resends identically on a retryable answer (up to `retriesMax`), and sometimes resends an
   * answered request on purpose; an identical resend must be answered the same way.
   */
  private async exchange(kind: string, transactionId: string, request: PreparedRequest, retryable: ReadonlySet<string>): Promise<{ call: OperatorCall }> {
    let call = await this.client.send(request);
    this.statistics.record(kind, call, false);
    for (let retry = 0; retry < this.mix.retriesMax && retryable.has(resultCodeOf(call)); retry++) {
      call = await this.client.send(request);
      this.statistics.record(kind, call, true);
    }
    if (resultCodeOf(call) === 'OK' && this.random.chance(this.mix.retryPerMille)) {
      const again = await this.client.send(request);
      this.statistics.record(kind, again, true);
      this.checkIdenticalAnswer(kind, transactionId, call, again);
    }
    return { call };
  }

  private checkIdenticalAnswer(kind: string, transactionId: string, first: OperatorCall, again: OperatorCall): void {
    const code = resultCodeOf(again);
    // A retry that fails transiently is normal; one answered differently is not.
    if (RETRYABLE_CODES.has(code) || code === 'OP_47') return;
    const sameBalance = code === 'OK' && first.response!.data['balance'] !== undefined && this.balanceText(first) === this.balanceText(again);
    const sameStatus = code === 'OK' && kind === 'cancel';
    if (!sameBalance && !sameStatus) this.book.flag(this.player.user_id, transactionId, `identical ${kind} resend answered ${code} ${this.balanceText(again)}, first ${this.balanceText(first)}`);
  }

  private balanceText(call: OperatorCall): string {
    try {
      return call.response ? moneyField(call.response.data, 'balance', this.player.currency).toDecimalString() : 'no balance';
    } catch {
      return 'no balance';
    }
  }

  private bookApplied(fields: ChangeBalanceRequest, delta: Money, call: OperatorCall): void {
    this.book.applied(this.player.user_id, fields.transactionId, delta);
    // Requests of one player are sequential, so each OK must show exactly the booked balance.
    const expected = this.book.expectedOf(this.player.user_id).toDecimalString();
    const reported = this.balanceText(call);
    if (reported !== expected) this.book.flag(this.player.user_id, fields.transactionId, `${fields.type} answered balance ${reported}, expected ${expected}`);
  }
}
