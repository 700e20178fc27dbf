import { parse, type LosslessNumber } from 'lossless-json';
import { OperatorClient } from './operator-client';
import { isRequestEchoedExactly } from './operator-response';
import { requestHashFor } from './operator-signing';
import { PlatformIdSequence } from './platform-id-sequence';
import { changeBalanceData, TransactionType } from './request-data';

const MOMENT = new Date(Date.UTC(2020, 11, 1, 13, 44, 54));

describe('request data as a platform writes it', () => {
  it('given a 20-digit id and amount "0.10", when a changebalance is built, then both are JSON number literals written digit for digit', () => {
    const data = changeBalanceData({
      type: TransactionType.Win,
      token: null,
      userId: '611',
      transactionId: '12345678901234567890',
      roundId: '98765432109876543210',
      roundFinished: null,
      gameId: '200',
      currency: 'EUR',
      amount: '0.10',
      moment: MOMENT,
    });
    expect(data).toBe(
      '{"transaction_type":"WIN","amount":0.10,"currency_code":"EUR","transaction_id":12345678901234567890,"transaction_timestamp":"2020-12-01 13:44:54",' +
        '"round_id":98765432109876543210,"round_finished":null,"game_id":200,"user_id":"611","token":null,"context":{"reason":"not_provided"}}',
    );
    expect((parse(data) as Record<string, LosslessNumber>)['transaction_id'].value).toBe('12345678901234567890');
  });

  it('given an amount that is not a plain decimal literal, when a changebalance is built, then it refuses instead of sending it', () => {
    const build = (amount: string) => () =>
      changeBalanceData({ type: TransactionType.Bet, token: 'T'.repeat(20), userId: 'u', transactionId: '1', roundId: '1', roundFinished: false, gameId: '1', currency: 'EUR', amount, moment: MOMENT });
    expect(build('1e2')).toThrow(RangeError);
    expect(build('01.00')).toThrow(RangeError);
    expect(build('')).toThrow(RangeError);
  });

  it('given a command, when prepared, then the body is signed with sha1(command . timestamp . secret) and X-Authorization with sha1(command . secret)', () => {
    const client = new OperatorClient({ baseUrl: 'http://operator.invalid/api', operatorId: 'casino1', secretKey: 'secret_key' });
    const prepared = client.prepare('balance', '{"token":"x"}' as never, {}, MOMENT);
    expect(prepared.body).toBe('{"command":"balance","request_timestamp":"2020-12-01 13:44:54","hash":"f1abf840b749162aec8bf5d68809b1216f615956","data":{"token":"x"}}');
    expect(requestHashFor('balance', '2020-12-01 13:44:54', 'secret_key')).toBe('f1abf840b749162aec8bf5d68809b1216f615956');
    expect(prepared.headers['X-Operator-Id']).toBe('casino1');
    expect(prepared.headers['X-Authorization']).toBe('93beeafa65bef5edfa6e9a112a9b78cf53e0d800');
  });

  it('given the fault "no X-Authorization", when prepared, then the header is absent', () => {
    const client = new OperatorClient({ baseUrl: 'http://operator.invalid/api', operatorId: 'casino1', secretKey: 'secret_key' });
    expect(client.prepare('balance', '{}' as never, { authorization: null }).headers['X-Authorization']).toBeUndefined();
  });
});

describe('platform ids', () => {
  it('given a start at 2026-11-23 17:00:00 UTC, when ids are drawn, then they are consecutive 20-digit strings beyond a signed 64-bit integer', () => {
    const sequence = new PlatformIdSequence(Date.UTC(2026, 10, 23, 17, 0, 0));
    expect([sequence.next(), sequence.next()]).toEqual(['17954532000000000000', '17954532000000000001']);
    expect(BigInt(sequence.next()) > 2n ** 63n - 1n).toBe(true);
  });
});

describe('request echo comparison', () => {
  const sent = '{"command":"changebalance","data":{"amount":0.10,"transaction_id":12345678901234567890,"token":null}}';

  it('given the same members in another order, when compared, then the echo is exact', () => {
    expect(isRequestEchoedExactly(sent, parse('{"data":{"token":null,"transaction_id":12345678901234567890,"amount":0.10},"command":"changebalance"}'))).toBe(true);
  });

  it('given 0.1 for 0.10, a rounded id, an id as a string, or a missing member, when compared, then the echo is not exact', () => {
    expect(isRequestEchoedExactly(sent, parse('{"command":"changebalance","data":{"amount":0.1,"transaction_id":12345678901234567890,"token":null}}'))).toBe(false);
    expect(isRequestEchoedExactly(sent, parse('{"command":"changebalance","data":{"amount":0.10,"transaction_id":12345678901234567000,"token":null}}'))).toBe(false);
    expect(isRequestEchoedExactly(sent, parse('{"command":"changebalance","data":{"amount":0.10,"transaction_id":"12345678901234567890","token":null}}'))).toBe(false);
    expect(isRequestEchoedExactly(sent, parse('{"command":"changebalance","data":{"amount":0.10,"transaction_id":12345678901234567890}}'))).toBe(false);
  });
});
