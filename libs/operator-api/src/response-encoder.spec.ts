import { currencyCodeOf, Money } from '@wallet-platform/money';
import { isLosslessNumber, parse } from 'lossless-json';
import { responseHashFor } from './operator-hash';
import { parseRequestBody, UNREADABLE_REQUEST_ECHO, type RequestJsonText } from './request-body-parser';
import { encodeResponse, OperatorResponseEncodingError, type OkResponseData } from './response-encoder';

const SECRET_KEY = 'secret_key';
const RESPONSE_TIMESTAMP = '2020-12-01 13:44:55';
const EUR = currencyCodeOf('EUR');
const REQUEST_JSON = '{"command":"balance","request_timestamp":"2020-12-01 13:44:54","hash":"43afab643ee5b94e3b4edbe438f30fa3e97e10c4","data":{"token":"eqkB1WoKQCvjrV6taJRN","user_id":"611","currency_code":"EUR"}}';

function requestJson(text: string): RequestJsonText {
  const parsed = parseRequestBody(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.json;
}

function okBody(data: OkResponseData): string {
  return encodeResponse({ rawRequestJson: requestJson(REQUEST_JSON), status: 'OK', data, responseTimestamp: RESPONSE_TIMESTAMP, secretKey: SECRET_KEY });
}

function eur(literal: string): Money {
  return Money.parseOrThrow(literal, 2, EUR);
}

const OK_HASH = responseHashFor('OK', RESPONSE_TIMESTAMP, SECRET_KEY);
const ERROR_HASH = responseHashFor('ERROR', RESPONSE_TIMESTAMP, SECRET_KEY);

describe('encodeResponse', () => {
  describe('given an OK balance answer of 327.19 EUR', () => {
    it('when encoded then the body is the request passed back, then status, timestamp, hash and data', () => {
      expect(okBody({ command: 'balance', balance: eur('327.19') })).toBe(
        `{"request":${REQUEST_JSON},"response":{"status":"OK","response_timestamp":"2020-12-01 13:44:55","hash":"${OK_HASH}","data":{"balance":327.19,"currency_code":"EUR"}}}`,
      );
    });

    it('when the balance is 0.1 + 0.2 then it is written as the number literal 0.30', () => {
      expect(okBody({ command: 'changebalance', balance: eur('0.1').add(eur('0.2')) })).toContain('"data":{"balance":0.30,"currency_code":"EUR"}');
    });

    it('when the balance is zero then it is written as 0.00', () => {
      expect(okBody({ command: 'balance', balance: eur('0') })).toContain('"balance":0.00,');
    });
  });

  describe('given an OK authenticate answer', () => {
    it('when display_name and group are given then they are written in the vendor example order', () => {
      const body = okBody({
        command: 'authenticate',
        userId: '25343',
        userName: 'john_doe',
        displayName: 'John Doe',
        userCountry: 'Germany',
        group: 'vip',
        balance: eur('420.76'),
      });

      expect(body).toContain(
        '"data":{"user_id":"25343","user_name":"john_doe","display_name":"John Doe","user_country":"Germany","group":"vip","balance":420.76,"currency_code":"EUR"}',
      );
    });

    it('when display_name and group are absent then they are left out', () => {
      const body = okBody({ command: 'authenticate', userId: '25343', userName: 'john_doe', userCountry: 'Germany', displayName: null, balance: eur('420.76') });

      expect(body).toContain('"data":{"user_id":"25343","user_name":"john_doe","user_country":"Germany","balance":420.76,"currency_code":"EUR"}');
    });

    it('when a name needs JSON escaping then it is escaped', () => {
      const body = okBody({ command: 'authenticate', userId: '1', userName: 'jo "the" doe\\', userCountry: 'Österreich', balance: eur('1') });

      expect(body).toContain('"user_name":"jo \\"the\\" doe\\\\","user_country":"Österreich"');
    });
  });

  describe('given status, cancel and finishround answers', () => {
    it('when status is OK for a 20-digit transaction then the id is a number literal with its exact digits', () => {
      expect(okBody({ command: 'status', userId: '17', transactionId: '12345678901234567890', transactionStatus: 'OK' })).toContain(
        '"data":{"user_id":"17","transaction_id":12345678901234567890,"transaction_status":"OK"}',
      );
    });

    it('when cancel succeeded then the status is CANCELED', () => {
      expect(okBody({ command: 'cancel', userId: '113', transactionId: '327128', transactionStatus: 'CANCELED' })).toContain(
        '"data":{"user_id":"113","transaction_id":327128,"transaction_status":"CANCELED"}',
      );
    });

    it('when finishround succeeded then round, user and game are written', () => {
      expect(okBody({ command: 'finishround', roundId: '533281', userId: '398', gameId: '46' })).toContain('"data":{"round_id":533281,"user_id":"398","game_id":46}');
    });
  });

  describe('given an ERROR answer', () => {
    it('when encoded then data holds the code, the message and any extra debugging fields', () => {
      const body = encodeResponse({
        rawRequestJson: requestJson(REQUEST_JSON),
        status: 'ERROR',
        data: { errorCode: 'OP_31', errorMessage: 'Insufficient funds', extra: { balance: '5.00' } },
        responseTimestamp: RESPONSE_TIMESTAMP,
        secretKey: SECRET_KEY,
      });

      expect(body).toBe(
        `{"request":${REQUEST_JSON},"response":{"status":"ERROR","response_timestamp":"2020-12-01 13:44:55","hash":"${ERROR_HASH}","data":{"error_code":"OP_31","error_message":"Insufficient funds","balance":"5.00"}}}`,
      );
    });

    it('when the message is empty then the code default is used', () => {
      const body = encodeResponse({
        rawRequestJson: UNREADABLE_REQUEST_ECHO,
        status: 'ERROR',
        data: { errorCode: 'OP_50', errorMessage: '' },
        responseTimestamp: RESPONSE_TIMESTAMP,
        secretKey: SECRET_KEY,
      });

      expect(body).toBe(`{"request":{},"response":{"status":"ERROR","response_timestamp":"2020-12-01 13:44:55","hash":"${ERROR_HASH}","data":{"error_code":"OP_50","error_message":"Internal error"}}}`);
    });

    it('when an extra field would shadow error_code then it throws', () => {
      expect(() =>
        encodeResponse({
          rawRequestJson: UNREADABLE_REQUEST_ECHO,
          status: 'ERROR',
          data: { errorCode: 'OP_50', errorMessage: 'x', extra: { error_code: 'OP_00' } },
          responseTimestamp: RESPONSE_TIMESTAMP,
          secretKey: SECRET_KEY,
        }),
      ).toThrow(new OperatorResponseEncodingError('extra field error_code would shadow the error itself'));
    });
  });

  describe('given our own data breaking the protocol rules', () => {
    it.each<[string, OkResponseData, string]>([
      ['a negative balance', { command: 'balance', balance: eur('-0.01') }, 'balance must never be negative, got -0.01 EUR'],
      ['a scale-4 balance', { command: 'balance', balance: Money.parseOrThrow('1', 4, EUR) }, 'balance must have scale 2, got 4'],
      ['a non-digit id', { command: 'status', userId: '1', transactionId: '12a', transactionStatus: 'OK' }, 'transaction_id "12a" is not an id of at most 20 digits'],
      ['a 21-digit id', { command: 'cancel', userId: '1', transactionId: '1'.repeat(21), transactionStatus: 'CANCELED' }, `transaction_id "${'1'.repeat(21)}" is not an id of at most 20 digits`],
      ['a 7-digit game id', { command: 'finishround', roundId: '1', userId: '1', gameId: '1234567' }, 'game_id "1234567" is not an id of at most 6 digits'],
      ['a "|" in user_name', { command: 'authenticate', userId: '1', userName: 'a|b', userCountry: 'DE', balance: eur('1') }, 'user_name: must not contain "|"'],
      ['a 71-character user_id', { command: 'status', userId: 'u'.repeat(71), transactionId: '1', transactionStatus: 'OK' }, 'user_id: longer than 70 characters'],
      ['a cancel not CANCELED', { command: 'cancel', userId: '1', transactionId: '1', transactionStatus: 'OK' as 'CANCELED' }, 'transaction_status "OK" is not allowed for cancel'],
    ])('when the answer has %s then encoding throws', (_, data, message) => {
      expect(() => okBody(data)).toThrow(new OperatorResponseEncodingError(message));
    });

    it('when the response timestamp is not Y-m-d H:i:s then encoding throws', () => {
      expect(() =>
        encodeResponse({ rawRequestJson: UNREADABLE_REQUEST_ECHO, status: 'OK', data: { command: 'balance', balance: eur('1') }, responseTimestamp: '2020-12-01T13:44:55Z', secretKey: SECRET_KEY }),
      ).toThrow(OperatorResponseEncodingError);
    });
  });

  describe('given the encoded body read back with a lossless parser', () => {
    it('when parsed then the balance keeps its two decimals as written', () => {
      const parsed = parse(okBody({ command: 'balance', balance: eur('420.7') })) as { response: { data: { balance: unknown } } };
      const balance = parsed.response.data.balance;

      expect(isLosslessNumber(balance) && balance.value).toBe('420.70');
    });
  });
});
