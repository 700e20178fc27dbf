import { decodedRequest, rejectionOf, signedRequestBody } from './testing/signed-request';

describe('decodeOperatorRequest: status, cancel and finishround', () => {
  describe('given the vendor status example (whose transaction_date is the impossible 2020-11-31)', () => {
    const data = '{"user_id":"17","transaction_id":3568,"transaction_type":"BET","transaction_date":"2020-11-31","transaction_ts":"1606822496000","round_id":1225}';

    it('when decoded then every field is kept as text, the date accepted as a lookup hint', () => {
      expect(decodedRequest(signedRequestBody('status', data)).command).toEqual({
        name: 'status',
        userId: '17',
        transactionId: '3568',
        transactionType: 'BET',
        transactionDate: '2020-11-31',
        transactionTimestampMs: '1606822496000',
        roundId: '1225',
      });
    });

    it.each([
      ['"transaction_ts":"1606822496000"', '"transaction_ts":"16068224960001"', 'data.transaction_ts: must be unix milliseconds: 1 to 13 digits'],
      ['"transaction_ts":"1606822496000"', '"transaction_ts":1606822496000.5', 'data.transaction_ts: must be unix milliseconds: 1 to 13 digits'],
      ['"transaction_date":"2020-11-31"', '"transaction_date":"2020/11/30"', 'data.transaction_date: must be a date as YYYY-MM-DD'],
      ['"transaction_type":"BET"', '"transaction_type":"ROLLBACK"', 'data.transaction_type: must be one of BET, WIN, REFUND'],
      ['"round_id":1225', '"round_id":null', 'data.round_id: must not be null'],
      [',"round_id":1225', '', 'data.round_id: missing'],
    ])('when %s becomes %s then the answer is OP_50 (status has no OP_49): %s', (from, to, errorMessage) => {
      expect(rejectionOf(signedRequestBody('status', data.replace(from, to)))).toEqual({ errorCode: 'OP_50', errorMessage });
    });

    it('when transaction_ts comes as a number literal then it is accepted as its digits', () => {
      expect(decodedRequest(signedRequestBody('status', data.replace('"1606822496000"', '1606822496000'))).command).toMatchObject({
        transactionTimestampMs: '1606822496000',
      });
    });

    it('when user_id is empty then the answer is OP_34', () => {
      expect(rejectionOf(signedRequestBody('status', data.replace('"17"', '""')))).toEqual({ errorCode: 'OP_34', errorMessage: 'data.user_id: must not be empty' });
    });
  });

  describe('given the vendor cancel example (round_finished null)', () => {
    const data = '{"user_id":"113","transaction_id":327128,"round_id":145658,"round_finished":null,"game_id":5523}';

    it('when decoded then ids are digit strings and round_finished is null', () => {
      expect(decodedRequest(signedRequestBody('cancel', data)).command).toEqual({
        name: 'cancel',
        userId: '113',
        transactionId: '327128',
        roundId: '145658',
        roundFinished: null,
        gameId: '5523',
      });
    });

    it.each([
      ['327128', '"327128x"', 'OP_49', 'data.transaction_id: must be a non-negative integer without sign, fraction, exponent or leading zeros'],
      ['5523', '5523000', 'OP_49', 'data.game_id: more than 6 digits'],
      ['"113"', '113', 'OP_34', 'data.user_id: must be a string'],
    ])('when %s becomes %s then the answer is %s: %s', (from, to, errorCode, errorMessage) => {
      expect(rejectionOf(signedRequestBody('cancel', data.replace(from, to)))).toEqual({ errorCode, errorMessage });
    });
  });

  describe('given the vendor finishround example', () => {
    const data = '{"round_id":533281,"user_id":"398","game_id":46,"round_date":"2023-09-14","round_ts":"1694704880325"}';

    it('when decoded then round, user, game and the round date hints are kept', () => {
      expect(decodedRequest(signedRequestBody('finishround', data, '2023-09-15 22:22:38')).command).toEqual({
        name: 'finishround',
        roundId: '533281',
        userId: '398',
        gameId: '46',
        roundDate: '2023-09-14',
        roundTimestampMs: '1694704880325',
      });
    });

    it.each([
      ['"round_date":"2023-09-14"', '"round_date":"14.09.2023"', 'data.round_date: must be a date as YYYY-MM-DD'],
      ['"round_ts":"1694704880325"', '"round_ts":"-1"', 'data.round_ts: must be unix milliseconds: 1 to 13 digits'],
      ['533281', '5.33281e5', 'data.round_id: must be a non-negative integer without sign, fraction, exponent or leading zeros'],
    ])('when %s becomes %s then the answer is OP_49 (retries stop): %s', (from, to, errorMessage) => {
      expect(rejectionOf(signedRequestBody('finishround', data.replace(from, to)))).toEqual({ errorCode: 'OP_49', errorMessage });
    });
  });
});
