import { decodedRequest, rejectionOf, signedRequestBody, VALID_TOKEN } from './testing/signed-request';

describe('decodeOperatorRequest: authenticate and balance', () => {
  describe('given authenticate', () => {
    it('when the token is valid then the command carries it', () => {
      expect(decodedRequest(signedRequestBody('authenticate', `{"token":"${VALID_TOKEN}"}`)).command).toEqual({ name: 'authenticate', token: VALID_TOKEN });
    });

    it.each([
      ['{}', 'data.token: missing'],
      ['{"token":null}', 'data.token: must not be null'],
      ['{"token":"tooShort"}', 'data.token: must be 20 to 50 characters of A-Z, a-z, 0-9'],
      [`{"token":"${VALID_TOKEN}|"}`, 'data.token: must be 20 to 50 characters of A-Z, a-z, 0-9'],
    ])('when data is %s then the answer is OP_21: %s', (data, errorMessage) => {
      expect(rejectionOf(signedRequestBody('authenticate', data))).toEqual({ errorCode: 'OP_21', errorMessage });
    });
  });

  describe('given balance', () => {
    const balanceData = (overrides: { token?: string; user_id?: string; currency_code?: string } = {}) =>
      JSON.stringify({ token: VALID_TOKEN, user_id: '611', currency_code: 'EUR', ...overrides });

    it('when the vendor example is decoded then token, user and currency are typed', () => {
      expect(decodedRequest(signedRequestBody('balance', balanceData())).command).toEqual({
        name: 'balance',
        token: VALID_TOKEN,
        userId: '611',
        currencyCode: 'EUR',
      });
    });

    it.each([
      [{ token: 'x' }, 'OP_21', 'data.token: must be 20 to 50 characters of A-Z, a-z, 0-9'],
      [{ user_id: 'a|b' }, 'OP_34', 'data.user_id: must not contain "|"'],
      [{ currency_code: 'Eur' }, 'OP_30', 'data.currency_code: must be 3 to 4 characters of A-Z, 0-9'],
    ])('when %p then the answer is %s: %s', (overrides, errorCode, errorMessage) => {
      expect(rejectionOf(signedRequestBody('balance', balanceData(overrides)))).toEqual({ errorCode, errorMessage });
    });

    it('when a 4-character custom currency is sent then it is accepted', () => {
      expect(decodedRequest(signedRequestBody('balance', balanceData({ currency_code: 'USDT' }))).command).toMatchObject({ currencyCode: 'USDT' });
    });
  });
});
