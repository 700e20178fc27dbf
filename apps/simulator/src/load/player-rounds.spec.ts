import { LosslessNumber, parse } from 'lossless-json';
import { AMOUNT_SCALE, Money, currencyCodeOf } from '@wallet-platform/money';
import { OperatorClient, type OperatorCall, type PreparedRequest } from '../protocol/operator-client';
import { PlatformIdSequence } from '../protocol/platform-id-sequence';
import { ExpectedBalanceBook } from './expected-balance-book';
import { LoadStatistics } from './load-statistics';
import { PlayerRounds, type RoundMix } from './player-rounds';
import { SeededRandom } from './seeded-random';

const eur = (literal: string) => Money.parseOrThrow(literal, AMOUNT_SCALE, currencyCodeOf('EUR'));
const player = { user_id: 'p1', token: 'eqkB1WoKQCvjrV6taJRN', currency: 'EUR', game_id: '200', balance: '100.00' };
/** Every round a WIN, no identical resends on purpose, one retry after a failure. */
const MIX: RoundMix = { betMinMinor: 100n, betMaxMinor: 100n, winPerMille: 1000, refundPerMille: 0, cancelPerMille: 0, nullTokenPerMille: 0, retryPerMille: 0, retriesMax: 1 };

/**
 * The operator behind a fake transport: a tiny idempotent wallet (by transaction id), and a switch
 * that makes every call fail as a refused connection, as while a gateway restarts.
 */
class FakeOperator {
  balance = eur('100.00');
  down = false;
  readonly applied = new Map<string, string>();

  send(request: PreparedRequest): Promise<OperatorCall> {
    if (this.down) return Promise.resolve({ request, httpStatus: null, bodyText: '', response: null, problem: 'fetch failed: ECONNREFUSED', latencyMs: 1 });
    const { data } = parse(request.body) as { data: Record<string, unknown> };
    const id = (data['transaction_id'] as LosslessNumber).value;
    let stored = this.applied.get(id);
    if (stored === undefined) {
      const amount = eur((data['amount'] as LosslessNumber).value);
      this.balance = data['transaction_type'] === 'BET' ? this.balance.subtract(amount) : this.balance.add(amount);
      stored = this.balance.toDecimalString();
      this.applied.set(id, stored);
    }
    const response = { request: {}, status: 'OK', responseTimestamp: '', hash: '', data: { balance: new LosslessNumber(stored) }, errorCode: null };
    return Promise.resolve({ request, httpStatus: 200, bodyText: '', response, problem: null, latencyMs: 1 });
  }
}

function setUp() {
  const operator = new FakeOperator();
  const client = new OperatorClient({ baseUrl: 'http://127.0.0.1:9/unused', operatorId: 'op', secretKey: 'k'.repeat(20) });
  client.send = (request) => operator.send(request);
  const book = new ExpectedBalanceBook();
  book.open(player.user_id, eur('100.00'));
  const rounds = new PlayerRounds(player, client, book, new PlatformIdSequence(), new SeededRandom(7), MIX, new LoadStatistics());
  return { operator, book, rounds };
}

describe('PlayerRounds after the load: calls left without an answer', () => {
  it('a WIN unanswered while the operator was down is sent again identically, applied once, and the player counts for the proof again', async () => {
    const { operator, book, rounds } = setUp();
    await rounds.step(); // BET 1.00: 99.00
    operator.down = true;
    await rounds.step(); // WIN: no answer, nor on its retry
    expect(book.isUncertain(player.user_id)).toBe(true);
    expect(rounds.needsResolution).toBe(true);

    await rounds.resolve(); // still down: still uncertain
    expect(book.isUncertain(player.user_id)).toBe(true);

    operator.down = false;
    await rounds.resolve();
    expect([book.isUncertain(player.user_id), rounds.needsResolution]).toEqual([false, false]);
    expect(book.compare(player.user_id, operator.balance)).toBeNull();
    expect(book.anomalyCount).toBe(0);
  });

  it('a WIN that was applied although its answer was lost is answered from the stored outcome on the resend, never paid twice', async () => {
    const { operator, book, rounds } = setUp();
    await rounds.step();
    // The operator applies the WIN, but the answer never arrives (nor the retry's).
    const realSend = operator.send.bind(operator);
    let lost = 0;
    operator.send = async (request) => {
      const call = await realSend(request);
      if (lost < 2) {
        lost++;
        return { ...call, httpStatus: null, response: null, problem: 'no answer within 3000 ms' };
      }
      return call;
    };
    await rounds.step();
    expect(book.isUncertain(player.user_id)).toBe(true);
    const balanceAfterWin = operator.balance;

    await rounds.resolve();
    expect(operator.balance.equals(balanceAfterWin)).toBe(true);
    expect(book.isUncertain(player.user_id)).toBe(false);
    expect(book.compare(player.user_id, operator.balance)).toBeNull();
    expect(book.anomalyCount).toBe(0);
  });
});
