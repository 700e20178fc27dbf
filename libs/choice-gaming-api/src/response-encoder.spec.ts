import { encodeAwardOkResponse, encodeErrorResponse, encodeOkResponse } from './response-encoder';

describe('Choice Gaming response envelope', () => {
  describe('given a regenerated session', () => {
    it('when encoded then the body is the service-API envelope with code 0, byte for byte', () => {
      expect(encodeOkResponse({ token: 'NewToken0123456789AbCdEf', newGameId: '123', playerId: 'player42' })).toBe(
        '{"code":0,"message":"ok","data":{"token":"NewToken0123456789AbCdEf","newGameId":"123","playerId":"player42"}}',
      );
    });

    it('when the token is not one we would accept then encoding throws: we never answer what we refuse', () => {
      expect(() => encodeOkResponse({ token: 'short', newGameId: '123', playerId: 'p' })).toThrow(/response token/);
      expect(() => encodeOkResponse({ token: 'NewToken0123456789AbCdEf', newGameId: '1234567', playerId: 'p' })).toThrow(/newGameId/);
    });
  });

  describe('given a refusal', () => {
    it('when encoded then data is null, as in the vendor examples', () => {
      expect(encodeErrorResponse({ code: 8, message: 'hash not valid' })).toBe('{"code":8,"message":"hash not valid","data":null}');
    });

    it('when the message holds quotes then it is escaped as JSON', () => {
      expect(encodeErrorResponse({ code: 102, message: 'request not valid: key "__proto__"' })).toBe('{"code":102,"message":"request not valid: key \\"__proto__\\"","data":null}');
    });
  });
});

describe('encodeAwardOkResponse', () => {
  it('given a balance literal then it is written as a JSON number of exactly those digits, never through a float', () => {
    expect(encodeAwardOkResponse({ balance: '0.30', currency: 'EUR', awardId: 'award-1' })).toBe('{"code":0,"message":"ok","data":{"balance":0.30,"currency":"EUR","awardId":"award-1"}}');
    expect(encodeAwardOkResponse({ balance: '12345678901234567.89', currency: 'EUR', awardId: 'award-2' })).toContain('"balance":12345678901234567.89,');
  });

  it.each([
    ['a balance with one decimal', { balance: '1.5', currency: 'EUR', awardId: 'a' }],
    ['a balance with JSON in it', { balance: '1.00,"x":1', currency: 'EUR', awardId: 'a' }],
    ['a lower-case currency', { balance: '1.00', currency: 'eur', awardId: 'a' }],
    ['an award id with a quote', { balance: '1.00', currency: 'EUR', awardId: 'a"b' }],
  ])('given %s then it throws (what we write must be what we accept)', (_case, data) => {
    expect(() => encodeAwardOkResponse(data)).toThrow();
  });
});
